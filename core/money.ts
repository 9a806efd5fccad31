import cc from 'currency-codes';
import { z } from 'zod';

/** An integer number of minor units of some currency. Never a float. */
export type Minor = number & { readonly __brand: 'Minor' };

/**
 * Crypto assets are not in ISO 4217; their minor unit is fixed here so amounts stay safe integers
 * (ETH in gwei, not wei, to stay under 2^53).
 */
const CRYPTO_DIGITS: Record<string, number> = { BTC: 8, ETH: 9, USDT: 6, USDC: 6, XMR: 12, LTC: 8 };

/** Withdrawn currencies (ISO 4217 list three) that still appear in old bank records, e.g. DEM in MT940 files. */
const HISTORIC_DIGITS: Record<string, number> = { DEM: 2, FRF: 2, NLG: 2, ATS: 2, BEF: 0, ITL: 0, ESP: 0, PTE: 0, FIM: 2, IEP: 2, GRD: 0, LUF: 0 };

/** Number of minor-unit digits for a currency, or undefined when the code is unknown. */
export function minorDigits(currency: string): number | undefined {
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

export const minorSchema = z
  .number()
  .int('must be a whole number of minor units')
  .refine((n) => Number.isSafeInteger(n), 'amount too large');

export interface ParseAmountOptions {
  /** '.' or ','; default '.' */
  decimal?: '.' | ',';
  /** Thousands separator allowed in the input, if any: ',', '.', ' ', "'" or ''. */
  thousands?: string;
}

/**
 * Parses a decimal amount text into integer minor units of `currency`, exactly (no floats).
 * Refuses more fraction digits than the currency has: `1.234,5` CLP is an error, not 123450.
 * Returns the signed amount, or an error message a person can act on.
 */
export function parseAmount(
  text: string,
  currency: string,
  opts: ParseAmountOptions = {},
): { ok: true; minor: number } | { ok: false; error: string } {
  const digits = minorDigits(currency);
  if (digits === undefined) return { ok: false, error: `unknown currency code "${currency}"` };
  const decimal = opts.decimal ?? '.';
  let s = text.trim().replace(/\u00a0/g, ' ');
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
  if (big > BigInt(Number.MAX_SAFE_INTEGER)) return { ok: false, error: `"${text}" is too large` };
  const minor = Number(big);
  return { ok: true, minor: negative ? -minor : minor };
}

/** Formats minor units as a plain decimal string ("1234.50"), exactly. */
export function formatMinor(minor: number, currency: string): string {
  const digits = minorDigits(currency) ?? 2;
  const neg = minor < 0;
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  const whole = digits ? abs.slice(0, -digits) : abs;
  const frac = digits ? '.' + abs.slice(-digits) : '';
  return (neg ? '-' : '') + whole + frac;
}
