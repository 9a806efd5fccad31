/**
 * JSON for machines that must read amounts exactly. A BigInt is written as a bare JSON integer
 * of any length (`1000000000000000000000000`): valid JSON, read exactly by Python, jq 1.7+, Go's
 * json.Number and JavaScript's JSON.parse with a source-text reviver; nothing is ever a float.
 */
const MARK = '\u0000bigint:';

export function stringifyExact(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? MARK + v.toString() : v), indent);
  // JSON.stringify escapes the NUL of the mark, so only our own strings match.
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}

const MINOR_KEY = /(Minor|_minor)$/;
const INTEGER = /^-?\d+$/;

/**
 * The contract carries amounts as decimal text (`"amountMinor": "1250"`); machine output on the
 * command line gives them as JSON integers, exact at any size: every string under a key ending
 * in `Minor`/`_minor` (or in an array under such a key) that is an integer becomes a BigInt.
 */
export function minorsAsIntegers(value: unknown, minorKey = false): unknown {
  if (typeof value === 'string') return minorKey && INTEGER.test(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map((v) => minorsAsIntegers(v, minorKey));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = minorsAsIntegers(v, MINOR_KEY.test(k));
    return out;
  }
  return value;
}
