import { sqliteTable, text, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, createdAt } from './common.js';
import { cases } from './cases.js';
import { transactions } from './transactions.js';
import { TRACE_METHODS } from '../../core/trace/kinds.js';
// Re-exported for callers that read them beside the tables; the core owns them.
export { TRACE_METHODS };

/** Transactions the investigator marked as proceeds of the offence. */
export const taintMarks = sqliteTable(
  'taint_marks',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    transactionId: text('transaction_id').notNull().references(() => transactions.id, { onDelete: 'cascade' }),
    /** Offence or victim label, so several sources can be traced at once. */
    label: text('label').notNull().default('tainted'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('taint_marks_tx_label').on(t.transactionId, t.label), index('taint_marks_case').on(t.caseId)],
);

export const traces = sqliteTable(
  'traces',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    name: text('name').notNull().default(''),
    method: text('method', { enum: TRACE_METHODS }).notNull(),
    /** JSON: parameters (date range, labels, rules). */
    params: text('params').notNull().default('{}'),
    /** JSON: [{transactionId, label}] the trace started from. */
    marked: text('marked').notNull(),
    /** Audit-chain head hash when the trace ran: the data version. */
    dataVersion: text('data_version').notNull(),
    /** JSON: the result (per account, per transaction, per asset, flags). */
    result: text('result').notNull(),
    actor: text('actor').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('traces_case').on(t.caseId)],
);
