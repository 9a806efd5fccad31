import { invalid } from '../errors.js';
import { minorDigits, minorText, toMinor, type Minor, type MinorText } from '../money.js';
import type { CurrencyTotals } from './totals.js';

const FIGURES = ['seizedMinor', 'appraisedMinor', 'realisedMinor', 'costsMinor', 'deductionsMinor', 'grossMinor', 'netMinor', 'netProceedsMinor'] as const;
type Figure = (typeof FIGURES)[number];

export interface Conversion {
  to: string;
  /** The rates exactly as the user entered them, kept with the report. */
  rates: { from: string; rate: string }[];
  totals: Record<Figure, MinorText>;
  rounding: 'half-even per currency and figure';
}

/** Rate text "1.0842" as an exact fraction of BigInts. */
function rateFraction(rate: string): { n: bigint; d: bigint } {
  const [whole, frac = ''] = rate.split('.');
  return { n: BigInt(whole + frac), d: 10n ** BigInt(frac.length) };
}

/** Divides with banker's rounding, so converting many totals does not drift one way. */
function divHalfEven(n: bigint, d: bigint): bigint {
  const neg = n < 0n;
  const a = neg ? -n : n;
  let q = a / d;
  const r = a % d;
  if (r * 2n > d || (r * 2n === d && q % 2n === 1n)) q += 1n;
  return neg ? -q : q;
}

/** Minor units of one currency into minor units of another at an exact decimal rate. */
export function convertMinor(minor: Minor | MinorText, from: string, to: string, rate: string): Minor {
  const { n, d } = rateFraction(rate);
  const shift = (minorDigits(to) ?? 2) - (minorDigits(from) ?? 2);
  const num = toMinor(minor) * n * (shift > 0 ? 10n ** BigInt(shift) : 1n);
  const den = d * (shift < 0 ? 10n ** BigInt(-shift) : 1n);
  return divHalfEven(num, den);
}

/** Totals of several currencies in one, only at rates the user gave; a missing rate is an error naming the currency. */
export function convertTotals(byCurrency: Record<string, CurrencyTotals>, to: string, rates: { from: string; rate: string }[]): Conversion {
  const rateOf = new Map(rates.map((r) => [r.from, r.rate]));
  const sums = new Map<Figure, bigint>(FIGURES.map((k) => [k, 0n]));
  for (const [currency, t] of Object.entries(byCurrency)) {
    const rate = currency === to ? '1' : rateOf.get(currency);
    if (!rate) throw invalid('convert.rates', `no rate given from ${currency} to ${to}`);
    for (const k of FIGURES) sums.set(k, sums.get(k)! + convertMinor(t[k], currency, to, rate));
  }
  const totals = Object.fromEntries(FIGURES.map((k) => [k, minorText(sums.get(k)!)])) as Conversion['totals'];
  return { to, rates, totals, rounding: 'half-even per currency and figure' };
}
