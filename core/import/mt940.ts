import { invalid } from '../errors.js';
import { isKnownCurrency, parseAmount, type Minor } from '../money.js';
import { isIsoDate } from '../dates.js';
import { expandYear } from './dates.js';
import { clip, type ParsedStatement, type RowProblem, type StatedBalance, type StatementRow } from './rows.js';

/** One tagged field (":61:...") with its continuation lines and where it starts. */
interface Field {
  tag: string;
  lines: string[];
  line: number;
}

/**
 * Splits the text into messages of fields. A message runs from ":20:" to a line "-" (or the next
 * ":20:"); lines outside messages (SWIFT headers such as "ABNANL2A" / "940", SOH/ETX marks) are ignored.
 */
function messages(text: string): Field[][] {
  const out: Field[][] = [];
  let current: Field[] | undefined;
  const lines = text.replaceAll('\u0001', '').replaceAll('\u0003', '').split('\n');
  lines.forEach((rawLine, i) => {
    const line = rawLine.replace(/\s+$/, '');
    const tag = /^:(\d{2}[A-Z]?|NS):(.*)$/.exec(line);
    if (tag) {
      if (tag[1] === '20' || !current) out.push((current = []));
      current.push({ tag: tag[1], lines: [tag[2]], line: i + 1 });
    } else if (/^-(\}|XXX)?\s*$/.test(line)) current = undefined;
    else if (current && line.trim() !== '') current[current.length - 1].lines.push(rawLine.replace(/\r$/, ''));
  });
  return out;
}

const BALANCE = /^([CD])(\d{6})([A-Z]{3})(\d+,?\d*)$/;
/**
 * value date, [entry date], mark, [funds code], amount, [type code], rest. Some banks leave the
 * type code out or put a space before it; "NONREF" right after the amount is a reference, not type "NONR".
 */
const ENTRY = /^(\d{6})(\d{4})?(RC|RD|C|D)([A-Z])?(\d+(?:,\d*)?)\s*((?!NONREF)[NSF][A-Z0-9]{3})?(.*)$/;

