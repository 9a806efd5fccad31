import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Sqlite } from '../../db/connection.js';
import type { Actor, AuditChange } from '../context.js';
import { canonicalJson } from './canonical.js';
import { newId } from '../ids.js';
import { leafHash } from './merkle.js';
import { DbTree, syncTree } from './tree.js';
import { canonicalAuditRow, type AuditRow } from './row.js';

export const GENESIS_HASH = '0'.repeat(64);

// The row and its canonical form live in row.ts (tree.ts needs them too, without the chain).
export { canonicalAuditRow, type AuditRow } from './row.js';

export function chainHash(prevHash: string, canonicalRow: string): string {
  return createHash('sha256').update(prevHash).update(canonicalRow).digest('hex');
}

/** Prepared once per connection: imports and demo loads append thousands of rows. */
const statements = new WeakMap<Sqlite, { head: Database.Statement; insert: Database.Statement }>();

function prepared(sqlite: Sqlite) {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      head: sqlite.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1'),
      insert: sqlite.prepare(
        `INSERT INTO audit_log (seq, id, at, actor, agency, method, entity, entity_id, case_id, before, after, prev_hash, hash)
         VALUES (@seq, @id, @at, @actor, @agency, @method, @entity, @entity_id, @case_id, @before, @after, @prev_hash, @hash)`,
      ),
    };
    statements.set(sqlite, s);
  }
  return s;
}

export function auditHead(sqlite: Sqlite): { seq: number; hash: string } {
  const row = prepared(sqlite).head.get() as { seq: number; hash: string } | undefined;
  return row ?? { seq: 0, hash: GENESIS_HASH };
}

/** Appends one audit row; the caller is inside the SQLite transaction of the change itself. */
export function appendAudit(sqlite: Sqlite, actor: Actor, method: string, change: AuditChange, at: string): AuditRow {
  const head = auditHead(sqlite);
  const row = {
    seq: head.seq + 1,
    id: newId(),
    at,
    actor: actor.user,
    agency: actor.agency,
    method,
    entity: change.entity,
    entity_id: change.entityId,
    case_id: change.caseId ?? null,
    before: canonicalJson(change.before ?? null),
    after: canonicalJson(change.after ?? null),
  };
  // The Merkle tree must hold every earlier entry before this one joins it.
  const tree = new DbTree(sqlite);
  if (tree.size !== head.seq) syncTree(sqlite);
  const canonical = canonicalAuditRow(row);
  const hash = chainHash(head.hash, canonical);
  prepared(sqlite).insert.run({ ...row, prev_hash: head.hash, hash });
  tree.append(row.seq - 1, leafHash(Buffer.from(canonical, 'utf8')));
  return { ...row, prev_hash: head.hash, hash };
}

export interface ChainReport {
  ok: boolean;
  rows: number;
  headHash: string;
  /** The first row whose link is broken, and why. */
  firstBroken?: { seq: number; id: string; reason: string };
}

/** Re-computes every link of the chain; reports the first row that does not hold. */
export function verifyAuditChain(sqlite: Sqlite): ChainReport {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  const iter = sqlite.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<AuditRow>;
  for (const r of iter) {
    rows++;
    const fail = (reason: string): ChainReport => ({ ok: false, rows, headHash: prev, firstBroken: { seq: r.seq, id: r.id, reason } });
    if (r.seq !== expectedSeq) return fail(`row ${expectedSeq} is missing (next row is ${r.seq})`);
    if (r.prev_hash !== prev) return fail('prev_hash does not match the hash of the row before it');
    const h = chainHash(prev, canonicalAuditRow(r));
    if (h !== r.hash) return fail('row content does not match its hash (edited after it was written)');
    prev = r.hash;
    expectedSeq++;
  }
  return { ok: true, rows, headHash: prev };
}
