import fs from 'node:fs';
import type { Sqlite } from '../../db/connection.js';
import { newId } from '../ids.js';
import { ProceedsError } from '../errors.js';
import { checkpointSignedBy, parseCheckpoint, rootFingerprint, signCheckpoint, CheckpointFormatError, type ParsedCheckpoint } from './checkpoint.js';
import { consistencyProof, verifyConsistency } from './merkle.js';
import { DbTree, syncTree } from './tree.js';

/**
 * Anchoring the log outside the file: our own signed checkpoints (kept in the database and written
 * beside it), the consistency proofs a bundle carries from each of them to the newest, and the
 * receiver's rule that a checkpoint must extend the last one seen from its origin.
 */

export interface CheckpointKey {
  agency: string;
  publicKey: Buffer;
  seed: Buffer;
}

export interface LocalCheckpoint {
  origin: string;
  size: number;
  root: string;
  fingerprint: string;
  time: string;
  note: string;
  file?: string;
}

/** What a bundle's signed statement carries (predicate.auditLog): see docs/audit-log.md. */
export interface ExportAnchor {
  checkpoint: string;
  /** From every earlier checkpoint of ours to this one, so a receiver who saw any of them can check. */
  consistency: { fromSize: number; proof: string[] }[];
}

const slug = (s: string) => s.normalize('NFKD').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase().slice(0, 60) || 'agency';

/** The log's name in its checkpoints: fixed at the first checkpoint, so it survives a renamed agency. */
export function logOrigin(sqlite: Sqlite, agency: string): string {
  const row = sqlite.prepare("SELECT value FROM settings WHERE key = 'audit.origin'").get() as { value: string } | undefined;
  if (row) return row.value;
  const origin = `proceeds.app/${slug(agency)}/${newId()}`;
  sqlite.prepare("INSERT INTO settings (key, value) VALUES ('audit.origin', ?)").run(origin);
  return origin;
}

export const checkpointFileOf = (sqlite: Sqlite) => (sqlite.name && sqlite.name !== ':memory:' ? `${sqlite.name}.checkpoint` : undefined);

/** Signs the current tree and keeps the checkpoint. The caller holds the write transaction. */
export function writeLocalCheckpoint(sqlite: Sqlite, key: CheckpointKey, o: { reason: string; now: string }): LocalCheckpoint {
  const size = syncTree(sqlite);
  const root = new DbTree(sqlite).root(size);
  const origin = logOrigin(sqlite, key.agency);
  const note = signCheckpoint({ origin, size, root, time: o.now }, key);
  sqlite
    .prepare('INSERT INTO audit_checkpoints (id, origin, tree_size, root_hash, time, note, local, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)')
    .run(newId(), origin, size, root.toString('hex'), o.now, note, o.reason, o.now);
  const file = checkpointFileOf(sqlite);
  if (file) {
    // Temp file then rename: a copy taken at any moment is a whole checkpoint.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, note);
    fs.renameSync(tmp, file);
  }
  return { origin, size, root: root.toString('hex'), fingerprint: rootFingerprint(root), time: o.now, note, file };
}

/** The latest checkpoint of our own log kept in the database. */
export function latestLocalCheckpoint(sqlite: Sqlite): ParsedCheckpoint | undefined {
  const row = sqlite.prepare('SELECT note FROM audit_checkpoints WHERE local = 1 ORDER BY tree_size DESC, created_at DESC LIMIT 1').get() as { note: string } | undefined;
  return row ? parseCheckpoint(row.note) : undefined;
}

/**
 * Called by the bundle export inside its transaction: a fresh checkpoint plus proofs from each
 * earlier size we signed (the last 64), for the statement's predicate.auditLog.
 */
export function exportAnchor(sqlite: Sqlite, key: CheckpointKey, now: string): ExportAnchor {
  const cp = writeLocalCheckpoint(sqlite, key, { reason: 'export', now });
  const tree = new DbTree(sqlite);
  const sizes = (sqlite
    .prepare('SELECT DISTINCT tree_size FROM audit_checkpoints WHERE local = 1 AND origin = ? AND tree_size < ? ORDER BY tree_size DESC LIMIT 64')
    .pluck()
    .all(cp.origin, cp.size) as number[]);
  return {
    checkpoint: cp.note,
    consistency: sizes.map((m) => ({ fromSize: m, proof: consistencyProof(tree, m, cp.size).map((h) => h.toString('base64')) })),
  };
}

export type AcceptResult =
  | { ok: true; origin: string; size: number; extends: number | null; fingerprint: string }
  | { ok: false; origin?: string; message: string; /** What went wrong, for a report's problem code. */ kind: 'malformed' | 'signature' | 'rewritten' | 'shorter' | 'unproven' };

export interface SeenCheckpoint {
  size: number;
  /** Hex. */
  root: string;
  time: string;
}

/**
 * A receiver's rule, read only: a checkpoint is taken only if it extends every checkpoint kept from
 * its origin (and at least the largest one). Each kept size the bundle carries a proof from (or the
 * same size) is checked, so a refusal names the entries that disagree: after the largest kept size
 * that still agrees, up to the smallest that does not. bundles.verify, review and import all ask it.
 */
