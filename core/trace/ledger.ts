import type { Sqlite } from '../../db/connection.js';
import { isIsoDate } from '../dates.js';
import { timeKey } from '../time.js';
import { TraceEngine, type EngineOutput, type TraceMethod } from './engine.js';
import { IdIndex } from './id-index.js';
import { fromText, sum, type Amt } from './amount.js';
import { standingLinks } from '../import/standing-links.js';
import type { TracedTransaction } from './result.js';
import type { Taint } from './pool.js';

/** What the trace of a case produced, with what it takes to name things in the result. */
export interface CaseTrace {
  out: EngineOutput;
  /** Per slot: the account and the currency of its ledger (an account has one per currency seen). */
  slotAccount: string[];
  slotCurrency: string[];
  /** Currency group (the engine's numbering) -> currency code. */
  groupCurrency: string[];
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
  /** Sees every step (schedules); costs the plain trace nothing when absent. */
  observer?: StepObserver;
  /** The order of rows tied on their ordering key (default: as recorded). */
  sameDay?: SameDayOrder;
}

/** One transaction as the trace fed it, with what each engine made of it (core/trace/schedule.ts). */
export interface ObservedStep {
  event: number;
  id: string;
  reference: string;
  occurredAt: string;
  memo: string;
  counterparty: string;
  from: number;
  to: number;
  currency: string;
  amount: Amt;
  toCurrency: string | null;
  toAmount: Amt | null;
  marked: number[] | undefined;
  /** The sender's tainted part (before exchange or marking), and what arrived, per label. */
  out: Taint;
  arriving: Taint;
  shortfall: Amt;
  /** The same from the shadow engine (per source), when there is one. */
  shadowOut: Taint;
  shadowArriving: Taint;
}

export interface StepObserver {
  /** A second engine of the same method fed the same steps, with its own marks (one label per source). */
  shadow?: { engine: TraceEngine; marks: Map<string, number[]> };
  /** Called once per slot as it is made: whether it is external, and its currency. */
  onSlot?(slot: number, accountId: string, currency: string, external: boolean): void;
  onStep(step: ObservedStep, engine: TraceEngine): void;
}

export interface TxDetail {
  id: string;
  reference: string;
  occurredAt: string;
  currency: string;
  amount: Amt;
}

type Row = [string, string | null, string | null, string, string, string, string, string | null, string | null, string?, string?];

/**
 * The order every account's ledger is read in: the canonical time key (core/time.ts), then the
 * order of import or entry. Never the text of the timestamp: `10:00+02:00` comes before `09:00Z`.
 * The id, reference and booked time come with every row although few rows carry taint: looking
 * them up afterwards costs more as soon as the taint spreads (pro-rata reaches a fifth of a large case).
 */
export const LEDGER_SQL = `SELECT t.id, t.from_account_id, t.to_account_id, t.amount_minor, t.currency, t.reference, t.occurred_at,
    t.to_amount_minor, t.to_currency
  FROM transactions t WHERE t.case_id = ? AND t.time_key <= ? AND substr(t.occurred_at, 1, 10) <= ? ORDER BY t.time_key, t.seq`;

/** The same scan with what a schedule shows of each row (memo, counterparty name). */
const OBSERVED_SQL = LEDGER_SQL.replace('t.to_currency', 't.to_currency, t.memo, t.counterparty_name');

/**
 * How rows whose order within their day is unknown are put in order. Rows booked with the same
 * ordering key (dates without a time share the key `<date>T24`) are ties; the recorded order (of
 * import or entry) is the default. The others are the alternatives a comparison tries: the ties
 * in reverse, money arriving from outside the case first (and leaving it last), or the opposite.
 */
export const SAME_DAY_ORDERS = ['recorded', 'reversed', 'inflows-first', 'outflows-first'] as const;
export type SameDayOrder = (typeof SAME_DAY_ORDERS)[number];

/** Where a row moves money: 0 into the case from outside, 1 between the case's accounts, 2 out of it. */
const DIRECTION = `(CASE WHEN t.from_account_id IS NULL OR (SELECT external FROM accounts WHERE id = t.from_account_id) = 1 THEN 0
  WHEN t.to_account_id IS NULL OR (SELECT external FROM accounts WHERE id = t.to_account_id) = 1 THEN 2 ELSE 1 END)`;
