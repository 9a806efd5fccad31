import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';

export interface AccountRow {
  id: string;
  identifier: string;
  identifierNorm: string;
  kind: string;
  currency: string;
  institution: string;
  holderName: string;
  holderSubjectId: string | null;
  holderKind: string | null;
  holderBornOn: string | null;
}

export interface TxRow {
  id: string;
  occurredAt: string;
  valueDate: string | null;
  amountMinor: string;
  currency: string;
  toAmountMinor: string | null;
  toCurrency: string | null;
  method: string;
  reference: string;
  memo: string;
  counterpartyName: string;
  from: AccountRow | null;
  to: AccountRow | null;
}

const ACCOUNT_SQL = `SELECT a.id, a.identifier, a.identifier_norm AS identifierNorm, a.kind, a.currency, a.institution,
  COALESCE(NULLIF(a.holder_name, ''), s.name, '') AS holderName, a.holder_subject_id AS holderSubjectId, s.kind AS holderKind, s.born_on AS holderBornOn
  FROM accounts a LEFT JOIN subjects s ON s.id = a.holder_subject_id WHERE a.case_id = ?`;

/** The case's accounts with their holders, by id. */
export function caseAccounts(ctx: Ctx, caseId: string): Map<string, AccountRow> {
  return new Map((ctx.sqlite.prepare(ACCOUNT_SQL).all(caseId) as AccountRow[]).map((a) => [a.id, a]));
}

/**
 * The transactions a selection names: given ids, those touching given accounts, those touching
 * accounts the given subjects hold (together); no selection at all is the whole case. In time order.
 * An id that is not the case's is an error, not silently left out.
 */
export function selectedTransactions(ctx: Ctx, sel: { caseId: string; transactionIds: string[]; accountIds: string[]; subjectIds: string[] }): TxRow[] {
  const accounts = caseAccounts(ctx, sel.caseId);
  for (const id of sel.accountIds) if (!accounts.has(id)) throw invalid('accountIds', `account ${id} is not in this case`);
  const held = new Set(sel.accountIds);
  if (sel.subjectIds.length) {
    const subjects = new Set((ctx.sqlite.prepare('SELECT id FROM subjects WHERE case_id = ?').all(sel.caseId) as { id: string }[]).map((s) => s.id));
    for (const id of sel.subjectIds) if (!subjects.has(id)) throw invalid('subjectIds', `subject ${id} is not in this case`);
    const wanted = new Set(sel.subjectIds);
    for (const a of accounts.values()) if (a.holderSubjectId && wanted.has(a.holderSubjectId)) held.add(a.id);
  }
  const ids = new Set(sel.transactionIds);
  const all = !ids.size && !sel.accountIds.length && !sel.subjectIds.length;
  const rows = ctx.sqlite
    .prepare(`SELECT id, from_account_id AS f, to_account_id AS t, amount_minor AS amountMinor, currency, to_amount_minor AS toAmountMinor, to_currency AS toCurrency,
      occurred_at AS occurredAt, value_date AS valueDate, method, reference, memo, counterparty_name AS counterpartyName
      FROM transactions WHERE case_id = ? ORDER BY time_key, seq`)
    .all(sel.caseId) as (Omit<TxRow, 'from' | 'to'> & { f: string | null; t: string | null })[];
  const found = new Set<string>();
  const out: TxRow[] = [];
  for (const { f, t, ...r } of rows) {
    const pick = all || ids.has(r.id) || (f !== null && held.has(f)) || (t !== null && held.has(t));
    if (ids.has(r.id)) found.add(r.id);
    if (pick) out.push({ ...r, from: f ? accounts.get(f) ?? null : null, to: t ? accounts.get(t) ?? null : null });
  }
  const missing = [...ids].filter((id) => !found.has(id));
  if (missing.length) throw invalid('transactionIds', `${missing.length} transaction(s) are not in this case (first: ${missing[0]})`);
  return out;
}