export function checkCheckpoint(sqlite: Sqlite, anchor: ExportAnchor, publicKey: Buffer, o: { allowOlder?: boolean } = {}): AcceptResult & { parsed?: ParsedCheckpoint } {
  return judgeCheckpoint(anchor, publicKey, (origin) => sqlite
    .prepare('SELECT tree_size AS size, root_hash AS root, min(time) AS time FROM audit_checkpoints WHERE origin = ? GROUP BY tree_size, root_hash ORDER BY tree_size')
    .all(origin) as SeenCheckpoint[], o);
}

/**
 * The rule itself, over the checkpoints seen from the origin (any store: the desktop's SQLite, the
 * hub's PostgreSQL), listed by size with the hex root and the first time each was seen.
 */
export function judgeCheckpoint(
  anchor: ExportAnchor,
  publicKey: Buffer,
  seenFrom: (origin: string) => SeenCheckpoint[],
  o: { allowOlder?: boolean } = {},
): AcceptResult & { parsed?: ParsedCheckpoint } {
  let cp: ParsedCheckpoint;
  try {
    cp = parseCheckpoint(anchor.checkpoint);
  } catch (e) {
    if (e instanceof CheckpointFormatError) return { ok: false, kind: 'malformed', message: `the audit checkpoint is malformed: ${e.message}` };
    throw e;
  }
  if (!checkpointSignedBy(cp, publicKey)) return { ok: false, kind: 'signature', origin: cp.origin, message: `the audit checkpoint of ${cp.origin} is not signed by the bundle's key` };
  const seen = seenFrom(cp.origin);
  const last = seen.at(-1);
  const root = cp.root.toString('hex');
  let agrees: SeenCheckpoint | undefined;
  let disagrees: SeenCheckpoint | undefined;
  for (const s of seen) {
    if (s.size > cp.size) break;
    let ok: boolean | undefined;
    if (s.size === cp.size) ok = s.root === root;
    else {
      const p = anchor.consistency.find((c) => c.fromSize === s.size);
      if (p) ok = verifyConsistency(s.size, cp.size, Buffer.from(s.root, 'hex'), cp.root, p.proof.map((h) => Buffer.from(h, 'base64')));
    }
    if (ok === true && !disagrees) agrees = s;
    if (ok === false && !disagrees) disagrees = s;
  }
  if (disagrees) {
    const from = (agrees?.size ?? 0) + 1;
    const kept = agrees ? ` (entries 1 to ${agrees.size}, seen on ${agrees.time}, still agree)` : '';
    const how = disagrees.size === cp.size ? `at ${cp.size} entries its root is ${root}, not ${disagrees.root}` : `the consistency proof from ${disagrees.size} to ${cp.size} entries fails`;
    return {
      ok: false, kind: 'rewritten', origin: cp.origin,
      message: `the audit log of ${cp.origin} does not extend the one seen on ${disagrees.time}: entries ${from} to ${disagrees.size} were rewritten${kept}; ${how}`,
    };
  }
  if (last && cp.size < last.size && !o.allowOlder)
    return { ok: false, kind: 'shorter', origin: cp.origin, message: `the audit log of ${cp.origin} has ${cp.size} entries, fewer than the ${last.size} seen on ${last.time}: entries ${cp.size + 1} to ${last.size} are gone (a truncated history, or an older bundle)` };
  if (last && cp.size > last.size && !anchor.consistency.some((c) => c.fromSize === last.size))
    return { ok: false, kind: 'unproven', origin: cp.origin, message: `the bundle carries no consistency proof from the ${last.size} entries seen on ${last.time} to its ${cp.size}` };
  return { ok: true, origin: cp.origin, size: cp.size, extends: last?.size ?? null, fingerprint: rootFingerprint(cp.root), parsed: cp };
}

/**
 * checkCheckpoint, then keeps the checkpoint as seen. Does not write when refusing; the caller
 * holds the write transaction. An older bundle accepted on purpose never becomes the newest seen
 * (sizes, not arrival, order them).
 */
export function acceptCheckpoint(
  sqlite: Sqlite,
  anchor: ExportAnchor,
  publicKey: Buffer,
  o: { reason: string; now: string; /** The user accepted an older bundle explicitly (after checking with its sender). */ allowOlder?: boolean },
): AcceptResult {
  const r = checkCheckpoint(sqlite, anchor, publicKey, o);
  if (!r.ok) return r;
  const { parsed: cp, ...result } = r;
  sqlite
    .prepare('INSERT INTO audit_checkpoints (id, origin, tree_size, root_hash, time, note, local, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, 0, ?, ?)')
    .run(newId(), cp!.origin, cp!.size, cp!.root.toString('hex'), cp!.time, cp!.text, o.reason, o.now);
  return result;
}

/**
 * The bundle import's one call: a bundle whose statement carries the sender's checkpoint is refused
 * unless that checkpoint extends the last one seen from the same origin. Old bundles without one
 * pass (nothing to check); the report says so.
 */
export function receiveBundleAnchor(
  sqlite: Sqlite,
  anchor: ExportAnchor | undefined,
  publicKey: Buffer,
  o: { bundleId: string; now: string; allowOlder?: boolean },
): AcceptResult | null {
  if (!anchor) return null;
  const r = acceptCheckpoint(sqlite, anchor, publicKey, { reason: `bundle ${o.bundleId}`, now: o.now, allowOlder: o.allowOlder });
  if (!r.ok) throw new ProceedsError('Conflict', `bundle refused: ${r.message}`, [{ path: 'file', message: r.message }]);
  return r;
}
