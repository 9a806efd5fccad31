import { minorDigits, type Minor, type MinorText } from './money.js';

/**
 * Minor units -> text in a locale, exactly at any size: the integer part goes to
 * Intl.NumberFormat as a BigInt (so the locale's own grouping applies: 12.345.678,90 € in es-ES,
 * 1,23,45,678.90 in en-IN, 1234 € with es-ES's minimum grouping) and the fraction digits are the
 * amount's own, placed where Intl puts the fraction. Never through a float. Crypto assets (not in
 * ISO 4217) show their code and keep their chain's exponent (18 for ETH). The renderer's
 * i18n/format.ts and the core's printed reports both format money here.
 */
export function formatMoneyIn(locale: string, minor: MinorText | Minor | number, currency: string): string {
  const digits = minorDigits(currency) ?? 2;
  const m = typeof minor === 'bigint' ? minor : typeof minor === 'number' ? BigInt(Math.round(minor)) : BigInt(minor);
  const neg = m < 0n;
  const abs = neg ? -m : m;
  const scale = 10n ** BigInt(digits);
  const whole = abs / scale;
  const frac = digits ? (abs % scale).toString().padStart(digits, '0') : '';
  const code = isoCurrency(currency) ? currency : 'XXX';
  const nf = numberFormat(locale, code, digits);
  const integer = nf.formatToParts(whole).filter((p) => p.type === 'integer' || p.type === 'group').map((p) => p.value).join('');
  let out = '';
  let placed = false;
  for (const p of nf.formatToParts(neg ? -1n : 1n)) {
    if (p.type === 'integer' || p.type === 'group') {
      if (!placed) out += integer;
      placed = true;
    } else if (p.type === 'fraction') out += frac;
    else if (p.type === 'currency') out += code === currency ? p.value : currency;
    else out += p.value;
  }
  return out;
}

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, currency: string, digits: number): Intl.NumberFormat {
  const key = `${locale}|${currency}|${digits}`;
  let nf = cache.get(key);
  if (!nf) cache.set(key, (nf = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return nf;
}

const isoCache = new Map<string, boolean>();
function isoCurrency(c: string): boolean {
  let ok = isoCache.get(c);
  if (ok === undefined) {
    try {
      new Intl.NumberFormat('en', { style: 'currency', currency: c });
      ok = c !== 'XXX' && /^[A-Z]{3}$/.test(c);
    } catch {
      ok = false;
    }
    isoCache.set(c, ok);
  }
  return ok;
}

/** Plain decimal text ("-1234567.89") with English thousands commas, for tables printed in English (the tracing schedule). */
export const groupThousands = (plain: string): string =>
  plain.replace(/^(-?\d+)/, (whole) => whole.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
