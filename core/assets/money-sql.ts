import type { Sqlite } from '../../db/connection.js';

/**
 * When the assets queries may use SQLite's native arithmetic on amounts; otherwise they use the
 * exact SQL functions every connection has (db/money-functions.ts: msum, mnet, mkey).
 */

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