function ymd(yymmdd: string): string | undefined {
  const iso = `${expandYear(Number(yymmdd.slice(0, 2)))}-${yymmdd.slice(2, 4)}-${yymmdd.slice(4, 6)}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** The booking date MMDD carries no year: take the value date's, across a new year if needed. */
function bookingDate(valueDate: string, mmdd: string): string | undefined {
  let year = Number(valueDate.slice(0, 4));
  const vm = Number(valueDate.slice(5, 7));
  const bm = Number(mmdd.slice(0, 2));
  if (bm === 1 && vm === 12) year++;
  if (bm === 12 && vm === 1) year--;
  const iso = `${year}-${mmdd.slice(0, 2)}-${mmdd.slice(2, 4)}`;
  return isIsoDate(iso) ? iso : undefined;
}

/** German/Polish structured :86: ("166?00GUTSCHRIFT?20EREF+...?32NAME"): its numbered subfields. */
function subfields(info: string): Map<string, string> | undefined {
  const m = /^\s*\d{3}([?/|@#^])\d{2}/.exec(info);
  if (!m) return undefined;
  const sep = m[1];
  const out = new Map<string, string>();
  const parts = info.trim().split(new RegExp(`\\${sep}(\\d{2})`));
  for (let i = 1; i + 1 < parts.length; i += 2) out.set(parts[i], (out.get(parts[i]) ?? '') + parts[i + 1]);
  return out;
}

function describe(infoLines: string[], customerRef: string, bankRef: string, supplementary: string) {
  const structured = subfields(infoLines.join(''));
  const ref = customerRef && customerRef !== 'NONREF' ? customerRef : bankRef;
  if (!structured) {
    const text = [...infoLines.map((l) => l.trim()), supplementary].filter(Boolean).join(' ');
    return { counterpartyName: '', counterpartyAccount: '', reference: ref, memo: text };
  }
  const get = (...codes: string[]) => codes.map((c) => structured.get(c) ?? '').join('');
  const purpose = get('20', '21', '22', '23', '24', '25', '26', '27', '28', '29', '60', '61', '62', '63');
  const eref = /EREF\+(.*?)(?=(?:KREF|MREF|CRED|SVWZ|ABWA|ABWE|DEBT|IBAN|BIC)\+|$)/.exec(purpose)?.[1].trim();
  const iban = get('38').replace(/\s+/g, '');
  const account = iban || (get('31').trim() ? [get('30').trim(), get('31').trim()].filter(Boolean).join('/') : '');
  return {
    counterpartyName: get('32', '33').replace(/\s+/g, ' ').trim(),
    counterpartyAccount: account,
    reference: eref && eref !== 'NOTPROVIDED' ? eref : ref,
    memo: [get('00').trim(), purpose.replace(/\s+/g, ' ').trim(), supplementary].filter(Boolean).join(' | '),
  };
}

function entry(f: Field, info: Field | undefined, currency: string, rawLines: string[]): StatementRow | RowProblem {
  const raw = clip(rawLines.join('\n'));
  const reject = (reason: string): RowProblem => ({ line: f.line, raw, reason, kind: 'rejected' });
  const m = ENTRY.exec(f.lines[0].trim());
  if (!m) return reject(':61: is not a statement line (value date, D/C mark, amount, type)');
  const [, vd, ed, mark, , amountText, , rest] = m;
  const valueDate = ymd(vd);
  if (!valueDate) return reject(`:61: value date "${vd}" is not a real date`);
  const occurredAt = ed ? bookingDate(valueDate, ed) : valueDate;
  if (!occurredAt) return reject(`:61: entry date "${ed}" is not a real date`);
  const amount = parseAmount(amountText, currency, { decimal: ',' });
  if (!amount.ok) return reject(`:61: amount: ${amount.error}`);
  if (amount.minor === 0n) return { line: f.line, raw, reason: 'amount is 0,00: nothing moved', kind: 'skipped' };
  const [customerRef, bankRef = ''] = rest.split('//');
  const sign = mark === 'C' || mark === 'RD' ? 1n : -1n;
  return {
    line: f.line,
    raw,
    occurredAt,
    valueDate,
    amountMinor: sign * amount.minor,
    currency,
    ...describe(info?.lines ?? [], customerRef.trim(), bankRef.trim(), f.lines.slice(1).join(' ').trim()),
    balanceAfterMinor: null,
    method: 'other',
  };
}

/** A stated balance (:60F:, :62F:): mark, date YYMMDD, currency, amount. */
function balance(f: Field, currency: string): StatedBalance | undefined {
  const m = BALANCE.exec(f.lines[0].trim());
  const date = m && ymd(m[2]);
  const p = m && parseAmount(m[4], currency, { decimal: ',' });
  if (!m || !date || !p?.ok) return undefined;
  const minor: Minor = m[1] === 'D' ? -p.minor : p.minor;
  return { minor, date, line: f.line };
}

/** Parses every statement of an MT940 file (several messages, several accounts and currencies). */
export function parseMt940(text: string): ParsedStatement[] {
  const msgs = messages(text);
  if (msgs.length === 0) throw invalid('file', 'no MT940 statement found (no ":20:" field)');
  return msgs.map((fields) => {
    const acct = fields.find((f) => f.tag === '25');
    if (!acct) throw invalid('file', `line ${fields[0].line}: statement without an account (:25:)`);
    const opening = fields.find((f) => f.tag === '60F' || f.tag === '60M') ?? fields.find((f) => f.tag === '62F' || f.tag === '62M');
    const bal = opening ? BALANCE.exec(opening.lines[0].trim()) : null;
    if (!bal) throw invalid('file', `line ${opening?.line ?? acct.line}: no opening balance (:60F:) to take the currency from`);
    const currency = bal[3];
    if (!isKnownCurrency(currency)) throw invalid('file', `line ${opening!.line}: unknown currency "${currency}"`);
    const rows: (StatementRow | RowProblem)[] = [];
    fields.forEach((f, i) => {
      if (f.tag !== '61') return;
      const next = fields[i + 1];
      const info = next && (next.tag === '86' || next.tag === 'NS') ? next : undefined;
      const rawLines = [`:61:${f.lines.join('\n')}`, ...(info ? [`:${info.tag}:${info.lines.join('\n')}`] : [])];
      rows.push(entry(f, info?.tag === '86' ? info : undefined, currency, rawLines));
    });
    const identifier = acct.lines.join('').trim().replace(/\/[A-Z]{3}$/, '');
    const closing = fields.find((f) => f.tag === '62F' || f.tag === '62M');
    return { account: { identifier, currency }, rows, opening: opening?.tag.startsWith('60') ? balance(opening, currency) : undefined, closing: closing && balance(closing, currency) };
  });
}
