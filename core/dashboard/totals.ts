import type { Sqlite } from '../../db/connection.js';
import type { AssetStatus } from '../assets/lifecycle.js';
import { minorText, type MinorText } from '../money.js';
import { GROSS_SQL } from '../assets/queries.js';
import { filterSql } from './filters.js';
import type { DashboardFilters } from './schemas.js';

/** Amounts are decimal text of minor units (exact at any size); counts are plain numbers. */
export interface TotalsRow {
  status: AssetStatus;
  currency: string;
  count: number;
  seizedMinor: MinorText;
  /** Sum over the assets that have an appraisal; `appraisedCount` says how many do. */
  appraisedMinor: MinorText;
  appraisedCount: number;
  realisedMinor: MinorText;
  realisedCount: number;
  costsMinor: MinorText;
  deductionsMinor: MinorText;
  /** Each asset's best value: realised, else appraised, else as seized (the basis of the net). */
  grossMinor: MinorText;
  /** grossMinor - costsMinor - deductionsMinor. */
  netMinor: MinorText;
}

export type CurrencyTotals = Omit<TotalsRow, 'status' | 'currency'> & {
  /** Net of the forfeited and disposed assets only: what the community actually gains. */
  netProceedsMinor: MinorText;
  byStatus: Record<string, number>;
};

/**
 * The one aggregate behind the dashboard (and the baseline of bench:totals). `msum` adds the
 * stored text exactly (SQL's sum() would go through floating point); the net is worked out from
 * the three sums afterwards, since a sum of differences is the difference of the sums.
 */
export function totalsSql(where: string): string {
  return `SELECT a.status AS status, a.currency AS currency, count(*) AS count,
    msum(a.value_seized_minor) AS seizedMinor,
    coalesce(msum(a.value_appraised_minor), '0') AS appraisedMinor, count(a.value_appraised_minor) AS appraisedCount,
    coalesce(msum(a.value_realised_minor), '0') AS realisedMinor, count(a.value_realised_minor) AS realisedCount,
    msum(a.costs_minor) AS costsMinor, msum(a.deductions_minor) AS deductionsMinor,
    msum(${GROSS_SQL}) AS grossMinor
  FROM assets a ${where} GROUP BY a.status, a.currency ORDER BY a.currency, a.status`;
}

/**
 * The fast path: SQLite's own integer sum() over each amount text turned into a number (`x + 0`).
 * It is exact whenever it says so: text of an integer that fits 64 bits becomes an INTEGER, a
 * wider one becomes a REAL, and sum() returns an INTEGER only when every input was one (and
 * raises "integer overflow" rather than going to floating point). Each sum comes back as its text
 * (CAST AS TEXT: no lossy JavaScript number in between): all digits for an integer, exact; a REAL
 * shows a '.' or an exponent, and sends computeTotals to the exact `msum` aggregate. Why: msum calls into JavaScript for every row and column, several times
 * the native sum on 100,000 assets, while nearly every real portfolio fits in 64 bits.
 */
export function fastTotalsSql(where: string): string {
  const sum = (x: string) => `CAST(coalesce(sum((${x}) + 0), 0) AS TEXT)`;
  return `SELECT a.status AS status, a.currency AS currency, count(*) AS count,
    ${sum('a.value_seized_minor')} AS seizedMinor,
    ${sum('a.value_appraised_minor')} AS appraisedMinor, count(a.value_appraised_minor) AS appraisedCount,
    ${sum('a.value_realised_minor')} AS realisedMinor, count(a.value_realised_minor) AS realisedCount,
    ${sum('a.costs_minor')} AS costsMinor, ${sum('a.deductions_minor')} AS deductionsMinor,
    ${sum(GROSS_SQL)} AS grossMinor
  FROM assets a ${where} GROUP BY a.status, a.currency ORDER BY a.currency, a.status`;
}

type RawRow = Omit<TotalsRow, 'netMinor'>;

const INTEGER_TEXT = /^-?\d+$/;

const SUMS = ['seizedMinor', 'appraisedMinor', 'realisedMinor', 'costsMinor', 'deductionsMinor', 'grossMinor'] as const;

/** Runs the fast path; undefined when an amount or a sum does not fit 64 bits. */
function fastRows(sqlite: Sqlite, where: string, params: Record<string, string>): RawRow[] | undefined {
  const stmt = prepared(sqlite, fastTotalsSql(where));
  let rows: RawRow[];
  try {
    rows = stmt.all(params) as RawRow[];
  } catch (e) {
    if (e instanceof Error && /integer overflow/i.test(e.message)) return undefined;
    throw e;
  }
  // Text with a '.' or an exponent is a REAL: some input did not fit 64 bits, and that sum is not exact.
  for (const r of rows) for (const k of SUMS) if (!INTEGER_TEXT.test(r[k])) return undefined;
  return rows;
}

