import type { Sqlite } from '../../db/connection.js';
import { isIsoDate } from '../dates.js';
import { TraceEngine, type EngineOutput, type TraceMethod } from './engine.js';
import { IdIndex } from './id-index.js';
import type { TracedTransaction } from './result.js';

/** What the trace of a case produced, with what it takes to name things in the result. */
export interface CaseTrace {
  out: EngineOutput;
  /** Per slot: the account and the currency of its ledger (an account has one per currency seen). */
  slotAccount: string[];
  slotCurrency: string[];
  /** The case's accounts by id: how to name them. */
  accounts: Map<string, { identifier: string; holderName: string }>;
  /** Per tainted event (same order as out.tainted): the transaction, as the result reports it. */
  rows: TracedTransaction[];
  /** Event index -> transaction, for the first overdrafts (flags). */
  eventTx: Map<number, TxDetail>;
  length: number;
}

export interface LedgerOptions {
  /** Trace only transactions up to this date or date-time (inclusive). */
  until?: string;
  /** Called every few thousand transactions; throw from it to stop (cancel). */
  onProgress?: (done: number, total: number) => void;
}

export interface TxDetail {
  id: string;
  reference: string;
  occurredAt: string;
  currency: string;
  amount: number;
}

type Row = [string, string | null, string | null, number, string, string, string];

/**
 * The order every account's ledger is read in: timestamp, then the order of import or entry.
 * The id, reference and date come with every row although few rows carry taint: looking them up
 * afterwards costs more as soon as the taint spreads (pro-rata reaches a fifth of a large case).
 */
export const LEDGER_SQL = `SELECT t.id, t.from_account_id, t.to_account_id, t.amount_minor, t.currency, t.reference, t.occurred_at
  FROM transactions t WHERE t.case_id = ? AND t.occurred_at <= ? ORDER BY t.occurred_at, t.seq`;

/** Upper bound (inclusive) on occurred_at: a bare date includes that whole day. */
export function untilBound(until?: string): string {
  if (!until) return '\uffff';
  return isIsoDate(until) ? `${until}\uffff` : until;
}

const PROGRESS_EVERY = 1 << 16;

/**
 * Overdrafts listed one by one in a result; beyond this, incomplete data is the rule rather than
 * the exception, and the per-account unknown-origin totals say more than a longer list.
 */
export const MAX_FLAGS = 1000;

/**
 * Reads the case's transactions in one ordered scan and feeds them to the engine as it goes, so
 * nothing but the tainted part is kept in memory. Every account of the case has a slot in its own
 * currency (external accounts are sinks); a transaction in another currency gets the account a
 * second slot, so currencies never mix.
 */
export function traceLedger(
  sqlite: Sqlite,
  caseId: string,
  method: TraceMethod,
  labels: number,
  marks: Map<string, number[]>,
  opts: LedgerOptions = {},
): CaseTrace {
  const engine = new TraceEngine(method, labels);
  const accountRows = sqlite
    .prepare('SELECT id, external, currency, identifier, holder_name AS holderName FROM accounts WHERE case_id = ? ORDER BY id')
    .all(caseId) as { id: string; external: number; currency: string; identifier: string; holderName: string }[];
  const slotOf = new IdIndex(accountRows.length);
  const home: string[] = [];
  const slotAccount: string[] = [];
  const slotCurrency: string[] = [];
  const external: boolean[] = [];
  const accounts = new Map<string, { identifier: string; holderName: string }>();
  for (const a of accountRows) {
    accounts.set(a.id, { identifier: a.identifier, holderName: a.holderName });
    slotOf.set(a.id, engine.addSlot(a.external === 1));
    home.push(a.currency);
    slotAccount.push(a.id);
    slotCurrency.push(a.currency);
    external.push(a.external === 1);
  }
  const foreign = new Map<string, number>();
  /** Slow path: an account seen in another currency than its own gets a ledger of its own for it. */
  const otherSlot = (accountId: string, currency: string): number => {
    const s = slotOf.get(accountId);
    if (s !== undefined && home[s] === currency) return s;
    const key = `${accountId}|${currency}`;
    let f = foreign.get(key);
    if (f === undefined) {
      f = engine.addSlot(s !== undefined && external[s]);
      foreign.set(key, f);
      slotAccount.push(accountId);
      slotCurrency.push(currency);
    }
    return f;
  };
  // Nearly always every account of a case is in one currency: then one comparison per row checks it.
  const single = new Set(home).size === 1 ? home[0] : undefined;

  const total = opts.onProgress ? (sqlite.prepare('SELECT count(*) AS n FROM transactions WHERE case_id = ?').get(caseId) as { n: number }).n : 0;
  const rows: TracedTransaction[] = [];
  const eventTx = new Map<number, TxDetail>();
  // Most rows are not marked: a number lookup rules them out before the id (a string) is hashed.
  const markedAmounts = new Set<number>();
  if (marks.size)
    for (const r of sqlite
      .prepare('SELECT t.amount_minor AS a FROM json_each(?) j CROSS JOIN transactions t ON t.id = j.value')
      .all(JSON.stringify([...marks.keys()])) as { a: number }[])
      markedAmounts.add(r.a);
  let e = 0;
  const stmt = sqlite.prepare(LEDGER_SQL).raw();
  for (const r of stmt.iterate(caseId, untilBound(opts.until)) as IterableIterator<Row>) {
    if (opts.onProgress && e % PROGRESS_EVERY === 0) opts.onProgress(e, total);
    let from = -1;
    let to = -1;
    if (r[4] === single) {
      if (r[1] !== null) from = slotOf.get(r[1]) ?? otherSlot(r[1], r[4]);
      if (r[2] !== null) to = slotOf.get(r[2]) ?? otherSlot(r[2], r[4]);
    } else {
      if (r[1] !== null) from = otherSlot(r[1], r[4]);
      if (r[2] !== null) to = otherSlot(r[2], r[4]);
    }
    const overdrafts = engine.overdraftCount;
    const marked = markedAmounts.has(r[3]) ? marks.get(r[0]) : undefined;
    const taint = engine.step(from, to, r[3], marked);
    if (taint) {
      let sum = 0;
      for (const x of taint) sum += x;
      // The slots' strings, not the row's: they are shared, and the row's copies would all survive.
      rows.push({
        transactionId: r[0], reference: r[5], occurredAt: r[6], fromAccountId: from >= 0 ? slotAccount[from] : null,
        toAccountId: to >= 0 ? slotAccount[to] : null, currency: slotCurrency[to >= 0 ? to : from],
        amountMinor: r[3], taintedMinor: sum, taintedByLabel: taint, marked: marked !== undefined,
      });
    }
    if (engine.overdraftCount !== overdrafts && overdrafts < MAX_FLAGS) eventTx.set(e, { id: r[0], reference: r[5], occurredAt: r[6], currency: r[4], amount: r[3] });
    e++;
  }
  opts.onProgress?.(e, total);
  return { out: engine.finish(), slotAccount, slotCurrency, accounts, rows, eventTx, length: e };
}
