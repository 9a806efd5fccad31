import { minorDigits } from '../money.js';
import type { TxRow } from './selection.js';

/** goAML's t_foreign_currency: the amount in the other currency and local units for one of it. */
export interface ForeignLeg {
  foreign_currency_code: string;
  foreign_amount: string;
  foreign_exchange_rate: string;
}

export interface Legs {
  /** amount_local, in minor units of the report's local currency. */
  localMinor: string;
  from?: ForeignLeg;
  to?: ForeignLeg;
}

const digitsOf = (currency: string) => minorDigits(currency) ?? 2;
const pow10 = (n: number) => 10n ** BigInt(n);
const abs = (n: bigint) => (n < 0n ? -n : n);

/** a / b rounded half away from zero (b > 0). */
function divRound(a: bigint, b: bigint): bigint {
  const q = abs(a) / b;
  const r = abs(a) % b;
  const rounded = r * 2n >= b ? q + 1n : q;
  return a < 0n ? -rounded : rounded;
}

/** Minor units as goAML's sql_decimal ("1234.50"). */
export function decimalText(minor: bigint, digits: number): string {
  const neg = minor < 0n;
  const text = abs(minor).toString().padStart(digits + 1, '0');
  const out = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return neg ? `-${out}` : out;
}

/** A decimal rate text as an integer and its scale: "17.05" -> 1705n, 2. */
function rateParts(rate: string): { num: bigint; scale: number } {
  const [int, frac = ''] = rate.split('.');
  return { num: BigInt(int + frac), scale: frac.length };
}

/** The rate two amounts give (local units for one foreign unit), to 6 decimal places, trailing zeros dropped. */
function rateOf(localMinor: bigint, local: string, foreignMinor: bigint, foreign: string): string {
  const scaled = divRound(abs(localMinor) * pow10(digitsOf(foreign)) * pow10(6), abs(foreignMinor) * pow10(digitsOf(local)));
  return decimalText(scaled, 6).replace(/\.?0+$/, '');
}

/** An amount converted at a stated rate, rounded half away from zero to the local currency's minor unit. */
function convert(minor: bigint, from: string, local: string, rate: string): bigint {
  const { num, scale } = rateParts(rate);
  return divRound(minor * num * pow10(digitsOf(local)), pow10(scale) * pow10(digitsOf(from)));
}

const leg = (currency: string, minor: bigint, rate: string): ForeignLeg => ({
  foreign_currency_code: currency,
  foreign_amount: decimalText(abs(minor), digitsOf(currency)),
  foreign_exchange_rate: rate,
});

/**
 * A transaction's amounts as goAML states them: amount_local in the report's currency, and the leg in
 * another currency on the side that holds it. An exchange the case records (to_amount, to_currency)
 * gives its own rate; otherwise the caller's rate converts (the caller checked there is one).
 */
export function foreignLegs(t: TxRow, local: string, rates: Record<string, string>): Legs {
  const amount = BigInt(t.amountMinor);
  const toAmount = t.toAmountMinor === null ? null : BigInt(t.toAmountMinor);
  if (t.currency === local) {
    const to = t.toCurrency && t.toCurrency !== local && toAmount ? leg(t.toCurrency, toAmount, rateOf(amount, local, toAmount, t.toCurrency)) : undefined;
    return { localMinor: amount.toString(), ...(to ? { to } : {}) };
  }
  if (t.toCurrency === local && toAmount) return { localMinor: toAmount.toString(), from: leg(t.currency, amount, rateOf(toAmount, local, amount, t.currency)) };
  const rate = rates[t.currency];
  return { localMinor: convert(amount, t.currency, local, rate).toString(), from: leg(t.currency, amount, rate) };
}