const statementCache = new WeakMap<Sqlite, Map<string, ReturnType<Sqlite['prepare']>>>();

/** Prepared once per connection and SQL text: filtering again must not pay for parsing again. */
function prepared(sqlite: Sqlite, sql: string) {
  let cache = statementCache.get(sqlite);
  if (!cache) statementCache.set(sqlite, (cache = new Map<string, ReturnType<Sqlite['prepare']>>()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = sqlite.prepare(sql)));
  return stmt;
}

const PROCEEDS_STATUSES = new Set(['forfeited', 'disposed']);

interface Acc {
  count: number; seized: bigint; appraised: bigint; appraisedCount: number; realised: bigint; realisedCount: number;
  costs: bigint; deductions: bigint; gross: bigint; netProceeds: bigint; byStatus: Record<string, number>;
}

export function computeTotals(sqlite: Sqlite, filters: DashboardFilters): { rows: TotalsRow[]; byCurrency: Record<string, CurrencyTotals> } {
  const { where, params } = filterSql(filters);
  const raw = fastRows(sqlite, where, params) ?? (prepared(sqlite, totalsSql(where)).all(params) as RawRow[]);
  // Exact in doubles when every text has at most 14 characters: a currency has at most one row per
  // status (six), so each of its sums stays below 6 x 10^14 and its net (a sum less two sums) above
  // -1.2 x 10^15, all well inside 2^53. Then plain numbers stand in for the BigInts (same operators,
  // the same toString for integers; mixing the two would throw, never round). Why: BigInt parsing
  // was a third of the time of a one-case dashboard. Past 14 characters, BigInt.
  const fitsDouble = raw.every((r) => r.seizedMinor.length <= 14 && r.appraisedMinor.length <= 14 && r.realisedMinor.length <= 14 &&
    r.costsMinor.length <= 14 && r.deductionsMinor.length <= 14 && r.grossMinor.length <= 14);
  const big = fitsDouble ? (Number as unknown as (s: string) => bigint) : BigInt;
  const zero = (fitsDouble ? 0 : 0n) as bigint;
  const acc: Record<string, Acc> = {};
  const rows: TotalsRow[] = [];
  // Fields named one by one: this runs on every filter change, and keyed access by a variable is several times slower.
  for (const r of raw) {
    const seized = big(r.seizedMinor), costs = big(r.costsMinor), deductions = big(r.deductionsMinor), gross = big(r.grossMinor);
    const net = gross - costs - deductions;
    // Fields written out, not spread: spreading the driver's row objects costs more than the whole aggregate of one case.
    rows.push({
      status: r.status, currency: r.currency, count: r.count, seizedMinor: r.seizedMinor, appraisedMinor: r.appraisedMinor,
      appraisedCount: r.appraisedCount, realisedMinor: r.realisedMinor, realisedCount: r.realisedCount, costsMinor: r.costsMinor,
      deductionsMinor: r.deductionsMinor, grossMinor: r.grossMinor, netMinor: minorText(net),
    });
    const t = (acc[r.currency] ??= {
      count: 0, seized: zero, appraised: zero, appraisedCount: 0, realised: zero, realisedCount: 0, costs: zero, deductions: zero, gross: zero, netProceeds: zero, byStatus: {},
    });
    t.count += r.count;
    t.seized += seized;
    t.appraised += big(r.appraisedMinor);
    t.appraisedCount += r.appraisedCount;
    t.realised += big(r.realisedMinor);
    t.realisedCount += r.realisedCount;
    t.costs += costs;
    t.deductions += deductions;
    t.gross += gross;
    t.byStatus[r.status] = r.count;
    if (PROCEEDS_STATUSES.has(r.status)) t.netProceeds += net;
  }
  const byCurrency: Record<string, CurrencyTotals> = {};
  for (const [currency, t] of Object.entries(acc))
    byCurrency[currency] = {
      count: t.count, seizedMinor: minorText(t.seized), appraisedMinor: minorText(t.appraised), appraisedCount: t.appraisedCount,
      realisedMinor: minorText(t.realised), realisedCount: t.realisedCount, costsMinor: minorText(t.costs), deductionsMinor: minorText(t.deductions),
      grossMinor: minorText(t.gross), netMinor: minorText(t.gross - t.costs - t.deductions), netProceedsMinor: minorText(t.netProceeds), byStatus: t.byStatus,
    };
  return { rows, byCurrency };
}
