import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';
import { id, createdAt } from './common.js';
import { cases } from './cases.js';
import { EXHIBIT_TARGETS } from '../../core/exhibits/kinds.js';
// Re-exported for callers that read them beside the tables; the core owns them.
export { EXHIBIT_TARGETS };

/** A file attached to a record; the bytes live content-addressed by SHA-256 in the data directory. */
export const exhibits = sqliteTable(
  'exhibits',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull().default('application/octet-stream'),
    description: text('description').notNull().default(''),
    targetKind: text('target_kind', { enum: EXHIBIT_TARGETS }).notNull().default('case'),
    targetId: text('target_id'),
    actor: text('actor').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('exhibits_case').on(t.caseId), index('exhibits_sha').on(t.sha256)],
);
