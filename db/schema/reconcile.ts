import { sqliteTable, text, integer, index, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, createdAt } from './common.js';
import { cases, accounts } from './cases.js';
import { imports, transactions } from './transactions.js';

/**
 * One bank statement as imported, with the balances it states: what reconciliation checks
 * (opening + rows = closing) and what the coverage strip of an account is drawn from (periods,
 * gaps, breaks between consecutive statements). Amounts are decimal text of minor units.
 */
export const statements = sqliteTable(
  'statements',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    importId: text('import_id').notNull().references(() => imports.id, { onDelete: 'cascade' }),
    accountId: text('account_id').notNull().references(() => accounts.id),
    currency: text('currency').notNull(),
    openingMinor: text('opening_minor'),
    openingDate: text('opening_date'),
    closingMinor: text('closing_minor'),
    closingDate: text('closing_date'),
    /** Sum of the statement's rows (money in positive), in minor units of its currency. */
    movedMinor: text('moved_minor').notNull(),
    rowCount: integer('row_count').notNull().default(0),
    firstDate: text('first_date'),
    lastDate: text('last_date'),
    createdAt: createdAt(),
  },
  (t) => [index('statements_account').on(t.caseId, t.accountId, t.openingDate)],
);

/**
 * Two imported rows that are one transfer: the payer's debit and the payee's credit, seen in both
 * banks' statements. The credit side is the duplicate: trace, graph and totals skip it while the
 * link stands ('auto' or 'accepted'); 'suggested' waits for a person, 'rejected' is kept as decided.
 */
export const transferLinks = sqliteTable(
  'transfer_links',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    debitTxId: text('debit_tx_id').notNull().references(() => transactions.id, { onDelete: 'cascade' }),
    creditTxId: text('credit_tx_id').notNull().references(() => transactions.id, { onDelete: 'cascade' }),
    score: integer('score').notNull(),
    /** JSON array of the evidence behind the score, e.g. [{"what":"end-to-end id","points":50}]. */
    evidence: text('evidence').notNull().default('[]'),
    status: text('status', { enum: ['auto', 'suggested', 'accepted', 'rejected'] }).notNull(),
    decidedBy: text('decided_by').notNull().default(''),
    decidedAt: text('decided_at'),
    /**
     * The matcher run that proposed the link: one audit entry per run carries a digest of its links
     * (as an import's entry does for its rows), not one entry per link. Null for links made before.
     */
    matchRun: text('match_run'),
    createdAt: createdAt(),
  },
  (t) => [
    index('transfer_links_run').on(t.matchRun),
    uniqueIndex('transfer_links_pair').on(t.debitTxId, t.creditTxId),
    index('transfer_links_case').on(t.caseId, t.status),
    index('transfer_links_credit').on(t.creditTxId),
  ],
);

/**
 * Two records that are one: an account seen as IBAN, BBAN and "…8857", a company written three ways.
 * A merge deletes nothing: the merged record stays, and readers fold it into the survivor while the
 * merge stands ('merged'); an unmerge ('unmerged') is kept as decided, with who and when.
 */
export const entityMerges = sqliteTable(
  'entity_merges',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['account', 'subject'] }).notNull(),
    survivorId: text('survivor_id').notNull(),
    mergedId: text('merged_id').notNull(),
    /** JSON array of the reasons shown when it was suggested. */
    reasons: text('reasons').notNull().default('[]'),
    status: text('status', { enum: ['merged', 'unmerged'] }).notNull(),
    decidedBy: text('decided_by').notNull().default(''),
    createdAt: createdAt(),
    undoneAt: text('undone_at'),
  },
  (t) => [index('entity_merges_case').on(t.caseId, t.kind, t.status), index('entity_merges_merged').on(t.mergedId)],
);
