/**
 * JSON that never turns a BigInt into a float or an error: a BigInt that reaches machine output is
 * written as a bare JSON integer of any length. Amounts themselves travel as decimal text (the
 * contract's form, docs/money-and-time.md), which every JSON reader takes exactly.
 */
const MARK = '\u0000bigint:';

export function stringifyExact(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, (_k: string, v: unknown): unknown => (typeof v === 'bigint' ? MARK + v.toString() : v), indent);
  // JSON.stringify escapes the NUL of the mark, so only our own strings match.
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}