const TIE_BREAK: Record<SameDayOrder, string> = {
  recorded: 't.seq',
  reversed: 't.seq DESC',
  'inflows-first': `${DIRECTION}, t.seq`,
  'outflows-first': `${DIRECTION} DESC, t.seq`,
};
const orderedSql = (sql: string, order: SameDayOrder) => (order === 'recorded' ? sql : sql.replace(/ORDER BY t\.time_key, t\.seq$/, `ORDER BY t.time_key, ${TIE_BREAK[order]}`));

/**
 * Bounds for `until`: a date includes every booking dated that day or before (as booked, whatever
 * the offset); a date-time includes every booking up to that instant (by ordering key).
 */
export function untilBounds(until?: string): [string, string] {
  if (!until) return ['\uffff', '\uffff'];
  return isIsoDate(until) ? ['\uffff', until] : [timeKey(until), '\uffff'];
}

const PROGRESS_EVERY = 1 << 16;

/** The tainted part as the result reports it; one label (the usual case) needs one string, not three. */
function taintTexts(taint: Amt[]): { taintedMinor: string; taintedByLabel: string[] } {
  if (taint.length === 1) {
    const t = String(taint[0]);
    return { taintedMinor: t, taintedByLabel: [t] };
  }
  return { taintedMinor: String(sum(taint)), taintedByLabel: taint.map(String) };
}

/**
 * The case's standing transfer links (both sides of one payment imported from the payer's and the
 * payee's statements): the credit rows to skip, and where the kept debits arrive. Null when there
 * are none, so the scan pays nothing for them.
 */
