import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

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
