import type { Sqlite } from '../../db/connection.js';
import type { AuditRow } from './chain.js';
import { latestLocalCheckpoint } from './anchor.js';
import { parseCheckpoint, rootFingerprint, type ParsedCheckpoint } from './checkpoint.js';
import { consistencyProof, inclusionProof, leafHash, verifyConsistency, verifyInclusion } from './merkle.js';
import { DbTree, entryBytes } from './tree.js';

/**
 * Proofs as printed by `proceeds audit prove` / `audit consistency`: everything a third party needs
 * to check them with a SHA-256 tool and an Ed25519 verifier (docs/audit-log.md).
 */

export interface InclusionProofOut {
  entry: number;
  leafIndex: number;
  treeSize: number;
  /** The exact bytes hashed into the leaf (UTF-8 canonical JSON of the audit row). */
  entryBytes: string;
  leafHash: string;
  root: string;
  proof: string[];
  /** The signed checkpoint whose root the proof leads to, when one covers the entry. */
  checkpoint: string | null;
  verified: boolean;
}

/** Against the newest signed checkpoint that covers the entry, else the current (unsigned) tree. */
export function proveEntry(sqlite: Sqlite, seq: number): InclusionProofOut {
  const row = sqlite.prepare('SELECT * FROM audit_log WHERE seq = ?').get(seq) as AuditRow | undefined;
  if (!row) throw new RangeError(`there is no audit entry ${seq}`);
  const tree = new DbTree(sqlite);
  const cp = latestLocalCheckpoint(sqlite);
  const covering = cp && cp.size >= seq ? cp : undefined;
  const size = covering?.size ?? tree.size;
  const root = tree.root(size);
  const bytes = entryBytes(row);
  const leaf = leafHash(bytes);
  const proof = inclusionProof(tree, seq - 1, size);
  return {
    entry: seq,
    leafIndex: seq - 1,
    treeSize: size,
    entryBytes: bytes.toString('utf8'),
    leafHash: leaf.toString('hex'),
    root: root.toString('hex'),
    proof: proof.map((h) => h.toString('hex')),
    checkpoint: covering?.text ?? null,
    verified: verifyInclusion(seq - 1, size, leaf, proof, covering?.root ?? root),
  };
}

export interface ConsistencyOut {
  origin: string;
  oldSize: number;
  oldRoot: string;
  newSize: number;
  newRoot: string;
  proof: string[];
  /** The checkpoint the proof leads to (the newest of ours), or null if none is signed yet. */
  checkpoint: string | null;
  ok: boolean;
  message: string;
}

/** From an old checkpoint (kept anywhere) to the newest of ours: does the log still extend it? */
export function proveConsistency(sqlite: Sqlite, oldText: string): ConsistencyOut {
  const old: ParsedCheckpoint = parseCheckpoint(oldText);
  const tree = new DbTree(sqlite);
  const latest = latestLocalCheckpoint(sqlite);
  const newer = latest && latest.size >= old.size && latest.origin === old.origin ? latest : undefined;
  const newSize = newer?.size ?? tree.size;
  const base = { origin: old.origin, oldSize: old.size, oldRoot: old.root.toString('hex'), newSize, checkpoint: newer?.text ?? null };
  if (old.size > newSize)
    return { ...base, newRoot: '', proof: [], ok: false, message: `the checkpoint is of ${old.size} entries; the log has ${newSize}: entries ${newSize + 1} to ${old.size} were deleted` };
  const newRoot = tree.root(newSize);
  const proof = consistencyProof(tree, old.size, newSize);
  const ok = verifyConsistency(old.size, newSize, old.root, newer?.root ?? newRoot, proof);
  return {
    ...base,
    newRoot: newRoot.toString('hex'),
    proof: proof.map((h) => h.toString('hex')),
    ok,
    message: ok
      ? `the log of ${newSize} entries (root ${rootFingerprint(newRoot)}) extends the checkpoint of ${old.size} (${old.time})`
      : `the log does NOT extend the checkpoint of ${old.size} entries (${old.time}): its first ${old.size} entries were rewritten`,
  };
}
