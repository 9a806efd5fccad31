import { parseBankAmount } from './amounts.js';
import type { CsvRecord } from './csv-source.js';
import type { CsvMapping } from './formats.js';

/**
 * Which way a bank CSV's amounts point, and why we think so. A card export where purchases are
 * positive, read the usual way, turns every payment into money in and every trace runs backwards:
 * so the convention is decided by evidence where there is some, and a guess is said to be one.
 */
export interface SignDecision {
  sign: CsvMapping['sign'];
  /** What decided, in words a person can check against the file. */
  evidence: string;
  /** No evidence in the file: the CLI warns, the wizard asks, --strict refuses. */
  guessed: boolean;
}

const CARD_HEADER = /card|karte|tarjeta|cart[aã]o|carte|purchases?|charges?|compras|achats/i;

/**
 * The sign convention of a statement CSV from its first rows. Evidence, strongest first: separate
 * debit and credit columns, a credit/debit marker on every amount, a running balance that adds up
 * one way only; then, weaker, a card statement's header over amounts that are never negative.
 */
export function decideSign(m: CsvMapping, header: string[] | undefined, records: CsvRecord[]): SignDecision {
  const c = m.columns;
  if (c.amount === undefined) return { sign: m.sign, evidence: 'separate debit and credit columns', guessed: false };
  if (c.direction !== undefined) return { sign: m.sign, evidence: 'a credit/debit marker column', guessed: false };
  const currency = m.currency ?? 'XXX';
  const cell = (r: CsvRecord, i: number | undefined) => (i === undefined ? '' : (r.fields[i] ?? '').trim());
  const cur = (r: CsvRecord) => (c.currency !== undefined ? cell(r, c.currency).toUpperCase() : '') || currency;
  const amounts = records.map((r) => {
    const a = parseBankAmount(cell(r, c.amount), cur(r), m);
    return a.ok ? a : undefined;
  });
  if (amounts.length > 0 && amounts.every((a) => a?.marker)) return { sign: m.sign, evidence: 'a CR/DR marker on every amount', guessed: false };
  const fromBalance = balanceVote(m, records, amounts.map((a) => a?.minor), cur);
  if (fromBalance) return fromBalance;
  const values = amounts.filter((a) => a !== undefined).map((a) => a.minor);
  const cardHeader = header?.find((h) => CARD_HEADER.test(h));
  if (cardHeader && values.length > 0 && values.every((v) => v >= 0n))
    return { sign: 'debit-positive', evidence: `card statement header ("${cardHeader}") over amounts that are never negative: purchases read as money out`, guessed: true };
  if (values.some((v) => v < 0n) && values.some((v) => v > 0n))
    return { sign: m.sign, evidence: `signed amounts, ${m.sign === 'credit-positive' ? 'negative' : 'positive'} read as money out (no balance or debit/credit column confirms it)`, guessed: true };
  return { sign: m.sign, evidence: `amounts all of one sign, read as ${m.sign === 'credit-positive' ? 'money in when positive' : 'money out when positive'} (nothing in the file confirms it)`, guessed: true };
}

/**
 * A running balance decides when, between consecutive rows, it moves by +amount (money in is
 * positive) or by -amount (purchases positive), and never the other way. Rows may run newest first.
 */
function balanceVote(m: CsvMapping, records: CsvRecord[], amounts: (bigint | undefined)[], cur: (r: CsvRecord) => string): SignDecision | undefined {
  const b = m.columns.balance;
  if (b === undefined) return undefined;
  const balances = records.map((r) => {
    const p = parseBankAmount((r.fields[b] ?? '').trim(), cur(r), m.balanceNumbers ?? m);
    return p.ok ? (p.marker === 'DR' ? -(p.minor < 0n ? -p.minor : p.minor) : p.minor) : undefined;
  });
  let plus = 0;
  let minus = 0;
  for (let i = 1; i < records.length; i++) {
    const [b0, b1, a0, a1] = [balances[i - 1], balances[i], amounts[i - 1], amounts[i]];
    if (b0 === undefined || b1 === undefined) continue;
    const delta = b1 - b0;
    // Oldest first: this row's amount moved the balance; newest first: the row above's did, backwards.
    if (a1 !== undefined && a1 !== 0n && delta === a1) plus++;
    else if (a1 !== undefined && a1 !== 0n && delta === -a1) minus++;
    else if (a0 !== undefined && a0 !== 0n && -delta === a0) plus++;
    else if (a0 !== undefined && a0 !== 0n && -delta === -a0) minus++;
  }
  if (plus > 0 && minus === 0)
    return { sign: 'credit-positive', evidence: `the running balance adds up with positive amounts as money in (${plus} of ${records.length - 1} steps)`, guessed: false };
  if (minus > 0 && plus === 0)
    return { sign: 'debit-positive', evidence: `the running balance adds up only with positive amounts as money out (${minus} of ${records.length - 1} steps)`, guessed: false };
  return undefined;
}
