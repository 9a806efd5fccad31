import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '../core/core.js';
import { writeSyntheticLedger } from './synthetic-case.js';
import { exhibitPath } from '../core/exhibits/store.js';
import { newId } from '../core/ids.js';

/**
 * The benchmark's case: N transactions between a handful of accounts, and exhibits totalling
 * `exhibitBytes` in the content store. Rows go in with raw statements (it is test data, not the
 * path under measurement); exhibits are random bytes, as scanned documents and photos are to zip.
 */
export function buildBenchCase(core: Core, o: { transactions: number; exhibitBytes: number; exhibitFiles: number }): { caseId: string; exhibitBytes: number } {
  const db = core.writer.sqlite;
  const caseId = newId();
  const accounts = Array.from({ length: 20 }, (_, i) => ({ id: newId(), identifier: `DE8937040044053201${String(3000 + i)}` }));
  db.exec('BEGIN');
  writeSyntheticLedger(db, { caseId, number: 'BENCH-1', title: 'Bundle benchmark' }, accounts, o.transactions, (t) => `invoice ${t % 313} settlement`);
  db.exec('COMMIT');

  // One random block, varied per file so every exhibit has its own hash; written once, streamed many times.
  const per = Math.floor(o.exhibitBytes / o.exhibitFiles);
  const block = randomBytes(Math.min(per, 64 << 20));
  const ex = db.prepare("INSERT INTO exhibits (id, case_id, sha256, size, file_name, media_type, description) VALUES (?, ?, ?, ?, ?, 'application/pdf', 'bench')");
  let total = 0;
  for (let f = 0; f < o.exhibitFiles; f++) {
    const tmp = path.join(core.dataDir, `exhibit-${f}.tmp`);
    fs.mkdirSync(core.dataDir, { recursive: true });
    const fd = fs.openSync(tmp, 'w');
    const h = createHash('sha256');
    const head = Buffer.from(`exhibit ${f} `.padEnd(32, '.'));
    fs.writeSync(fd, head);
    h.update(head);
    for (let written = head.length; written < per; ) {
      const chunk = block.subarray(0, Math.min(block.length, per - written));
      fs.writeSync(fd, chunk);
      h.update(chunk);
      written += chunk.length;
    }
    fs.closeSync(fd);
    const sha = h.digest('hex');
    const dest = exhibitPath(core.dataDir, sha);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.renameSync(tmp, dest);
    ex.run(newId(), caseId, sha, per, `scan-${f}.pdf`);
    total += per;
  }
  return { caseId, exhibitBytes: total };
}
