import { big, norm, productSafe, type Amt } from './amount.js';

/**
 * Splitting an integer amount in proportion to integer weights, exactly.
 *
 * The rule (documented for the court): largest remainder (Hamilton). Each share is first the
 * whole part of amount * weight / total; the units left over go one each to the shares with the
 * largest fractional parts; equal fractions go to the earlier share, and share 0 is always the
 * clean money, so a tie never makes money tainted. No share ever exceeds its weight when
 * amount <= total, and the shares always add up to the amount. Numbers while the products are
 * safe integers, BigInt beyond (amount.ts).
 */

/**
 * Shares of `amount` in proportion to `weights` (non-negative, `total` their sum > 0).
 * Writes into `out` (same length as weights) and returns it.
 */
export function apportion(amount: Amt, weights: ArrayLike<Amt>, total: Amt, out: Amt[]): Amt[] {
  const n = weights.length;
  if (amount === 0) {
    for (let i = 0; i < n; i++) out[i] = 0;
    return out;
  }
  if (!productSafe(amount, total) || !allNumbers(weights)) return apportionBig(big(amount), weights, big(total), out);
  const a = amount as number;
  const t = total as number;
  let given = 0;
  // Remainders are numerators over `total`, so they compare exactly as integers.
  const rem = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const p = a * (weights[i] as number);
    const q = Math.floor(p / t);
    out[i] = q;
    rem[i] = p - q * t;
    given += q;
  }
  distributeLeftover(a - given, rem, out, (x) => (x as number) + 1);
  return out;
}

function apportionBig(a: bigint, weights: ArrayLike<Amt>, t: bigint, out: Amt[]): Amt[] {
  const n = weights.length;
  const rem = new Array<bigint>(n);
  const q = new Array<bigint>(n);
  let given = 0n;
  for (let i = 0; i < n; i++) {
    const p = a * big(weights[i]);
    q[i] = p / t;
    rem[i] = p - q[i] * t;
    given += q[i];
  }
  distributeLeftover(Number(a - given), rem, q, (x) => x + 1n);
  for (let i = 0; i < n; i++) out[i] = norm(q[i]);
  return out;
}

function allNumbers(v: ArrayLike<Amt>): boolean {
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number') return false;
  return true;
}

/** The `left` units (fewer than the shares) go to the largest remainders, the earlier share on ties. */
function distributeLeftover<R extends number | bigint, T>(left: number, rem: R[], out: T[], inc: (x: T) => T): void {
  if (left === 0) return;
  const order = rem.map((_, i) => i);
  // Stable sort: equal remainders keep index order, so the earlier share (clean first) wins ties.
  order.sort((x, y) => (rem[y] > rem[x] ? 1 : rem[y] < rem[x] ? -1 : 0));
  for (let k = 0; k < left; k++) out[order[k]] = inc(out[order[k]]);
}

/**
 * The tainted shares of `amount` taken from money made of `clean` plus tainted `parts` (per label),
 * all in proportion (`total` = clean + parts): the same rule as `apportion` with the clean money as
 * share 0. The shares are removed from `parts`. Returns null when no tainted money is taken.
 */
export function takeWithClean(amount: Amt, clean: Amt, parts: Amt[], total: Amt): Amt[] | null {
  const n = parts.length;
  if (n === 1 && productSafe(amount, total) && typeof parts[0] === 'number') return takeOne(amount as number, parts, total as number);
  const shares = apportion(amount, [clean, ...parts], total, new Array<Amt>(n + 1));
  let any = false;
  const taken = new Array<Amt>(n);
  for (let i = 0; i < n; i++) {
    taken[i] = shares[i + 1];
    if (taken[i] !== 0) {
      parts[i] = norm(big(parts[i]) - big(taken[i]));
      any = true;
    }
  }
  return any ? taken : null;
}

/**
 * takeWithClean for one label (the usual case) in numbers, without the remainder arrays: the one
 * unit left over, if any, goes to the tainted share only when its remainder is the larger (clean on ties).
 */
function takeOne(amount: number, parts: Amt[], total: number): Amt[] | null {
  const part = parts[0] as number;
  const p = amount * part;
  let taken = Math.floor(p / total);
  const rem = p - taken * total;
  const clean = amount * (total - part);
  const cleanRem = clean - Math.floor(clean / total) * total;
  // One unit is left over exactly when the two remainders add up to the total.
  if (rem + cleanRem === total && rem > cleanRem) taken++;
  if (taken === 0) return null;
  parts[0] = part - taken;
  return [taken];
}

/**
 * Shares of `amount` taken from tainted parts `parts` (per label) in proportion to them; used where
 * a method takes tainted money first or last. Returns null when nothing tainted is taken.
 */
export function takeFromTainted(amount: Amt, parts: Amt[], partsTotal: Amt): Amt[] | null {
  if (amount <= 0 || partsTotal <= 0) return null;
  const take = amount >= partsTotal ? parts.slice() : apportion(amount, parts, partsTotal, new Array<Amt>(parts.length));
  for (let i = 0; i < parts.length; i++) if (take[i] !== 0) parts[i] = norm(big(parts[i]) - big(take[i]));
  return take;
}

export { sum, zeros } from './amount.js';
