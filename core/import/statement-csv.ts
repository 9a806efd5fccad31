import { parseBankAmount, type AmountResult } from './amounts.js';
import { parseDate, withTime } from './dates.js';
import type { CsvRecord } from './csv-source.js';
import { isKnownCurrency, type Minor } from '../money.js';
import type { CsvMapping } from './schemas.js';
import { clip, type RowProblem, type StatementRow } from './rows.js';
import { english, type ErrorKey, type MessageParams } from '../errors.js';

/** A row that only carries on the description of the row above it. */
export interface Continuation {
  continuation: string;
}

export type MappedRecord = StatementRow | RowProblem | Continuation;

const abs = (m: Minor) => (m < 0n ? -m : m);

const cell = (f: string[], i: number | undefined) => (i === undefined ? '' : (f[i] ?? '').trim());

/** The highest column the mapping reads: records shorter than that cannot be read. */
export function mappedWidth(m: CsvMapping): number {
  const c = m.columns;
  const all = [c.date, c.time, c.valueDate, c.amount, c.debit, c.credit, c.currency, c.counterpartyName, c.counterpartyAccount, c.reference, c.balance, c.direction, ...c.description];
  return Math.max(...all.filter((x): x is number => x !== undefined)) + 1;
}

/**
 * Reads one CSV record of a bank statement with the user's mapping.
 * `width` is the header's field count: a record of another width is a broken row.
 */
export function mapStatementRecord(rec: CsvRecord, m: CsvMapping, width: number): MappedRecord {
  const f = rec.fields;
  const c = m.columns;
  const reject = (reason: string): RowProblem => ({ line: rec.line, raw: clip(rec.raw), reason, kind: 'rejected' });
  const coded = (key: ErrorKey, params: MessageParams = {}, kind: RowProblem['kind'] = 'rejected'): RowProblem =>
    ({ line: rec.line, raw: clip(rec.raw), reason: english(key, params), kind, key, params });
  if (m.skipRowsContaining && rec.raw.toLowerCase().includes(m.skipRowsContaining.toLowerCase()))
    return coded('import.reject.skippedContaining', { text: m.skipRowsContaining }, 'skipped');
  const date = cell(f, c.date);
  const amountCells = [c.amount, c.debit, c.credit].map((i) => cell(f, i));
  if (m.continuationRows && !date && amountCells.every((v) => !v)) {
    const text = f.map((v) => v.trim()).filter(Boolean).join(' ');
    if (text) return { continuation: text };
  }
  if (f.length < width || f.slice(width).some((v) => v.trim() !== ''))
    return coded('import.reject.columnCount', { fields: f.length, width });
  if (!date) return coded('import.reject.dateMissing');
  let occurredAt = parseDate(date, m.dateFormat);
  if (!occurredAt) return coded('import.reject.notADate', { value: date, format: m.dateFormat });
  if (c.time !== undefined) {
    const t = withTime(occurredAt, cell(f, c.time));
    if (!t) return coded('import.reject.notATime', { value: cell(f, c.time) });
    occurredAt = t;
  }
  const currency = (c.currency !== undefined ? cell(f, c.currency) : m.currency ?? '').toUpperCase() || m.currency || '';
  if (!currency) return coded('import.reject.currencyMissing');
  if (!isKnownCurrency(currency)) return coded('import.reject.currencyUnknown', { currency });
  const amount = readAmount(f, m, currency);
  if (!amount.ok) return reject(amount.error);
  // A 0.00 line (a fee waived, a balance notice) moved nothing: skipped and listed, so --strict still takes the file.
  if (amount.minor === 0n) return coded('import.reject.zeroAmount', {}, 'skipped');
  let valueDate: string | null = null;
  if (c.valueDate !== undefined && cell(f, c.valueDate)) {
    valueDate = parseDate(cell(f, c.valueDate), m.dateFormat)?.slice(0, 10) ?? null;
    if (!valueDate) return coded('import.reject.valueDate', { value: cell(f, c.valueDate), format: m.dateFormat });
  }
  let balanceAfterMinor: Minor | null = null;
  if (c.balance !== undefined && cell(f, c.balance)) {
    // The balance column may print numbers its own way (thousands separators the amounts lack).
    const b = parseBankAmount(cell(f, c.balance), currency, m.balanceNumbers ?? m);
    if (!b.ok) return reject(`balance: ${b.error}`);
    balanceAfterMinor = b.marker === 'DR' ? -abs(b.minor) : b.minor;
  }
  return {
    line: rec.line,
    raw: rec.raw,
    occurredAt,
    valueDate,
    amountMinor: amount.minor,
    currency,
    counterpartyName: cell(f, c.counterpartyName).replace(/\s+/g, ' '),
    counterpartyAccount: cell(f, c.counterpartyAccount),
    reference: cell(f, c.reference),
    memo: c.description
      .map((i) => cell(f, i).replace(/\s+/g, ' '))
      .filter(Boolean)
      .join(' | '),
    balanceAfterMinor,
    method: 'other',
  };
}

/** The signed amount: money in is positive. Debit/credit columns, a CR/DR marker and the sign rule apply. */
function readAmount(f: string[], m: CsvMapping, currency: string): AmountResult {
  const c = m.columns;
  if (c.amount !== undefined) {
    const text = cell(f, c.amount);
    if (!text) return { ok: false, error: 'amount is missing' };
    const r = parseBankAmount(text, currency, m);
    if (!r.ok) return r;
    const marker = c.direction !== undefined ? directionOf(cell(f, c.direction), m) ?? r.marker : r.marker;
    if (marker === 'CR') return { ok: true, minor: abs(r.minor) };
    if (marker === 'DR') return { ok: true, minor: -abs(r.minor) };
    return { ok: true, minor: m.sign === 'debit-positive' ? -r.minor : r.minor };
  }
  const debit = cell(f, c.debit);
  const credit = cell(f, c.credit);
  const d = debit ? parseBankAmount(debit, currency, m) : undefined;
  const cr = credit ? parseBankAmount(credit, currency, m) : undefined;
  if (d && !d.ok) return { ok: false, error: `debit: ${d.error}` };
  if (cr && !cr.ok) return { ok: false, error: `credit: ${cr.error}` };
  const dv = d?.ok ? abs(d.minor) : 0n;
  const cv = cr?.ok ? abs(cr.minor) : 0n;
  if (!d && !cr) return { ok: false, error: 'amount is missing: the debit and credit columns are both empty' };
  if (dv && cv) return { ok: false, error: 'both a debit and a credit amount on one row' };
  return { ok: true, minor: cv - dv };
}

function directionOf(v: string, m: CsvMapping): 'CR' | 'DR' | undefined {
  const s = v.trim().toUpperCase();
  if (!s) return undefined;
  if (s === m.creditMarker.toUpperCase() || s === 'CR' || s === 'C') return 'CR';
  if (s === m.debitMarker.toUpperCase() || s === 'DR' || s === 'D') return 'DR';
  return undefined;
}
