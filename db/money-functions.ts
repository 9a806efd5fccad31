import type Database from 'better-sqlite3';

/**
 * SQL functions over amounts stored as decimal text of integer minor units (docs/money-and-time.md),
 * registered on every connection. SQLite's own SUM, arithmetic and ORDER BY on such text go through
 * floating point or compare as strings ("9" after "10"), so queries over money use these instead:
 *
 * - `msum(x)`: the exact sum (BigInt) as text, NULL when every value was NULL, like SUM.
 * - `mnet(realised, appraised, seized, costs, deductions)`: the net proceeds of one asset, exactly,
 *   as text; the SQL twin of `netMinor` in core/assets/queries.ts.
 * - `mkey(x)`: a text that sorts in the numeric order of the amount `x` (NULL stays NULL), for
 *   ORDER BY on amounts, which may be negative and of any length.
 */
export function registerMoneyFunctions(sqlite: Database.Database): void {
  sqlite.aggregate('msum', {
    start: () => null as bigint | null,
    step: (acc: bigint | null, v: Cell) => (v === null || v === undefined ? acc : (acc ?? 0n) + big(v)),
    result: (acc: bigint | null) => (acc === null ? null : acc.toString()),
  });
  // SQLite hands over cells (typed unknown by the driver). The parameters are named, not a rest
  // list: the driver registers a function with as many arguments as the JavaScript function declares.
  sqlite.function('mnet', { deterministic: true }, (realised: unknown, appraised: unknown, seized: unknown, costs: unknown, deductions: unknown) =>
    (big((realised ?? appraised ?? seized ?? 0) as Cell) - big((costs ?? 0) as Cell) - big((deductions ?? 0) as Cell)).toString(),
  );
  sqlite.function('mkey', { deterministic: true }, (x: unknown) => (x === null ? null : sortKey(big(x as Cell))));
}

type Cell = string | number | bigint | null;
const big = (v: Cell): bigint => BigInt(v as string | number | bigint);

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
