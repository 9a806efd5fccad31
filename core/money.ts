import cc from 'currency-codes';
import { z } from 'zod';

/**
 * Money is an integer number of minor units of one currency, at the currency's full precision
 * (docs/money-and-time.md). In the core it is a `bigint`: 1,000,000 ETH is 10^24 wei, past both
 * 2^53 (JavaScript numbers) and 2^63 (SQLite INTEGER). In the database and in the contract (JSON)
 * it is the decimal text of that integer ("-1250"), so it survives every transport exactly.
 */
export type Minor = bigint;
/** The decimal text of a Minor: what the database stores and the contract carries. */
export type MinorText = string;

/**
 * Crypto assets are not in ISO 4217; their minor unit is the chain's own base unit, so every
 * on-chain amount is representable (ETH in wei, XMR in piconero).
 */
const CRYPTO_DIGITS: Record<string, number> = {
  BTC: 8, ETH: 18, USDT: 6, USDC: 6, XMR: 12, LTC: 8, BCH: 8, DOGE: 8, TRX: 6, XRP: 6, SOL: 9, DAI: 18, BNB: 18, ADA: 6, DASH: 8, ZEC: 8,
};

/** Withdrawn currencies (ISO 4217 list three) that still appear in old bank records, e.g. DEM in MT940 files. */
const HISTORIC_DIGITS: Record<string, number> = {
  DEM: 2, FRF: 2, NLG: 2, ATS: 2, BEF: 0, ITL: 0, ESP: 0, PTE: 0, FIM: 2, IEP: 2, GRD: 0, LUF: 0, VEF: 2, ZWL: 2, HRK: 2,
};

const digitsSeen = new Map<string, number | undefined>();

/** Number of minor-unit digits for a currency, or undefined when the code is unknown. */
export function minorDigits(currency: string): number | undefined {
  // Asked once per amount (a million times in an import); the ISO list is searched once per code.
  if (digitsSeen.has(currency)) return digitsSeen.get(currency);
  const digits = lookUpDigits(currency);
  if (digitsSeen.size < 1000) digitsSeen.set(currency, digits);
  return digits;
}

function lookUpDigits(currency: string): number | undefined {
  if (currency in CRYPTO_DIGITS) return CRYPTO_DIGITS[currency];
  if (currency in HISTORIC_DIGITS) return HISTORIC_DIGITS[currency];
  const entry = cc.code(currency);
  if (!entry) return undefined;
  // ISO lists some funds/metals (XAU...) with no digits; treat them as unusable here.
  return Number.isInteger(entry.digits) ? entry.digits : undefined;
}

export const isKnownCurrency = (c: string) => minorDigits(c) !== undefined;

export const currencySchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .refine(isKnownCurrency, { message: 'unknown currency code (ISO 4217, e.g. USD, EUR, BRL, CLP)' });

/**
 * The largest amount Proceeds holds, in minor units: 10^36 - 1. It is far beyond any real sum
 * (10^12 ETH in wei is 10^30) and keeps a sum of a billion such amounts exact in BigInt and
 * comparable as text of bounded length.
 */
export const MAX_MINOR_DIGITS = 36;
export const MAX_MINOR = 10n ** BigInt(MAX_MINOR_DIGITS) - 1n;

const INTEGER_TEXT = /^-?(0|[1-9]\d*)$/;

/** True when `s` is the canonical decimal text of an integer within range ("0", "-12", never "012" or "+1"). */
export function isMinorText(s: string): boolean {
  return INTEGER_TEXT.test(s) && s !== '-0' && s.replace('-', '').length <= MAX_MINOR_DIGITS;
}

/** The Minor a stored or transported text stands for. Throws on anything that is not canonical. */
export function toMinor(s: MinorText | bigint): Minor {
  if (typeof s === 'bigint') return s;
  if (!isMinorText(s)) throw new Error(`"${s}" is not an amount in minor units`);
  return BigInt(s);
}

/** The text form of an amount, for the database and the contract. */
export const minorText = (m: Minor): MinorText => m.toString();

/**
 * An amount in minor units as the contract takes it: the decimal text ("1250", "-3"), or a
 * JavaScript integer while it is safe. Always comes out as canonical text; a float, an unsafe
 * integer or anything past MAX_MINOR is refused rather than rounded.
 */
export const minorSchema = z
  .union([z.string().trim(), z.number(), z.bigint()])
  .transform((v, ctx) => {
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) {
        ctx.addIssue({ code: 'custom', message: 'must be a whole number of minor units (send larger amounts as text)' });
        return z.NEVER;
      }
      return String(v);
    }
    const s = typeof v === 'bigint' ? v.toString() : v;
    if (!INTEGER_TEXT.test(s) || s === '-0') {
      ctx.addIssue({ code: 'custom', message: 'must be a whole number of minor units, such as "125000"' });
      return z.NEVER;
    }
    if (s.replace('-', '').length > MAX_MINOR_DIGITS) {
      ctx.addIssue({ code: 'custom', message: `amount too large (at most ${MAX_MINOR_DIGITS} digits of minor units)` });
      return z.NEVER;
    }
    return s;
  });

