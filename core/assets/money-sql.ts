import type { Sqlite } from '../../db/connection.js';

/**
 * SQL functions over amounts stored as decimal text (docs/money-and-time.md). SQLite's own
 * arithmetic and ORDER BY on such text go through floating point or compare as strings ("9" after
 * "10"), so the assets queries call these instead. Registered on first use on each connection
 * (db/connection.ts owns `msum`; these are the assets domain's own).
 *
 * - `mnet(realised, appraised, seized, costs, deductions)`: the net proceeds of one asset, exactly,
 *   as text; the SQL twin of `netMinor` in queries.ts.
 * - `mkey(x)`: a text that sorts in the numeric order of the amount `x` (NULL stays NULL), for
 *   ORDER BY on amounts, which may be negative and of any length.
 */
const registered = new WeakSet<Sqlite>();

type Cell = string | number | bigint | null;
const big = (v: Cell): bigint => BigInt(v as string | number | bigint);

export function ensureMoneySql(sqlite: Sqlite): Sqlite {
  if (registered.has(sqlite)) return sqlite;
  sqlite.function('mnet', { deterministic: true }, (realised: Cell, appraised: Cell, seized: Cell, costs: Cell, deductions: Cell) =>
    (big(realised ?? appraised ?? seized ?? 0) - big(costs ?? 0) - big(deductions ?? 0)).toString(),
  );
  sqlite.function('mkey', { deterministic: true }, (x: Cell) => (x === null ? null : sortKey(big(x))));
  registered.add(sqlite);
  return sqlite;
}

/**
 * Non-negative amounts: 'p', the digit count in two digits, the digits. Negative ones: 'n', then
 * the same of the nines' complement of the absolute value, so a larger magnitude sorts first.
 * 'n' < 'p', so every negative amount sorts before every non-negative one.
 */
export function sortKey(m: bigint): string {
  if (m >= 0n) {
    const s = m.toString();
    return 'p' + String(s.length).padStart(2, '0') + s;
  }
  const s = (-m).toString();
  const complement = s.replace(/\d/g, (d) => String(9 - Number(d)));
  return 'n' + String(99 - s.length).padStart(2, '0') + complement;
}

const WIDEST = `SELECT coalesce(max(max(length(a.value_seized_minor)), coalesce(max(length(a.value_appraised_minor)), 0),
  coalesce(max(length(a.value_realised_minor)), 0), max(length(a.costs_minor)), max(length(a.deductions_minor))), 0) FROM assets a`;

/**
 * True when every amount of the assets under `where` (alias `a`) has at most 15 characters, so
 * NATIVE_NET_SQL (queries.ts) is exact and its value a safe JavaScript integer. One native scan,
 * far cheaper than a JavaScript call per row; past 15 characters callers use `mnet` instead.
 */
export function netFitsNative(sqlite: Sqlite, where: string, params: Record<string, unknown>): boolean {
  return (sqlite.prepare(`${WIDEST} ${where}`).pluck().get(params) as number) <= 15;
}
