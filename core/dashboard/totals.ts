import type { Sqlite } from '../../db/connection.js';
import { NET_SQL } from '../assets/queries.js';
import { filterSql } from './filters.js';
import type { DashboardFilters } from './schemas.js';

export interface TotalsRow {
  status: string;
  currency: string;
  count: number;
  seizedMinor: number;
  /** Sum over the assets that have an appraisal; `appraisedCount` says how many do. */
  appraisedMinor: number;
  appraisedCount: number;
  realisedMinor: number;
  realisedCount: number;
  costsMinor: number;
  deductionsMinor: number;
  netMinor: number;
}

export type CurrencyTotals = Omit<TotalsRow, 'status' | 'currency'> & {
  /** Net of the forfeited and disposed assets only: what the community actually gains. */
  netProceedsMinor: number;
  byStatus: Record<string, number>;
};

/** The one aggregate behind the dashboard (and the baseline of bench:totals). */
export function totalsSql(where: string): string {
  return `SELECT a.status AS status, a.currency AS currency, count(*) AS count,
    sum(a.value_seized_minor) AS seizedMinor,
    coalesce(sum(a.value_appraised_minor), 0) AS appraisedMinor, count(a.value_appraised_minor) AS appraisedCount,
    coalesce(sum(a.value_realised_minor), 0) AS realisedMinor, count(a.value_realised_minor) AS realisedCount,
    sum(a.costs_minor) AS costsMinor, sum(a.deductions_minor) AS deductionsMinor,
    sum(${NET_SQL}) AS netMinor
  FROM assets a ${where} GROUP BY a.status, a.currency ORDER BY a.currency, a.status`;
}

const statementCache = new WeakMap<Sqlite, Map<string, ReturnType<Sqlite['prepare']>>>();

/** Prepared once per connection and SQL text: filtering again must not pay for parsing again. */
function prepared(sqlite: Sqlite, sql: string) {
  let cache = statementCache.get(sqlite);
  if (!cache) statementCache.set(sqlite, (cache = new Map()));
  let stmt = cache.get(sql);
  if (!stmt) cache.set(sql, (stmt = sqlite.prepare(sql)));
  return stmt;
}

const PROCEEDS_STATUSES = new Set(['forfeited', 'disposed']);

const emptyTotals = (): CurrencyTotals => ({
  count: 0, seizedMinor: 0, appraisedMinor: 0, appraisedCount: 0, realisedMinor: 0, realisedCount: 0,
  costsMinor: 0, deductionsMinor: 0, netMinor: 0, netProceedsMinor: 0, byStatus: {},
});

export function computeTotals(sqlite: Sqlite, filters: DashboardFilters): { rows: TotalsRow[]; byCurrency: Record<string, CurrencyTotals> } {
  const { where, params } = filterSql(filters);
  const rows = prepared(sqlite, totalsSql(where)).all(params) as TotalsRow[];
  const byCurrency: Record<string, CurrencyTotals> = {};
  // Fields named one by one: this runs on every filter change, and keyed access by a variable is several times slower.
  for (const r of rows) {
    const t = (byCurrency[r.currency] ??= emptyTotals());
    t.count += r.count;
    t.seizedMinor += r.seizedMinor;
    t.appraisedMinor += r.appraisedMinor;
    t.appraisedCount += r.appraisedCount;
    t.realisedMinor += r.realisedMinor;
    t.realisedCount += r.realisedCount;
    t.costsMinor += r.costsMinor;
    t.deductionsMinor += r.deductionsMinor;
    t.netMinor += r.netMinor;
    t.byStatus[r.status] = r.count;
    if (PROCEEDS_STATUSES.has(r.status)) t.netProceedsMinor += r.netMinor;
  }
  return { rows, byCurrency };
}
