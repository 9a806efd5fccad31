/**
 * Amounts reach the renderer as decimal text of minor units (exact at any size). Grids must not
 * sort that text as strings ("9" after "10") nor through Number (10^24 wei is past 2^53), so money
 * columns compare in BigInt. Charts alone turn amounts into numbers, to draw; labels stay exact.
 */
import { compareMinor as compareExact } from '../../../../core/money';

type Amount = string | bigint | number | null | undefined;

const big = (v: Amount): bigint | null => (v === null || v === undefined || v === '' ? null : BigInt(v));

/** ag-grid comparator for money columns: empty first, then by exact value. */
export function compareMinor(a: Amount, b: Amount): number {
  const [x, y] = [big(a), big(b)];
  if (x === null || y === null) return x === y ? 0 : x === null ? -1 : 1;
  return compareExact(x, y);
}

/** For drawing only: the nearest double is as good as a pixel can show. */
export const toDrawable = (v: Amount): number => Number(big(v) ?? 0n);
