import { invalid } from '../errors.js';
import { minorDigits } from '../money.js';
import type { CurrencyTotals } from './totals.js';

export interface Conversion {
  to: string;
  /** The rates exactly as the user entered them, kept with the report. */
  rates: { from: string; rate: string }[];
  totals: Pick<CurrencyTotals, 'seizedMinor' | 'appraisedMinor' | 'realisedMinor' | 'costsMinor' | 'deductionsMinor' | 'netMinor' | 'netProceedsMinor'>;
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
export function convertMinor(minor: number, from: string, to: string, rate: string): number {
  const { n, d } = rateFraction(rate);
  const shift = (minorDigits(to) ?? 2) - (minorDigits(from) ?? 2);
  const num = BigInt(minor) * n * (shift > 0 ? 10n ** BigInt(shift) : 1n);
  const den = d * (shift < 0 ? 10n ** BigInt(-shift) : 1n);
  return Number(divHalfEven(num, den));
}

const FIGURES = ['seizedMinor', 'appraisedMinor', 'realisedMinor', 'costsMinor', 'deductionsMinor', 'netMinor', 'netProceedsMinor'] as const;

/** Totals of several currencies in one, only at rates the user gave; a missing rate is an error naming the currency. */
export function convertTotals(byCurrency: Record<string, CurrencyTotals>, to: string, rates: { from: string; rate: string }[]): Conversion {
  const rateOf = new Map(rates.map((r) => [r.from, r.rate]));
  const totals = Object.fromEntries(FIGURES.map((k) => [k, 0])) as Conversion['totals'];
  for (const [currency, t] of Object.entries(byCurrency)) {
    const rate = currency === to ? '1' : rateOf.get(currency);
    if (!rate) throw invalid('convert.rates', `no rate given from ${currency} to ${to}`);
    for (const k of FIGURES) totals[k] += convertMinor(t[k], currency, to, rate);
  }
  return { to, rates, totals, rounding: 'half-even per currency and figure' };
}
