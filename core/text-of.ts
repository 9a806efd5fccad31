/**
 * A value read from SQLite or JSON as text: scalars as String renders them, anything else as JSON,
 * so an unexpected object shows its content instead of "[object Object]".
 */
export function textOf(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v) ?? '';
}
