import fs from 'node:fs';
import type { Sqlite } from '../../db/connection.js';
import { parsePublicKey } from '../keys/minisign.js';
import { canonicalAuditRow, chainHash, GENESIS_HASH, type AuditRow, type ChainReport } from './chain.js';
import { checkpointFileOf } from './anchor.js';
import { checkpointSignedBy, noteKeyHash, parseCheckpoint, rootFingerprint, CheckpointFormatError, type ParsedCheckpoint } from './checkpoint.js';
import { Frontier, leafHash } from './merkle.js';
import { DbTree } from './tree.js';
import { inReadSnapshot } from './snapshot.js';

/**
 * The whole log checked in one ordered read: the hash chain, the Merkle tree recomputed from the
 * rows (never trusting the stored nodes), and every signed checkpoint we can find: those in the
 * database, the file beside it, and any the caller brings from elsewhere. A checkpoint kept outside
 * the file is what catches a truncated or re-hashed log: the forger can rebuild the chain and the
 * tree, but cannot make the recomputed root at that size match a root signed before the forgery.
 */

export interface CheckpointCheck {
  source: string;
  origin: string;
  size: number;
  fingerprint: string;
  ok: boolean;
  message: string;
}

export interface LogReport extends ChainReport {
  tree: { ok: boolean; size: number; root: string; storedSize: number; storedRoot: string | null; message?: string };
  checkpoints: CheckpointCheck[];
}

export function verifyLog(sqlite: Sqlite, o: { checkpoints?: { source: string; text: string }[] } = {}): LogReport {
  return inReadSnapshot(sqlite, () => verifyLogIn(sqlite, o));
}

function verifyLogIn(sqlite: Sqlite, o: { checkpoints?: { source: string; text: string }[] }): LogReport {
  const given: { source: string; cp?: ParsedCheckpoint; error?: string }[] = [];
  const add = (source: string, text: string) => {
    try {
      given.push({ source, cp: parseCheckpoint(text) });
    } catch (e) {
      if (!(e instanceof CheckpointFormatError)) throw e;
      given.push({ source, error: e.message });
    }
  };
  for (const r of sqlite.prepare('SELECT note, time FROM audit_checkpoints WHERE local = 1 ORDER BY tree_size').all() as { note: string; time: string }[])
    add(`database (${r.time})`, r.note);
  const file = checkpointFileOf(sqlite);
  if (file && fs.existsSync(file)) add(file, fs.readFileSync(file, 'utf8'));
  for (const c of o.checkpoints ?? []) add(c.source, c.text);

  // Roots of the recomputed tree at each checkpoint's size, taken as the read passes that size.
  const wanted = new Set(given.flatMap((g) => (g.cp ? [g.cp.size] : [])));
  const rootAt = new Map<number, Buffer>();
  const frontier = new Frontier();
  if (wanted.has(0)) rootAt.set(0, frontier.root());

  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let broken: ChainReport['firstBroken'];
  const iter = sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
  for (const r of iter) {
    const canonical = canonicalAuditRow(r);
    if (!broken) {
      if (r.seq !== expectedSeq) broken = { seq: r.seq, id: r.id, reason: `row ${expectedSeq} is missing (next row is ${r.seq})` };
      else if (r.prev_hash !== prev) broken = { seq: r.seq, id: r.id, reason: 'prev_hash does not match the hash of the row before it' };
      else if (chainHash(prev, canonical) !== r.hash) broken = { seq: r.seq, id: r.id, reason: 'row content does not match its hash (edited after it was written)' };
    }
    prev = r.hash;
    expectedSeq++;
    frontier.push(leafHash(Buffer.from(canonical, 'utf8')));
    if (wanted.has(frontier.size)) rootAt.set(frontier.size, frontier.root());
  }
  const rows = frontier.size;
  const root = frontier.root();

  const stored = new DbTree(sqlite);
  const storedSize = stored.size;
  let storedRoot: Buffer | null = null;
  let treeMessage: string | undefined;
  try {
    storedRoot = stored.root(storedSize);
  } catch (e) {
    treeMessage = (e as Error).message;
  }
  const treeOk = storedSize === rows && storedRoot !== null && storedRoot.equals(root);
  if (!treeOk && !treeMessage)
    treeMessage = storedSize !== rows
      ? `the stored Merkle tree has ${storedSize} entries, the log ${rows}`
      : 'the stored Merkle tree does not hash to the root recomputed from the rows';

  // Our own keys, and the keyring: a checkpoint signed with a key file the agency keeps outside.
  const keys = (sqlite.prepare('SELECT public_key FROM signing_keys UNION SELECT public_key FROM keyring').pluck().all() as string[]).flatMap((t) => {
    try {
      return [parsePublicKey(t).publicKey];
    } catch {
      return [];
    }
  });
  const ourOrigin = (sqlite.prepare("SELECT value FROM settings WHERE key = 'audit.origin'").pluck().get() as string | undefined) ?? null;
  const checkpoints: CheckpointCheck[] = given.map(({ source, cp, error }) => {
    if (!cp) return { source, origin: '', size: 0, fingerprint: '', ok: false, message: `not a checkpoint: ${error}` };
    const base = { source, origin: cp.origin, size: cp.size, fingerprint: rootFingerprint(cp.root) };
    if (ourOrigin && cp.origin !== ourOrigin) return { ...base, ok: false, message: `a checkpoint of another log (${cp.origin}; this one is ${ourOrigin})` };
    // A key this installation knows (its own, or the keyring) must verify; a checkpoint signed with a
    // key file kept elsewhere is still checked against the rows, its signature left to whoever holds the key.
    const known = keys.filter((k) => cp.signatures.some((sig) => sig.keyHash.equals(noteKeyHash(cp.origin, k))));
    const signed = known.some((k) => checkpointSignedBy(cp, k));
    if (cp.size > rows)
      return { ...base, ok: false, message: `signed when the log had ${cp.size} entries; it has ${rows}: entries ${rows + 1} to ${cp.size} were deleted` };
    const at = rootAt.get(cp.size)!;
    if (!at.equals(cp.root))
      return { ...base, ok: false, message: `the first ${cp.size} entries no longer hash to the root signed on ${cp.time || 'an unknown date'}: the log before entry ${cp.size + 1} was rewritten` };
    if (known.length > 0 && !signed) return { ...base, ok: false, message: 'the root matches but the signature does not verify under the key it names' };
    if (!signed) return { ...base, ok: true, message: `the log extends the checkpoint of ${cp.time} (signature not checked: its key is neither a signing key nor in the keyring here)` };
    return { ...base, ok: true, message: `the log extends the checkpoint of ${cp.time}, signed` };
  });

  const chainOk = !broken;
  return {
    ok: chainOk && treeOk && checkpoints.every((c) => c.ok),
    rows,
    headHash: prev,
    firstBroken: broken,
    tree: { ok: treeOk, size: rows, root: root.toString('hex'), storedSize, storedRoot: storedRoot?.toString('hex') ?? null, message: treeMessage },
    checkpoints,
  };
}
