import { sqliteTable, text, integer, index, blob } from 'drizzle-orm/sqlite-core';

/** The chained fields of an audit row: the local log and a received bundle's segment of it share them. */
export const auditRowColumns = () => ({
  at: text('at').notNull(),
  actor: text('actor').notNull(),
  agency: text('agency').notNull(),
  method: text('method').notNull(),
  entity: text('entity').notNull(),
  entityId: text('entity_id').notNull(),
  caseId: text('case_id'),
  /** Canonical JSON of the record before / after the change ('null' when absent). */
  before: text('before').notNull(),
  after: text('after').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/**
 * Hash-chained, append-only audit log. hash = SHA-256(prev_hash || canonical row).
 * UPDATE and DELETE are refused by triggers (see the migration that creates them).
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull().unique(),
    ...auditRowColumns(),
  },
  (t) => [index('audit_log_case').on(t.caseId), index('audit_log_entity').on(t.entityId)],
);

/** Local settings: the user's name and agency, preferences. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * The audit log's Merkle tree (RFC 9162): the hash of every complete, aligned subtree, written in
 * the same transaction as the audit row that completes it. node = level * 2^40 + index, so the
 * key is the rowid and a lookup is one B-tree descent. Derived data: `audit verify --deep`
 * recomputes it from the audit rows and names any node that disagrees.
 */
export const auditTree = sqliteTable('audit_tree', {
  node: integer('node').primaryKey(),
  hash: blob('hash', { mode: 'buffer' }).notNull(),
});

/**
 * Signed checkpoints (C2SP tlog-checkpoint signed notes, see docs/audit-log.md): our own, written on
 * demand, on export and on close; and the ones received from other origins in bundles, each of which
 * must extend the last one kept for its origin.
 */
export const auditCheckpoints = sqliteTable(
  'audit_checkpoints',
  {
    id: text('id').primaryKey(),
    origin: text('origin').notNull(),
    treeSize: integer('tree_size').notNull(),
    /** Lower-case hex of the root hash. */
    rootHash: text('root_hash').notNull(),
    /** The time line of the checkpoint (ISO 8601). */
    time: text('time').notNull(),
    /** The whole signed note, byte for byte as signed. */
    note: text('note').notNull(),
    /** 1: a checkpoint of this database's own log; 0: received from another origin. */
    local: integer('local', { mode: 'boolean' }).notNull(),
    /** Why it was written (demand, export, close) or the bundle it came in. */
    reason: text('reason').notNull().default(''),
    createdAt: text('created_at').notNull(),
  },
  (t) => [index('audit_checkpoints_origin').on(t.origin, t.treeSize)],
);
