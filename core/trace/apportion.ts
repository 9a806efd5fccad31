/**
 * Splitting an integer amount in proportion to integer weights, exactly.
 *
 * The rule (documented for the court): largest remainder (Hamilton). Each share is first the
 * whole part of amount * weight / total; the units left over go one each to the shares with the
 * largest fractional parts; equal fractions go to the earlier share, and share 0 is always the
 * clean money, so a tie never makes money tainted. No share ever exceeds its weight when
 * amount <= total, and the shares always add up to the amount.
 */

const SAFE = Number.MAX_SAFE_INTEGER;

/**
 * Shares of `amount` in proportion to `weights` (non-negative integers, `total` their sum > 0).
 * Writes into `out` (same length as weights) and returns it.
 */
export function apportion(amount: number, weights: ArrayLike<number>, total: number, out: number[]): number[] {
  const n = weights.length;
  if (amount === 0) {
    for (let i = 0; i < n; i++) out[i] = 0;
    return out;
  }
  if (amount * total > SAFE) return apportionBig(amount, weights, total, out);
  let given = 0;
  // Remainders are numerators over `total`, so they compare exactly as integers.
  const rem: number[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const p = amount * weights[i];
    const q = Math.floor(p / total);
    out[i] = q;
    rem[i] = p - q * total;
    given += q;
  }
  distributeLeftover(amount - given, rem, out);
  return out;
}

/** The same rule in BigInt, for products beyond 2^53 (large amounts in small units). */
function apportionBig(amount: number, weights: ArrayLike<number>, total: number, out: number[]): number[] {
  const n = weights.length;
  const a = BigInt(amount);
  const t = BigInt(total);
  const rem: bigint[] = new Array(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const p = a * BigInt(weights[i]);
    const q = p / t;
    out[i] = Number(q);
    rem[i] = p - q * t;
    given += out[i];
  }
  distributeLeftover(amount - given, rem, out);
  return out;
}

function distributeLeftover<T extends number | bigint>(left: number, rem: T[], out: number[]): void {
  if (left === 0) return;
  const order = rem.map((_, i) => i);
  // Stable sort: equal remainders keep index order, so the earlier share (clean first) wins ties.
  order.sort((x, y) => (rem[y] > rem[x] ? 1 : rem[y] < rem[x] ? -1 : 0));
  for (let k = 0; k < left; k++) out[order[k]]++;
}

/**
 * The tainted shares of `amount` taken from money made of `clean` plus tainted `parts` (per label),
 * all in proportion (`total` = clean + parts): the same rule as `apportion` with the clean money as
 * share 0, without building arrays on the hot path. The shares are removed from `parts`.
 */
export function takeWithClean(amount: number, clean: number, parts: number[], total: number): number[] {
  const n = parts.length;
  if (n === 1 && amount * total <= SAFE) return takeOne(amount, parts, total);
  const taken: number[] = new Array(n);
  if (amount * total > SAFE) {
    const shares = apportion(amount, [clean, ...parts], total, new Array(n + 1));
    for (let i = 0; i < n; i++) (taken[i] = shares[i + 1]), (parts[i] -= taken[i]);
    return taken;
  }
  const rem: number[] = new Array(n);
  let cleanRem = amount * clean;
  let given = Math.floor(cleanRem / total);
  cleanRem -= given * total;
  for (let i = 0; i < n; i++) {
    const p = amount * parts[i];
    const q = Math.floor(p / total);
    taken[i] = q;
    rem[i] = p - q * total;
    given += q;
  }
  // At most n + 1 units are left over; each goes to the largest remainder left, clean first on ties.
  for (let left = amount - given; left > 0; left--) {
    let best = -1;
    let bestRem = cleanRem;
    for (let i = 0; i < n; i++) if (rem[i] > bestRem) (best = i), (bestRem = rem[i]);
    if (best < 0) cleanRem = -1;
    else (taken[best]++, (rem[best] = -1));
  }
  for (let i = 0; i < n; i++) parts[i] -= taken[i];
  return taken;
}

/**
 * takeWithClean for one label (the usual case), without the remainder arrays: the one unit left
 * over, if any, goes to the tainted share only when its remainder is the larger (clean on ties).
 */
function takeOne(amount: number, parts: number[], total: number): number[] {
  const p = amount * parts[0];
  let taken = Math.floor(p / total);
  const rem = p - taken * total;
  const clean = amount * (total - parts[0]);
  const cleanRem = clean - Math.floor(clean / total) * total;
  // One unit is left over exactly when the two remainders add up to the total.
  if (rem + cleanRem === total && rem > cleanRem) taken++;
  // Most withdrawals from an account holding a little taint take none of it: no array to make.
  if (taken === 0) return NONE as number[];
  parts[0] -= taken;
  return [taken];
}

/** Shared and never modified (callers only read shares): a share of nothing. */
const NONE: readonly number[] = [0];

/**
 * Shares of `amount` taken from tainted parts `parts` (per label) in proportion to them; used where
 * a method takes tainted money first or last. Returns null when nothing tainted is taken.
 */
export function takeFromTainted(amount: number, parts: number[], partsTotal: number): number[] | null {
  if (amount <= 0 || partsTotal <= 0) return null;
  const take = amount >= partsTotal ? parts.slice() : apportion(amount, parts, partsTotal, new Array(parts.length));
  for (let i = 0; i < parts.length; i++) parts[i] -= take[i];
  return take;
}

/** Sum of a small vector. */
export function sum(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}
