/**
 * Splitting an integer amount in proportion to integer weights, exactly (BigInt: amounts may pass
 * 2^53 and 2^63, docs/money-and-time.md).
 *
 * The rule (documented for the court): largest remainder (Hamilton). Each share is first the
 * whole part of amount * weight / total; the units left over go one each to the shares with the
 * largest fractional parts; equal fractions go to the earlier share, and share 0 is always the
 * clean money, so a tie never makes money tainted. No share ever exceeds its weight when
 * amount <= total, and the shares always add up to the amount.
 */

/**
 * Shares of `amount` in proportion to `weights` (non-negative, `total` their sum > 0).
 * Writes into `out` (same length as weights) and returns it.
 */
export function apportion(amount: bigint, weights: ArrayLike<bigint>, total: bigint, out: bigint[]): bigint[] {
  const n = weights.length;
  if (amount === 0n) {
    for (let i = 0; i < n; i++) out[i] = 0n;
    return out;
  }
  let given = 0n;
  // Remainders are numerators over `total`, so they compare exactly.
  const rem: bigint[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const p = amount * weights[i];
    const q = p / total;
    out[i] = q;
    rem[i] = p - q * total;
    given += q;
  }
  let left = Number(amount - given); // at most n - 1
  if (left === 0) return out;
  const order = rem.map((_, i) => i);
  // Stable sort: equal remainders keep index order, so the earlier share (clean first) wins ties.
  order.sort((x, y) => (rem[y] > rem[x] ? 1 : rem[y] < rem[x] ? -1 : 0));
  for (let k = 0; left > 0; k++, left--) out[order[k]]++;
  return out;
}

/**
 * The tainted shares of `amount` taken from money made of `clean` plus tainted `parts` (per label),
 * all in proportion (`total` = clean + parts): the same rule as `apportion` with the clean money as
 * share 0. The shares are removed from `parts`. Returns null when no tainted money is taken.
 */
export function takeWithClean(amount: bigint, clean: bigint, parts: bigint[], total: bigint): bigint[] | null {
  const n = parts.length;
  if (n === 1) return takeOne(amount, parts, total);
  const shares = apportion(amount, [clean, ...parts], total, new Array(n + 1));
  let any = false;
  const taken: bigint[] = new Array(n);
  for (let i = 0; i < n; i++) {
    taken[i] = shares[i + 1];
    parts[i] -= taken[i];
    if (taken[i] !== 0n) any = true;
  }
  return any ? taken : null;
}

/**
 * takeWithClean for one label (the usual case), without the remainder arrays: the one unit left
 * over, if any, goes to the tainted share only when its remainder is the larger (clean on ties).
 */
function takeOne(amount: bigint, parts: bigint[], total: bigint): bigint[] | null {
  const p = amount * parts[0];
  let taken = p / total;
  const rem = p - taken * total;
  const clean = amount * (total - parts[0]);
  const cleanRem = clean % total;
  // One unit is left over exactly when the two remainders add up to the total.
  if (rem + cleanRem === total && rem > cleanRem) taken++;
  if (taken === 0n) return null;
  parts[0] -= taken;
  return [taken];
}

/**
 * Shares of `amount` taken from tainted parts `parts` (per label) in proportion to them; used where
 * a method takes tainted money first or last. Returns null when nothing tainted is taken.
 */
export function takeFromTainted(amount: bigint, parts: bigint[], partsTotal: bigint): bigint[] | null {
  if (amount <= 0n || partsTotal <= 0n) return null;
  const take = amount >= partsTotal ? parts.slice() : apportion(amount, parts, partsTotal, new Array(parts.length));
  for (let i = 0; i < parts.length; i++) parts[i] -= take[i];
  return take;
}

/** Sum of a small vector. */
export function sum(v: ArrayLike<bigint>): bigint {
  let s = 0n;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}

export const zeros = (n: number): bigint[] => new Array<bigint>(n).fill(0n);
