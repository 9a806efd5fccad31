import fs from 'node:fs';
import type { Ctx } from '../context.js';
import { fail } from '../errors.js';
import { exhibitPath, hashFile } from './store.js';
import { fileCipherOf } from '../encryption/file-key.js';
import { findOrphans } from '../maintenance/leftovers.js';

export interface ExhibitProblem {
  sha256: string;
  /** What the stored file now hashes to, when it changed. */
  actualSha256?: string;
  /** Every exhibit record that points at these bytes, so the user sees the file names. */
  exhibits: { id: string; caseId: string; fileName: string }[];
}

export interface ExhibitVerifyReport {
  ok: boolean;
  checked: number;
  bytes: number;
  missing: ExhibitProblem[];
  changed: ExhibitProblem[];
  /** Store files no exhibit points at (left by a killed process); only when the whole database is verified. `proceeds doctor` quarantines them. */
  orphans: { sha256: string; path: string; bytes: number }[];
}

interface Row { id: string; caseId: string; fileName: string; sha256: string; size: number }

/**
 * Re-hashes each stored file once (however many exhibits share it) and names every exhibit whose
 * bytes went missing or no longer match the hash recorded at intake.
 */
export async function verifyExhibits(ctx: Ctx, caseId?: string): Promise<ExhibitVerifyReport> {
  const rows = ctx.sqlite
    .prepare(`SELECT id, case_id AS caseId, file_name AS fileName, sha256, size FROM exhibits ${caseId ? 'WHERE case_id = ?' : ''} ORDER BY sha256, created_at`)
    .all(...(caseId ? [caseId] : [])) as Row[];
  const bySha = new Map<string, Row[]>();
  for (const r of rows) bySha.set(r.sha256, [...(bySha.get(r.sha256) ?? []), r]);
  const bytesTotal = [...bySha.values()].reduce((n, list) => n + list[0].size, 0);
  const report: ExhibitVerifyReport = { ok: true, checked: 0, bytes: 0, missing: [], changed: [], orphans: [] };
  if (!caseId) report.orphans = findOrphans(ctx.sqlite, ctx.dataDir).map(({ sha256, path, bytes }) => ({ sha256, path, bytes }));
  const started = Date.now();
  for (const [sha256, list] of bySha) {
    if (ctx.signal.aborted) throw fail('Cancelled', 'cancelled.verification');
    const exhibits = list.map(({ id, caseId: c, fileName }) => ({ id, caseId: c, fileName }));
    const file = exhibitPath(ctx.dataDir, sha256);
    report.checked++;
    if (!fs.existsSync(file)) {
      report.missing.push({ sha256, exhibits });
      continue;
    }
    const base = report.bytes;
    const actual = await hashFile(file, {
      cipher: fileCipherOf(ctx.sqlite),
      signal: ctx.signal,
      onBytes: (done) => {
        const bytesDone = base + done;
        const rate = bytesDone / Math.max(1, Date.now() - started);
        ctx.progress({ phase: 'hashing', done: report.checked, total: bySha.size, bytesDone, bytesTotal, etaSeconds: (bytesTotal - bytesDone) / rate / 1000 });
      },
    });
    report.bytes += actual.size;
    if (actual.sha256 !== sha256) report.changed.push({ sha256, actualSha256: actual.sha256, exhibits });
  }
  report.ok = report.missing.length === 0 && report.changed.length === 0;
  return report;
}
