import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { transactions } from '../../db/schema/index.js';
import { mutation, query } from '../contract.js';
import { ProceedsError } from '../errors.js';
import { newId } from '../ids.js';
import type { Ctx } from '../context.js';
import { getCase } from '../cases/methods.js';
import { getAccount } from '../accounts/methods.js';
import { uuid } from '../cases/schemas.js';
import { TransactionCreate, TransactionList } from './schemas.js';
import { bookedRange, timeKey } from '../time.js';

/** Next entry order within a case: the tie-breaker after the timestamp. */
export function nextSeq(ctx: Ctx, caseId: string): number {
  const r = ctx.sqlite.prepare('SELECT coalesce(max(seq), 0) + 1 AS n FROM transactions WHERE case_id = ?').get(caseId) as { n: number };
  return r.n;
}

function checkAccount(ctx: Ctx, caseId: string, id: string | undefined, path: string, currency: string) {
  if (!id) return;
  const acc = getAccount(ctx, id);
  const fail = (message: string) => new ProceedsError('Invalid', `${path}: ${message}`, [{ path, message }]);
  if (acc.caseId !== caseId) throw fail('account belongs to another case');
  if (acc.currency !== currency) throw fail(`account is in ${acc.currency}, transaction in ${currency}`);
}

const LIST_COLUMNS = sql`
  t.id, t.occurred_at AS occurredAt, t.amount_minor AS amountMinor, t.currency,
  t.to_amount_minor AS toAmountMinor, t.to_currency AS toCurrency, t.method, t.reference, t.memo,
  t.counterparty_name AS counterpartyName, t.from_account_id AS fromAccountId, t.to_account_id AS toAccountId,
  fa.identifier AS fromIdentifier, coalesce(nullif(fa.holder_name, ''), fa.identifier) AS fromLabel,
  ta.identifier AS toIdentifier, coalesce(nullif(ta.holder_name, ''), ta.identifier) AS toLabel,
  t.import_id AS importId, t.seq`;

export interface TransactionRow {
  id: string; occurredAt: string; amountMinor: string; currency: string; toAmountMinor: string | null; toCurrency: string | null;
  method: string; reference: string; memo: string;
  counterpartyName: string; fromAccountId: string | null; toAccountId: string | null; fromIdentifier: string | null;
  fromLabel: string | null; toIdentifier: string | null; toLabel: string | null; importId: string | null; seq: number;
}

export const transactionMethods = {
  'transactions.create': mutation(TransactionCreate, (input, ctx) => {
    getCase(ctx, input.caseId);
    checkAccount(ctx, input.caseId, input.fromAccountId, 'fromAccountId', input.currency);
    checkAccount(ctx, input.caseId, input.toAccountId, 'toAccountId', input.toCurrency ?? input.currency);
    const row = { id: newId(), ...input, timeKey: timeKey(input.occurredAt), seq: nextSeq(ctx, input.caseId) };
    ctx.db.insert(transactions).values(row).run();
    ctx.audit({ entity: 'transaction', entityId: row.id, caseId: input.caseId, after: row });
    return row;
  }),

  'transactions.list': query(TransactionList, (input, ctx) => {
    const where = [sql`t.case_id = ${input.caseId}`];
    if (input.accountId) where.push(sql`(t.from_account_id = ${input.accountId} OR t.to_account_id = ${input.accountId})`);
    // Dates match the booking date as booked, never shifted by any time zone.
    const range = bookedRange(input.from, input.to);
    if (range.fromDate) where.push(sql`substr(t.occurred_at, 1, 10) >= ${range.fromDate}`);
    if (range.toDate) where.push(sql`substr(t.occurred_at, 1, 10) <= ${range.toDate}`);
    if (range.fromKey) where.push(sql`t.time_key >= ${range.fromKey}`);
    if (range.toKey) where.push(sql`t.time_key <= ${range.toKey}`);
    if (input.search) {
      const like = `%${input.search}%`;
      where.push(sql`(t.reference LIKE ${like} OR t.memo LIKE ${like} OR t.counterparty_name LIKE ${like})`);
    }
    const cond = sql.join(where, sql` AND `);
    const from = sql`FROM transactions t
      LEFT JOIN accounts fa ON fa.id = t.from_account_id
      LEFT JOIN accounts ta ON ta.id = t.to_account_id WHERE ${cond}`;
    const rows = ctx.db.all<TransactionRow>(
      sql`SELECT ${LIST_COLUMNS} ${from} ORDER BY t.time_key, t.seq LIMIT ${input.limit} OFFSET ${input.offset}`,
    );
    const total = ctx.db.get<{ n: number }>(sql`SELECT count(*) AS n ${from}`).n;
    return { rows, total };
  }),

  'transactions.byIds': query(z.object({ ids: z.array(uuid).max(5000) }), (input, ctx) => {
    if (input.ids.length === 0) return [];
    return ctx.db.all<TransactionRow>(
      sql`SELECT ${LIST_COLUMNS} FROM transactions t
        LEFT JOIN accounts fa ON fa.id = t.from_account_id
        LEFT JOIN accounts ta ON ta.id = t.to_account_id
        WHERE t.id IN (SELECT value FROM json_each(${JSON.stringify(input.ids)})) ORDER BY t.time_key, t.seq`,
    );
  }),
};
