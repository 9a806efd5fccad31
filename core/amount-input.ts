import { MAX_MINOR, MAX_MINOR_DIGITS, minorDigits, type Minor } from './money';

/**
 * Reads an amount as a person types it, in any of the conventions of the Americas and Europe:
 * "68,500.00", "68.500,00", "12,30", "1 234,56" (space, no-break space or narrow no-break space as
 * the group separator), "1'234.50", Indian "12,34,567.89", a sign or accounting parentheses.
 * Pure and exact: the digits go straight into a bigint of the currency's minor units.
 *
 * Every way of reading the marks is tried (no decimal mark; the last "." is the decimal mark; the
 * last "," is). A reading is valid only when its group separators sit where groups go (threes, or
 * the Indian 2-2-3) and its fraction fits the currency's exponent. One distinct value: that is the
 * amount. Two: the entry is ambiguous and both readings come back, the locale's own first; the
 * caller asks the person, this function never picks. "1,234" in USD is one thousand two hundred
 * thirty-four (three decimals do not fit cents), in BTC it is ambiguous.
 */
export type AmountReading = { minor: Minor; decimal: '.' | ',' | null; canonical: string };

export type AmountInputResult =
  | { kind: 'ok'; minor: Minor; canonical: string; reading: AmountReading }
  | { kind: 'ambiguous'; readings: AmountReading[] }
  | { kind: 'error'; code: AmountInputError; params: Record<string, string | number>; message: string };

export type AmountInputError = 'empty' | 'unknownCurrency' | 'notANumber' | 'tooManyDecimals' | 'tooLarge';

const SPACES = /[\s\u00a0\u202f\u2009\u2007]/g;

/** The decimal mark of a locale ("," for es-ES, pt-BR, fr-CA; "." for es-MX, en-US, en-IN). */
export function localeDecimal(locale: string): '.' | ',' {
  const d = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === 'decimal')?.value;
  return d === ',' ? ',' : '.';
}

function fail(code: AmountInputError, params: Record<string, string | number>, message: string): AmountInputResult {
  return { kind: 'error', code, params, message };
}

/** True when the integer part's groups sit where groups go: 1-3 then threes, or Indian 1-2, twos, then three. */
function groupsValid(groups: string[]): boolean {
  if (groups.length === 1) return /^\d+$/.test(groups[0]);
  if (!groups.every((g) => /^\d+$/.test(g))) return false;
  const [first, ...rest] = groups;
  const last = rest[rest.length - 1];
  if (last.length !== 3 || first.length < 1) return false;
  const middle = rest.slice(0, -1);
  if (first.length <= 3 && middle.every((g) => g.length === 3)) return true;
  return first.length <= 2 && middle.length > 0 && middle.every((g) => g.length === 2);
}

/** Splits the integer text at group separators: any run of one separator kind, spaces always allowed. */
function readInteger(text: string, groupChars: string): string | null {
  if (text === '') return '';
  const seps = new Set([...text].filter((c) => !/\d/.test(c)));
  for (const s of seps) if (!groupChars.includes(s)) return null;
  // one visual separator per number: "1.234 567" mixes two and is refused
  const kinds = new Set([...seps].map((s) => (s === ' ' ? ' ' : s)));
  if (kinds.size > 1) return null;
  const groups = seps.size ? text.split([...seps][0]) : [text];
  return groupsValid(groups) ? groups.join('') : null;
}

/**
 * Reads `text` as an amount of `currency`; `locale` only orders the readings of an ambiguous entry
 * (its own convention first) and never decides between them.
 */
export function readAmount(text: string, currency: string, locale = 'en-US'): AmountInputResult {
  const digits = minorDigits(currency);
  if (digits === undefined) return fail('unknownCurrency', { currency }, `unknown currency code "${currency}"`);
  let s = text.replace(SPACES, ' ').trim();
  if (s === '') return fail('empty', {}, 'amount is empty');
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (/^[-−]/.test(s)) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  else if (/[-−]$/.test(s)) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  s = s.replace(/[’']/g, "'");
  const notANumber = () => fail('notANumber', { text }, `"${text}" is not a number`);
  if (!/^[\d.,' ]+$/.test(s) || !/\d/.test(s)) return notANumber();

  const readings: AmountReading[] = [];
  const trimmed: AmountReading[] = [];
  let tooManyDecimals = false;
  const consider = (decimal: '.' | ',' | null) => {
    let intText = s;
    let frac = '';
    if (decimal) {
      const at = s.lastIndexOf(decimal);
      if (at < 0) return;
      intText = s.slice(0, at).trimEnd();
      frac = s.slice(at + 1).trimStart();
      if (!/^\d*$/.test(frac) || (frac === '' && intText === '')) return;
    }
    const groupChars = decimal === '.' ? ", '" : decimal === ',' ? ". '" : ".,' ";
    const whole = readInteger(intText, groupChars);
    if (whole === null || (whole === '' && frac === '')) return;
    // "1.50000" fits once its trailing zeros go, but only when nothing else reads it: "1.500" in
    // cents is one thousand five hundred (three digits after a mark are a group), not 1.50.
    let into = readings;
    if (frac.length > digits) {
      if (!/^0*$/.test(frac.slice(digits))) {
        tooManyDecimals = true;
        return;
      }
      frac = frac.slice(0, digits);
      into = trimmed;
    }
    const big = BigInt((whole || '0') + frac.padEnd(digits, '0'));
    const minor = negative ? -big : big;
    into.push({ minor, decimal, canonical: canonicalText(minor, digits) });
  };
  consider(null);
  consider('.');
  consider(',');

  const distinct: AmountReading[] = [];
  for (const r of readings.length ? readings : trimmed) if (!distinct.some((d) => d.minor === r.minor)) distinct.push(r);
  if (distinct.length === 0) {
    if (tooManyDecimals)
      return digits === 0
        ? fail('tooManyDecimals', { text, currency, digits }, `"${text}": ${currency} has no minor unit, so the amount must be a whole number`)
        : fail('tooManyDecimals', { text, currency, digits }, `"${text}": ${currency} has ${digits} decimal places`);
    return notANumber();
  }
  for (const r of distinct)
    if ((r.minor < 0n ? -r.minor : r.minor) > MAX_MINOR)
      return fail('tooLarge', { text, currency, max: MAX_MINOR_DIGITS }, `"${text}" is too large (more than ${MAX_MINOR_DIGITS} digits of ${currency} minor units)`);
  if (distinct.length === 1) return { kind: 'ok', minor: distinct[0].minor, canonical: distinct[0].canonical, reading: distinct[0] };
  // The locale's own convention first: the reading whose decimal mark is the locale's, then grouping-only.
  const own = localeDecimal(locale);
  const rank = (r: AmountReading) => (r.decimal === own ? 0 : r.decimal === null ? 1 : 2);
  const ordered = [...distinct].sort((a, b) => rank(a) - rank(b));
  return { kind: 'ambiguous', readings: ordered };
}

/** The plain decimal text the contract takes ("68500.00", "-0.05", "1500"), exactly. */
function canonicalText(minor: Minor, digits: number): string {
  const neg = minor < 0n;
  const abs = (neg ? -minor : minor).toString().padStart(digits + 1, '0');
  const text = digits ? `${abs.slice(0, -digits)}.${abs.slice(-digits)}` : abs;
  return neg ? `-${text}` : text;
}
