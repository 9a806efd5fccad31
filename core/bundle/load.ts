import type { Sqlite } from '../../db/connection.js';
import { canonicalAuditRow, chainHash, type AuditRow } from '../audit/chain.js';
import { ProceedsError, fail } from '../errors.js';
import type { Progress } from '../contract.js';
import { storeExhibitStream } from './exhibit-store.js';
import { fileCipherOf } from '../encryption/file-key.js';
import type { FileCipher } from '../encryption/file-cipher.js';
import * as F from './format.js';
import { assertBundleInScope } from './import-scope.js';
import { emptyStats, TableMerger, type MergeStats } from './merge.js';
import { readRecords } from './records-reader.js';
import type { VerifiedBundle } from './verify.js';

/**
 * Loads a verified bundle's records into a database: the local one (import, with provenance), or a
 * throw-away one (review). Runs inside the caller's transaction; any error rolls everything back.
 */

export interface AuditSegmentCheck {
  rows: number;
  /** Every row's hash recomputes from its prev_hash and content. */
  intact: boolean;
  brokenAt: number | null;
  senderHead: { seq: number; hash: string } | null;
}

export interface LoadResult extends MergeStats {
  caseId: string;
  exhibits: { files: number; stored: number; alreadyHere: number };
  audit: AuditSegmentCheck;
}

const EXHIBIT_NAME = /^data\/exhibits\/([0-9a-f]{64})(?:\.[a-z0-9]{1,10})?$/;

export async function loadBundle(
  sqlite: Sqlite,
  dataDir: string,
  vb: VerifiedBundle,
  o: { origin: { bundleId: string; agency: string } | null; auditInto: 'bundle_audit' | 'audit_log'; progress?: (p: Progress) => void; signal?: AbortSignal; scopeChecked?: boolean },
): Promise<LoadResult> {
  // Validated and scoped before the first write, so a refusal leaves the database untouched.
  if (!o.scopeChecked) await assertBundleInScope(sqlite, vb);
  const stats = emptyStats();
  const idMap = new Map<string, Map<string, string>>();
  const counts = vb.statement.predicate.recordCounts;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  let done = 0;
  const names = vb.names();
  for (const table of F.RECORD_TABLES) {
    if (!F.hasRecords(names, table)) continue;
    const file = F.recordsPath(table);
    const merger = new TableMerger(sqlite, table, idMap, stats, o.origin);
    for await (const { line, row } of readRecords(await vb.read(file), file, table)) {
      merger.merge(row, `${file} line ${line}`);
      if (++done % 5000 === 0) {
        if (o.signal?.aborted) throw fail('Cancelled', 'cancelled.import');
        o.progress?.({ phase: 'importing', done, total });
      }
    }
  }
  o.progress?.({ phase: 'importing', done, total });
  const exhibits = await loadExhibits(dataDir, vb, fileCipherOf(sqlite));
  const audit = await loadAuditSegment(sqlite, vb, o.auditInto, o.origin?.bundleId);
  return { ...stats, caseId: idMap.get('cases')?.get(vb.statement.predicate.case.id) ?? vb.statement.predicate.case.id, exhibits, audit };
}

/** Copies each exhibit's bytes into the content store, re-hashing them on the way. */
async function loadExhibits(dataDir: string, vb: VerifiedBundle, cipher: FileCipher | undefined) {
  const byHash = new Map<string, string>();
  for (const n of vb.names()) {
    const m = EXHIBIT_NAME.exec(n);
    if (m) byHash.set(m[1], n);
  }
  const wanted = new Set<string>();
  for await (const { row } of readRecords(await vb.read(F.recordsPath('exhibits')), F.recordsPath('exhibits'), 'exhibits')) wanted.add(String(row.sha256));
  let stored = 0;
  let alreadyHere = 0;
  for (const sha of wanted) {
    const name = byHash.get(sha);
    if (!name) throw new ProceedsError('Invalid', `exhibit ${sha} is listed in ${F.recordsPath('exhibits')} but its file is not in the bundle`);
    const r = await storeExhibitStream(dataDir, sha, await vb.read(name), cipher);
    if (r.existed) alreadyHere++;
    else stored++;
  }
  return { files: wanted.size, stored, alreadyHere };
}

const AUDIT_COLUMNS = ['seq', 'id', 'at', 'actor', 'agency', 'method', 'entity', 'entity_id', 'case_id', 'before', 'after', 'prev_hash', 'hash'] as const;

/** Keeps the sender's audit rows, checking each row's own link (rows of other cases are not in the segment). */
async function loadAuditSegment(sqlite: Sqlite, vb: VerifiedBundle, into: 'bundle_audit' | 'audit_log', bundleId?: string): Promise<AuditSegmentCheck> {
  const cols = into === 'bundle_audit' ? ['bundle_id', ...AUDIT_COLUMNS] : [...AUDIT_COLUMNS];
  const insert = sqlite.prepare(`INSERT INTO ${into} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  let rows = 0;
  let brokenAt: number | null = null;
  let lastSeq = 0;
  for await (const { line, row } of readRecords(await vb.read(F.AUDIT_JSONL), F.AUDIT_JSONL, 'audit_log')) {
    const r = row as unknown as AuditRow;
    for (const c of AUDIT_COLUMNS)
      if (!(c in r)) throw new ProceedsError('Invalid', `${F.AUDIT_JSONL} line ${line}: ${c} is missing`, [{ path: `${F.AUDIT_JSONL}:${line}.${c}`, message: 'missing' }]);
    if (brokenAt === null && (r.seq <= lastSeq || chainHash(r.prev_hash, canonicalAuditRow(r)) !== r.hash)) brokenAt = r.seq;
    lastSeq = r.seq;
    insert.run(...(into === 'bundle_audit' ? [bundleId, ...AUDIT_COLUMNS.map((c) => r[c])] : AUDIT_COLUMNS.map((c) => r[c])));
    rows++;
  }
  const chunks: Buffer[] = [];
  for await (const c of await vb.read(F.AUDIT_HEAD_JSON)) chunks.push(c as Buffer);
  let senderHead: AuditSegmentCheck['senderHead'];
  try {
    const h = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { seq?: unknown; hash?: unknown };
    senderHead = { seq: Number(h.seq), hash: typeof h.hash === 'string' ? h.hash : '' };
  } catch {
    throw new ProceedsError('Invalid', `${F.AUDIT_HEAD_JSON}: not JSON`);
  }
  return { rows, intact: brokenAt === null, brokenAt, senderHead };
}
