import fs from 'node:fs';
import path from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import type { Core } from '../core/core.js';
import { exhibitPath } from '../core/exhibits/store.js';
import { timeKey } from '../core/time.js';
import { newId } from '../core/ids.js';

/**
 * The benchmark's case: N transactions between a handful of accounts, and exhibits totalling
 * `exhibitBytes` in the content store. Rows go in with raw statements (it is test data, not the
 * path under measurement); exhibits are random bytes, as scanned documents and photos are to zip.
 */
export function buildBenchCase(core: Core, o: { transactions: number; exhibitBytes: number; exhibitFiles: number }): { caseId: string; exhibitBytes: number } {
  const db = core.writer.sqlite;
  const caseId = newId();
  const now = new Date().toISOString();
  const accounts = Array.from({ length: 20 }, (_, i) => ({ id: newId(), identifier: `DE8937040044053201${String(3000 + i)}` }));
  db.exec('BEGIN');
  db.prepare("INSERT INTO cases (id, number, title, status) VALUES (?, 'BENCH-1', 'Bundle benchmark', 'open')").run(caseId);
  const acc = db.prepare("INSERT INTO accounts (id, case_id, kind, identifier, identifier_norm, currency) VALUES (?, ?, 'bank', ?, ?, 'EUR')");
  for (const a of accounts) acc.run(a.id, caseId, a.identifier, a.identifier);
  const tx = db.prepare(
    "INSERT INTO transactions (id, case_id, from_account_id, to_account_id, amount_minor, currency, occurred_at, time_key, method, reference, memo, seq) VALUES (?, ?, ?, ?, ?, 'EUR', ?, ?, 'wire', ?, ?, ?)",
  );
  for (let i = 0; i < o.transactions; i++) {
    const from = accounts[i % accounts.length].id;
    const to = accounts[(i * 7 + 3) % accounts.length].id;
    const day = new Date(Date.UTC(2022, 0, 1) + (i % 900) * 86_400_000).toISOString().slice(0, 10);
    const amount = String(100 + ((i * 7919) % 9_999_900));
    tx.run(newId(), caseId, from, to === from ? accounts[(i + 1) % accounts.length].id : to, amount, day, timeKey(day), `REF-${i}`, `invoice ${i % 313} settlement`, i + 1);
  }
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