function linkedTransfers(sqlite: Sqlite, caseId: string): { skip: Set<string>; routeTo: Map<string, string> } | null {
  const rows = standingLinks(sqlite, caseId);
  if (rows.length === 0) return null;
  const routeTo = new Map<string, string>();
  for (const r of rows) if (r.creditTo) routeTo.set(r.debit, r.creditTo);
  return { skip: new Set(rows.map((r) => r.credit)), routeTo };
}

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
  const obs = opts.observer;
  const shadow = obs?.shadow?.engine;
  /** A slot in both engines (the shadow's numbering is the same). */
  const addSlot = (external: boolean, g: number, accountId: string, currency: string): number => {
    const s = engine.addSlot(external, g);
    shadow?.addSlot(external, g);
    obs?.onSlot?.(s, accountId, currency, external);
    return s;
  };
  const accountRows = sqlite
    .prepare('SELECT id, external, currency, identifier, holder_name AS holderName FROM accounts WHERE case_id = ? ORDER BY id')
    .all(caseId) as { id: string; external: number; currency: string; identifier: string; holderName: string }[];
  const groupCurrency: string[] = [];
  const groupOf = new Map<string, number>();
  const group = (currency: string): number => {
    let g = groupOf.get(currency);
    if (g === undefined) groupOf.set(currency, (g = groupCurrency.push(currency) - 1));
    return g;
  };
  const slotOf = new IdIndex(accountRows.length);
  const home: string[] = [];
  const slotAccount: string[] = [];
  const slotCurrency: string[] = [];
  const external: boolean[] = [];
  const accounts = new Map<string, { identifier: string; holderName: string }>();
  for (const a of accountRows) {
    accounts.set(a.id, { identifier: a.identifier, holderName: a.holderName });
    slotOf.set(a.id, addSlot(a.external === 1, group(a.currency), a.id, a.currency));
    home.push(a.currency);
    slotAccount.push(a.id);
    slotCurrency.push(a.currency);
    external.push(a.external === 1);
  }
  const foreign = new Map<string, number>();
  /** An account's ledger in `currency`: its own slot, or (slow path) one of its own for a currency it is not kept in. */
  const slotIn = (accountId: string, currency: string): number => {
    const s = slotOf.get(accountId);
    if (s !== undefined && home[s] === currency) return s;
    const key = `${accountId}|${currency}`;
    let f = foreign.get(key);
    if (f === undefined) {
      f = addSlot(s !== undefined && external[s], group(currency), accountId, currency);
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
  // Most rows are not marked: a lookup of the amount text rules them out before the id is hashed.
  const markedAmounts = new Set<string>();
  if (marks.size)
    for (const r of sqlite
      .prepare('SELECT t.amount_minor AS a FROM json_each(?) j CROSS JOIN transactions t ON t.id = j.value')
      .all(JSON.stringify([...marks.keys()])) as { a: string }[])
      markedAmounts.add(r.a);
  const linked = linkedTransfers(sqlite, caseId);
  let e = 0;
  const stmt = sqlite.prepare(orderedSql(obs ? OBSERVED_SQL : LEDGER_SQL, opts.sameDay ?? 'recorded')).raw();
  for (const r of stmt.iterate(caseId, ...untilBounds(opts.until)) as IterableIterator<Row>) {
    if (opts.onProgress && e % PROGRESS_EVERY === 0) opts.onProgress(e, total);
    let from = -1;
    let to = -1;
    // One transfer, once: the payee's copy of a linked transfer is skipped; the payer's carries it
    // to the payee's account when the payer's statement did not name it (core/import/transfer-match.ts).
    if (linked && linked.skip.has(r[0])) continue;
    if (linked && r[2] === null) r[2] = linked.routeTo.get(r[0]) ?? null;
    const toCurrency = r[8] ?? r[4];
    if (r[4] === single && toCurrency === single) {
      if (r[1] !== null) from = slotOf.get(r[1]) ?? slotIn(r[1], r[4]);
      if (r[2] !== null) to = slotOf.get(r[2]) ?? slotIn(r[2], r[4]);
    } else {
      if (r[1] !== null) from = slotIn(r[1], r[4]);
      if (r[2] !== null) to = slotIn(r[2], toCurrency);
    }
    const overdrafts = engine.overdraftCount;
    const marked = markedAmounts.has(r[3]) ? marks.get(r[0]) : undefined;
    const amount = fromText(r[3]);
    // An exchange names its currencies' groups; an ordinary row's group is its slots' (no lookup per row).
    const fx = r[7] === null ? undefined : { toAmount: fromText(r[7]), toGroup: group(toCurrency) };
    const taint = engine.step(from, to, amount, marked, fx, fx ? group(r[4]) : 0);
    if (obs) {
      let shadowArriving: Taint = null;
      let shadowOut: Taint = null;
      if (shadow) {
        shadowArriving = shadow.step(from, to, amount, obs.shadow!.marks.get(r[0]), fx, fx ? group(r[4]) : 0);
        shadowOut = shadow.lastOut;
      }
      obs.onStep(
        {
          event: e, id: r[0], reference: r[5], occurredAt: r[6], memo: r[9] ?? '', counterparty: r[10] ?? '', from, to,
          currency: from >= 0 ? slotCurrency[from] : r[4], amount, toCurrency: r[8], toAmount: fx ? fx.toAmount : null, marked,
          out: engine.lastOut, arriving: taint, shortfall: engine.lastShortfall, shadowOut, shadowArriving,
        },
        engine,
      );
    }
    if (taint) {
      // The slots' strings, not the row's, where they are the same: they are shared, and the row's
      // copies would all survive (a pro-rata trace keeps hundreds of thousands of these rows).
      const texts = taintTexts(taint);
      rows.push({
        transactionId: r[0], reference: r[5], occurredAt: r[6], fromAccountId: from >= 0 ? slotAccount[from] : null,
        toAccountId: to >= 0 ? slotAccount[to] : null, currency: from >= 0 ? slotCurrency[from] : r[4], amountMinor: r[3],
        toCurrency: r[8], toAmountMinor: r[7],
        taintedMinor: texts.taintedMinor, taintedByLabel: texts.taintedByLabel, marked: marked !== undefined,
      });
    }
    if (engine.overdraftCount !== overdrafts && overdrafts < MAX_FLAGS) eventTx.set(e, { id: r[0], reference: r[5], occurredAt: r[6], currency: r[4], amount });
    e++;
  }
  opts.onProgress?.(e, total);
  return { out: engine.finish(), slotAccount, slotCurrency, groupCurrency, accounts, rows, eventTx, length: e };
}
