/**
 * Amounts inside the tracing engine: exact at any size, fast at the usual sizes. An amount is a
 * JavaScript number while it is a safe integer (|x| < 2^53: every fiat amount of any real case)
 * and a BigInt beyond (crypto in base units: 1 ETH is 10^18 wei). The form is canonical, never a
 * BigInt that would fit a number, so `=== 0` and `===` compare exactly; `<`, `>` compare a number
 * with a BigInt exactly in JavaScript. Additions are checked and fall back to BigInt when a result
 * leaves the safe range (docs/money-and-time.md).
 */
export type Amt = number | bigint;

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** The canonical form of a BigInt amount. */
export function norm(b: bigint): Amt {
  return b <= MAX && b >= -MAX ? Number(b) : b;
}

export const big = (a: Amt): bigint => (typeof a === 'bigint' ? a : BigInt(a));

/** An amount from its decimal text (the database's form): 15 digits or fewer are always safe. */
export function fromText(s: string): Amt {
  return s.length < 16 ? Number(s) : norm(BigInt(s));
}

export function add(a: Amt, b: Amt): Amt {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a + b;
    // Both safe: the float sum is exact whenever the true sum is safe, and unsafe whenever it is not.
    if (Number.isSafeInteger(s)) return s;
  }
  return norm(big(a) + big(b));
}

export function sub(a: Amt, b: Amt): Amt {
  if (typeof a === 'number' && typeof b === 'number') {
    const s = a - b;
    if (Number.isSafeInteger(s)) return s;
  }
  return norm(big(a) - big(b));
}

/** True when a * b stays a safe integer (both numbers): the product can be taken as a number. */
export const productSafe = (a: Amt, b: Amt): boolean =>
  typeof a === 'number' && typeof b === 'number' && Math.abs(a * b) <= Number.MAX_SAFE_INTEGER;

/** Sum of a small vector. */
export function sum(v: ArrayLike<Amt>): Amt {
  let s: Amt = 0;
  for (let i = 0; i < v.length; i++) s = add(s, v[i]);
  return s;
}

export const zeros = (n: number): Amt[] => new Array<Amt>(n).fill(0);

/** Adds v into acc, element by element. */
export function addInto(acc: Amt[], v: ArrayLike<Amt>): void {
  for (let i = 0; i < v.length; i++) acc[i] = add(acc[i], v[i]);
}
