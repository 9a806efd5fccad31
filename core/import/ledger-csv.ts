import { TRANSACTION_METHODS } from '../transactions/kinds.js';
import { invalid } from '../errors.js';
import { isKnownCurrency, parseAmount } from '../money.js';
import { parseBookedTimeRepeated } from '../time.js';
import { parseDate } from './dates.js';
import type { DateFormat } from './formats.js';
import type { CsvRecord } from './csv-source.js';
import { clip, type LedgerRow, type RowProblem } from './rows.js';
import { LEDGER_COLUMNS } from './sniff.js';
import type { NumberFormat } from './amounts.js';

export interface LedgerLayout {
  index: Record<(typeof LEDGER_COLUMNS)[number] | 'reference' | 'memo' | 'method' | 'to_amount' | 'to_currency', number | undefined>;
  /** Columns beyond the known ones, kept in the memo as "name: value". */
  extras: { name: string; index: number }[];
  width: number;
}

const METHODS = new Set<string>(TRANSACTION_METHODS);

/** Reads the ledger header; a required column that is missing is an error naming it. */
export function ledgerLayout(header: CsvRecord): LedgerLayout {
  const names = header.fields.map((h) => h.trim().toLowerCase().replace(/^\ufeff/, ''));
  const find = (n: string) => (names.indexOf(n) === -1 ? undefined : names.indexOf(n));
  const missing = LEDGER_COLUMNS.filter((c) => find(c) === undefined);
  if (missing.length)
    throw invalid('file', `line ${header.line}: the ledger header lacks ${missing.join(', ')} (expected ${LEDGER_COLUMNS.join(',')},reference)`);
  const known = new Set<string>([...LEDGER_COLUMNS, 'reference', 'memo', 'method', 'to_amount', 'to_currency']);
  if ((find('to_amount') === undefined) !== (find('to_currency') === undefined))
    throw invalid('file', `line ${header.line}: an exchange needs both to_amount and to_currency columns`);
  return {
    index: {
      date: find('date'), from_account: find('from_account'), to_account: find('to_account'), amount: find('amount'),
      currency: find('currency'), reference: find('reference'), memo: find('memo'), method: find('method'),
      to_amount: find('to_amount'), to_currency: find('to_currency'),
    },
    extras: names.map((name, index) => ({ name: header.fields[index].trim(), index })).filter((e, i) => e.name && !known.has(names[i])),
    width: names.length,
  };
}

/** Reads one ledger row; every problem is a reject with its reason, never a thrown error. */
/**
 * How the ledger writes its numbers and dates: ISO dates unless `dateFormat` says otherwise
 * (`25.03.2024` is DD.MM.YYYY); detected from the rows, overridable.
 */
export interface LedgerFormats extends NumberFormat {
  dateFormat?: DateFormat;
}

export function mapLedgerRecord(rec: CsvRecord, L: LedgerLayout, fmt: LedgerFormats): LedgerRow | RowProblem {
  const f = rec.fields;
  const reject = (reason: string): RowProblem => ({ line: rec.line, raw: clip(rec.raw), reason, kind: 'rejected' });
  if (f.length !== L.width) return reject(`wrong column count: ${f.length} fields, the header has ${L.width}`);
  const get = (i: number | undefined) => (i === undefined ? '' : f[i].trim());
  const date = get(L.index.date);
  if (!date) return reject('date is missing');
  const iso = fmt.dateFormat && fmt.dateFormat !== 'YYYY-MM-DD' ? parseDate(date, fmt.dateFormat) : date;
  if (!iso) return reject(`date: "${date}" is not a real date in the form ${fmt.dateFormat}`);
  const booked = parseBookedTimeRepeated(iso);
  if (!booked.ok) return reject(`date: ${booked.error}`);
  const from = get(L.index.from_account);
  const to = get(L.index.to_account);
  // A transfer has two ends: a ledger row naming one only is a slip, not a payment to nobody.
  if (!from || !to) return reject(`${!from && !to ? 'from_account and to_account are' : !from ? 'from_account is' : 'to_account is'} empty: a ledger row names both accounts`);
  if (from.length > 200 || to.length > 200) return reject('account identifier longer than 200 characters');
  const currency = get(L.index.currency).toUpperCase();
  if (!currency) return reject('currency is missing');
  if (!isKnownCurrency(currency)) return reject(`unknown currency "${currency}"`);
  const amountText = get(L.index.amount);
  if (!amountText) return reject('amount is missing');
  const amount = parseAmount(amountText, currency, fmt);
  if (!amount.ok) return reject(amount.error);
  if (amount.minor <= 0n) return reject(`amount ${amountText} must be greater than zero (direction is from -> to)`);
  let exchange: { toAmountMinor: bigint; toCurrency: string } | undefined;
  const toAmountText = get(L.index.to_amount);
  const toCurrency = get(L.index.to_currency).toUpperCase();
  if (toAmountText || toCurrency) {
    if (!toAmountText || !toCurrency) return reject('an exchange needs both to_amount and to_currency');
    if (!isKnownCurrency(toCurrency)) return reject(`to_currency: unknown currency "${toCurrency}"`);
    const got = parseAmount(toAmountText, toCurrency, fmt);
    if (!got.ok) return reject(`to_amount: ${got.error}`);
    if (got.minor <= 0n) return reject(`to_amount ${toAmountText} must be greater than zero`);
    if (toCurrency === currency && got.minor !== amount.minor) return reject('to_amount differs from amount in the same currency: not an exchange');
    if (toCurrency !== currency) exchange = { toAmountMinor: got.minor, toCurrency };
  }
  let method = get(L.index.method).toLowerCase();
  const memo: string[] = [];
  const m = get(L.index.memo);
  if (m) memo.push(m);
  if (method && !METHODS.has(method)) {
    memo.push(`method: ${get(L.index.method)}`);
    method = 'other';
  }
  for (const e of L.extras) if (f[e.index].trim()) memo.push(`${e.name}: ${f[e.index].trim()}`);
  return {
    line: rec.line,
    raw: rec.raw,
    occurredAt: booked.value.booked,
    from,
    to,
    amountMinor: amount.minor,
    currency,
    ...exchange,
    reference: get(L.index.reference),
    memo: memo.join(' | '),
    method: (method || 'other') as LedgerRow['method'],
  };
}
