import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, createdAt } from './common.js';
import { cases, accounts } from './cases.js';
import { TRANSACTION_METHODS } from '../../core/transactions/kinds.js';
// Re-exported for callers that read them beside the tables; the core owns them.
export { TRANSACTION_METHODS };

export const imports = sqliteTable(
  'imports',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    fileSha256: text('file_sha256').notNull(),
    fileSize: integer('file_size').notNull().default(0),
    format: text('format').notNull(),
    /** JSON: the column mapping and parse options used (CSV), or format options. */
    mapping: text('mapping').notNull().default('{}'),
    accountId: text('account_id').references(() => accounts.id, { onDelete: 'set null' }),
    importedCount: integer('imported_count').notNull().default(0),
    duplicateCount: integer('duplicate_count').notNull().default(0),
    rejectedCount: integer('rejected_count').notNull().default(0),
    actor: text('actor').notNull().default(''),
    startedAt: text('started_at').notNull(),
    finishedAt: text('finished_at'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('imports_case_sha').on(t.caseId, t.fileSha256)],
);

/** Rows an import could not take, kept with the import so nothing is lost. */
export const importRejects = sqliteTable(
  'import_rejects',
  {
    id: id(),
    importId: text('import_id').notNull().references(() => imports.id, { onDelete: 'cascade' }),
    /** Line number as an editor shows it: the header is line 1. */
    line: integer('line').notNull(),
    raw: text('raw').notNull(),
    reason: text('reason').notNull(),
    /** 'rejected' or 'duplicate' */
    kind: text('kind').notNull().default('rejected'),
  },
  (t) => [index('import_rejects_import').on(t.importId)],
);

/** Saved CSV column mappings, offered again when the same header comes back. */
export const csvMappings = sqliteTable('csv_mappings', {
  id: id(),
  name: text('name').notNull().unique(),
  /** Normalised header line, to recognise the layout. */
  headerSignature: text('header_signature').notNull(),
  mapping: text('mapping').notNull(),
  createdAt: createdAt(),
});

export const transactions = sqliteTable(
  'transactions',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    fromAccountId: text('from_account_id').references(() => accounts.id),
    toAccountId: text('to_account_id').references(() => accounts.id),
    /** Positive integer in minor units of `currency` (ISO 4217 exponent), as decimal text: it may pass 2^63. */
    amountMinor: text('amount_minor').notNull(),
    currency: text('currency').notNull(),
    /**
     * An exchange (bank FX, cash to crypto, crypto to crypto): what the receiving side got, in its
     * own currency. Null for an ordinary transfer (the receiver got amount_minor of currency).
     */
    toAmountMinor: text('to_amount_minor'),
    toCurrency: text('to_currency'),
    /** The time as the bank booked it: a date, or a local date-time with its UTC offset when given (core/time.ts). */
    occurredAt: text('occurred_at').notNull(),
    /** Canonical ordering key derived from occurred_at (core/time.ts): what every ordering uses. */
    timeKey: text('time_key').notNull(),
    valueDate: text('value_date'),
    method: text('method', { enum: TRANSACTION_METHODS }).notNull().default('other'),
    reference: text('reference').notNull().default(''),
    memo: text('memo').notNull().default(''),
    counterpartyName: text('counterparty_name').notNull().default(''),
    /** Running balance the bank reported after this row, if any (minor units). */
    balanceAfterMinor: text('balance_after_minor'),
    importId: text('import_id').references(() => imports.id, { onDelete: 'set null' }),
    /** Order of entry or import within the case: the tie-breaker after time_key. */
    seq: integer('seq').notNull(),
    /** Duplicate-detection fingerprint (account, date, amount, reference, occurrence in day). */
    fingerprint: text('fingerprint'),
    createdAt: createdAt(),
  },
  (t) => [
    index('transactions_case_time').on(t.caseId, t.timeKey, t.seq),
    index('transactions_from').on(t.fromAccountId),
    index('transactions_to').on(t.toAccountId),
    index('transactions_fingerprint').on(t.caseId, t.fingerprint),
    index('transactions_reference').on(t.caseId, t.reference),
  ],
);