export interface ParseAmountOptions {
  /** '.' or ','; default '.' */
  decimal?: '.' | ',';
  /** Thousands separator allowed in the input, if any: ',', '.', ' ', "'" or ''. */
  thousands?: string;
}

export type ParsedAmount = { ok: true; minor: Minor } | { ok: false; error: string };

/**
 * Parses a decimal amount text into integer minor units of `currency`, exactly (no floats).
 * Refuses more fraction digits than the currency has: `1.234,5` CLP is an error, not 123450.
 * Returns the signed amount, or an error message a person can act on.
 */
export function parseAmount(text: string, currency: string, opts: ParseAmountOptions = {}): ParsedAmount {
  const digits = minorDigits(currency);
  if (digits === undefined) return { ok: false, error: `unknown currency code "${currency}"` };
  const decimal = opts.decimal ?? '.';
  let s = text.trim().replace(/[\u00a0\u202f]/g, ' ');
  if (s === '') return { ok: false, error: 'amount is empty' };
  let negative = false;
  if (/^\(.*\)$/.test(s)) {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  if (s.startsWith('-') || s.startsWith('−')) {
    negative = !negative;
    s = s.slice(1).trim();
  } else if (s.startsWith('+')) s = s.slice(1).trim();
  if (s.endsWith('-')) {
    negative = !negative;
    s = s.slice(0, -1).trim();
  }
  const th = opts.thousands ?? '';
  if (th) s = s.split(th).join('');
  s = s.replace(/ /g, '');
  const parts = s.split(decimal);
  if (parts.length > 2) return { ok: false, error: `"${text}" is not a number` };
  const [whole, frac = ''] = parts;
  if (!/^\d+$/.test(whole || (frac ? '0' : '')) || (frac !== '' && !/^\d+$/.test(frac)) || (whole === '' && frac === ''))
    return { ok: false, error: `"${text}" is not a number` };
  const fracTrimmed = frac.replace(/0+$/, '');
  if (fracTrimmed.length > digits)
    return {
      ok: false,
      error:
        digits === 0
          ? `"${text}": ${currency} has no minor unit, so the amount must be a whole number`
          : `"${text}": ${currency} has ${digits} decimal places, not ${frac.length}`,
    };
  const big = BigInt((whole || '0') + fracTrimmed.padEnd(digits, '0'));
  if (big > MAX_MINOR) return { ok: false, error: `"${text}" is too large (more than ${MAX_MINOR_DIGITS} digits of ${currency} minor units)` };
  return { ok: true, minor: negative ? -big : big };
}

/** Formats minor units as a plain decimal string ("1234.50"), exactly. */
export function formatMinor(minor: Minor | MinorText | number, currency: string): string {
  const digits = minorDigits(currency) ?? 2;
  const m = typeof minor === 'bigint' ? minor : BigInt(minor);
  const neg = m < 0n;
  const abs = (neg ? -m : m).toString().padStart(digits + 1, '0');
  const whole = digits ? abs.slice(0, -digits) : abs;
  const frac = digits ? '.' + abs.slice(-digits) : '';
  return (neg ? '-' : '') + whole + frac;
}

/** Sum of amounts in text or bigint form, exactly. */
export function sumMinor(values: Iterable<Minor | MinorText | null | undefined>): Minor {
  let s = 0n;
  for (const v of values) if (v !== null && v !== undefined) s += typeof v === 'bigint' ? v : BigInt(v);
  return s;
}

/**
 * Converts `amount` of one leg of an exchange into the other leg's currency at that exchange's
 * own rate (`to / from`, both legs in minor units), exactly: floor((amount * to + from/2) / from),
 * i.e. rounded half up. Used to carry a share (such as the tainted part) across the exchange;
 * the complementary share is the remainder, so the two always add up to `to`.
 */
export function convertAtRate(amount: Minor, fromLeg: Minor, toLeg: Minor): Minor {
  if (fromLeg <= 0n) throw new Error('an exchange needs a positive amount on the sending side');
  const n = amount * toLeg * 2n + fromLeg;
  const d = fromLeg * 2n;
  return n >= 0n ? n / d : -((-n + d - 1n) / d);
}

/** Orders amounts given as text or bigint, exactly: negative, zero or positive like a comparator. */
export function compareMinor(a: Minor | MinorText, b: Minor | MinorText): number {
  const [x, y] = [BigInt(a), BigInt(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/** True for an amount above zero. */
export const isPositiveMinor = (a: Minor | MinorText): boolean => BigInt(a) > 0n;
