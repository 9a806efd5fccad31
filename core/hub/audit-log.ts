import canonicalize from 'canonicalize';
import { asc, eq, sql } from 'drizzle-orm';
import type { HubDb } from '../../db/hub/connection.js';
import { hubAudit } from '../../db/hub/schema.js';
import { signCheckpoint } from '../audit/checkpoint.js';
import { inclusionProof, leafHash, MemoryTree, rootHash, verifyInclusion } from '../audit/merkle.js';
import type { HubKey } from './hub-key.js';

/**
 * The hub's append-only log of every read and write. Each entry is a leaf (RFC 9162) of a Merkle
 * tree the hub signs with its own key: a checkpoint in the same C2SP format as an agency's.
 */

export interface AuditEntry {
  agency: string | null;
  action: string;
  status: number;
  detail: Record<string, unknown>;
}

/** Any transaction or the database itself: both run queries. */
type Runner = Pick<HubDb, 'execute' | 'insert' | 'select'>;

/** The exact bytes of an entry's leaf: canonical JSON (RFC 8785) of what the entry says. */
export const auditEntryBytes = (e: AuditEntry & { seq: number; at: string }) =>
  Buffer.from(canonicalize({ seq: e.seq, at: e.at, agency: e.agency, action: e.action, status: e.status, detail: e.detail })!, 'utf8');

// One number for the log's advisory lock: appends from every hub process take turns.
const AUDIT_LOCK = 0x70726f63;

/** Appends one entry; the caller's transaction (or a fresh one) holds the lock until it commits. */
export async function appendAudit(tx: Runner, e: AuditEntry, at = new Date().toISOString()): Promise<number> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [{ last }] = await tx.select({ last: sql<string | null>`max(${hubAudit.seq})` }).from(hubAudit);
  const seq = Number(last ?? 0) + 1;
  const leaf = leafHash(auditEntryBytes({ ...e, seq, at }));
  await tx.insert(hubAudit).values({ seq, at, agency: e.agency, action: e.action, status: e.status, detail: e.detail, leafHash: leaf.toString('hex') });
  return seq;
}

/** Appends outside any other work (reads, refusals): its own transaction. */
export const logRequest = (db: HubDb, e: AuditEntry) => db.transaction((tx) => appendAudit(tx, e));

export interface HubReceipt {
  /** The hub's signed checkpoint over its log. */
  checkpoint: string;
  entry: number;
  /** The entry's bytes, its leaf index and the inclusion proof (hex) to the checkpoint's root. */
  entryBytes: string;
  leafIndex: number;
  treeSize: number;
  proof: string[];
}

const origin = (name: string) => `proceeds.hub/${name.replace(/[^\w.-]+/g, '-').toLowerCase() || 'hub'}`;

/** Signs the log as it stands and proves `seq` is in it: what an agency keeps to show what the hub had. */
export async function receiptFor(tx: Runner, key: HubKey, hubName: string, seq: number, now = new Date().toISOString()): Promise<HubReceipt> {
  const rows = await tx.select({ seq: hubAudit.seq, leaf: hubAudit.leafHash }).from(hubAudit).orderBy(asc(hubAudit.seq));
  const tree = new MemoryTree(rows.map((r) => Buffer.from(r.leaf, 'hex')));
  const size = tree.size;
  const root = rootHash(tree, size);
  const [row] = await tx.select().from(hubAudit).where(eq(hubAudit.seq, seq));
  const bytes = auditEntryBytes({ seq: row.seq, at: row.at, agency: row.agency, action: row.action, status: row.status, detail: row.detail as Record<string, unknown> });
  const proof = inclusionProof(tree, seq - 1, size);
  if (!verifyInclusion(seq - 1, size, leafHash(bytes), proof, root)) throw new Error(`the hub's audit entry ${seq} does not prove into its own tree`);
  return {
    checkpoint: signCheckpoint({ origin: origin(hubName), size, root, time: now }, key),
    entry: seq,
    entryBytes: bytes.toString('utf8'),
    leafIndex: seq - 1,
    treeSize: size,
    proof: proof.map((h) => h.toString('hex')),
  };
}
