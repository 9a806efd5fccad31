import { parseAmount, type Minor } from '../money.js';

export interface NumberFormat {
  decimal: '.' | ',';
  thousands: '' | ',' | '.' | ' ' | "'";
}

export type AmountResult = { ok: true; minor: Minor; marker?: 'CR' | 'DR' } | { ok: false; error: string };

const PLAIN = /^[+-]?\d[\d.,']*$/;
const SYMBOLS = /[\p{Sc}]|\b(?:[A-Z]{3}|R\$|US\$|C\$|A\$|S\$)(?=\s|\d|$)|^\s*[A-Z]{1,2}\$/gu;

/**
 * Parses an amount as banks print it: currency signs and codes ("£1,183.23", "EUR -5,00", "R$ 10"),
 * a leading or trailing sign, parentheses, and a trailing CR/DR marker. Exact, via parseAmount.
 */
export function parseBankAmount(text: string, currency: string, fmt: NumberFormat): AmountResult {
  // Most cells are a bare number ("-1.234,56"): nothing below would change them, so parseAmount reads them at once.
  if (PLAIN.test(text)) return parseAmount(text, currency, { decimal: fmt.decimal, thousands: fmt.thousands });
  let s = text.replace(/\u00a0|\u202f/g, ' ').trim();
  let marker: 'CR' | 'DR' | undefined;
  const m = /\s*\b(CR|DR|Cr|Dr|cr|dr)\.?$/.exec(s);
  if (m) {
    marker = m[1].toUpperCase() as 'CR' | 'DR';
    s = s.slice(0, m.index).trim();
  }
  s = s.replace(SYMBOLS, '').trim();
  // "+ 1,100.00" or "- 5": a sign separated from the number by spaces.
  s = s.replace(/^([+\-−])\s+/, '$1');
  const r = parseAmount(s, currency, { decimal: fmt.decimal, thousands: fmt.thousands });
  if (!r.ok) return { ok: false, error: r.error.replace(`"${s}"`, `"${text.trim()}"`) };
  return { ok: true, minor: r.minor, marker };
}

/**
 * Guesses decimal and thousands separators from amount samples: "1.234,56" and "-8,78" read as a
 * decimal comma, "1,234.56" as a decimal point; a lone "1,234" could be either and does not vote.
 */
export function detectNumberFormat(samples: string[]): NumberFormat {
  let comma = 0;
  let point = 0;
  let space = false;
  let apostrophe = false;
  for (const raw of samples) {
    const s = raw.replace(/[^\d.,' \u00a0-]/g, '').trim();
    if (!s) continue;
    if (/\d[ \u00a0]\d{3}/.test(s)) space = true;
    if (/\d'\d{3}/.test(s)) apostrophe = true;
    const lastComma = s.lastIndexOf(',');
    const lastPoint = s.lastIndexOf('.');
    if (lastComma > lastPoint) {
      const frac = s.length - lastComma - 1;
      if (frac !== 3 || lastPoint >= 0 || /,$/.test(s)) comma++;
    } else if (lastPoint > lastComma) {
      const frac = s.length - lastPoint - 1;
      if (frac !== 3 || lastComma >= 0) point++;
    }
  }
  const decimal: '.' | ',' = comma > point ? ',' : '.';
  const joined = samples.join(' ');
  const grouped = decimal === ',' ? /\d\.\d{3}/.test(joined) : /\d,\d{3}/.test(joined);
  const thousands: NumberFormat['thousands'] = grouped ? (decimal === ',' ? '.' : ',') : space ? ' ' : apostrophe ? "'" : '';
  return { decimal, thousands };
}

/** True when the text reads as an amount in some common format (used to tell data from headers). */
export function looksLikeAmount(text: string): boolean {
  const s = text.replace(/[\p{Sc}\s\u00a0]|\b[A-Z]{3}\b|\b(?:CR|DR)\b/gu, '');
  return /^[+\-−(]?\d{1,3}(?:[.,' ]?\d{3})*(?:[.,]\d{0,3})?\)?-?$/.test(s) || /^[+\-−]?\d+(?:[.,]\d+)?$/.test(s);
}
