import type { AssetStatus } from '../assets/lifecycle.js';
import type { Sqlite } from '../../db/connection.js';
import { GROSS_SQL, NATIVE_NET_SQL, NET_SQL, netMinor } from '../assets/queries.js';
import { netFitsNative } from '../assets/money-sql.js';
import type { MinorText } from '../money.js';
import { filterSql } from './filters.js';
import type { DashboardFilters } from './schemas.js';

export interface DashboardAssetRow {
  id: string;
  caseId: string;
  caseNumber: string;
  type: string;
  description: string;
  status: AssetStatus;
  statusOn: string | null;
  disposition: string | null;
  seizedOn: string;
  seizingAgency: string | null;
  currency: string;
  valueSeizedMinor: MinorText;
  valueAppraisedMinor: MinorText | null;
  valueRealisedMinor: MinorText | null;
  costsMinor: MinorText;
  deductionsMinor: MinorText;
  netMinor: MinorText;
}

/**
 * Column names are chosen from this map, never taken from the input. Amounts are text, so none is
 * sorted as a string ("9" after "10") or through floating point:
 * - value as seized is never negative, so (length, text) is its numeric order, natively, at any size;
 * - the net may be negative: while every amount in the filter has at most 15 characters the native
 *   integer net (`x + 0`, |net| < 3 x 10^15, exact) orders it; past that, `mkey(mnet(...))`, exact
 *   at any size but a JavaScript call per row (money-sql.ts).
 */
const SORTS: Record<string, string> = {
  seizedOn: 'a.seized_on',
  valueSeized: 'length(a.value_seized_minor) {dir}, a.value_seized_minor',
  status: 'a.status',
  caseNumber: 'c.number',
};

/** The assets behind any total: the same filter, one page, sorted; the net worked out for that page only. */
export function dashboardAssets(sqlite: Sqlite, filters: DashboardFilters, sort: string, desc: boolean, limit: number, offset: number) {
  const { where, params } = filterSql(filters);
  let order = SORTS[sort];
  if (sort === 'net') {
    const native = netFitsNative(sqlite, where, params);
    order = native ? NATIVE_NET_SQL : `mkey(${NET_SQL})`;
  }
  const dir = desc ? 'DESC' : 'ASC';
  const rows = sqlite
    .prepare(`${SELECT_ROWS} ${where} ORDER BY ${order.replace('{dir}', dir)} ${dir}, a.id LIMIT @limit OFFSET @offset`)
    .all({ ...params, limit, offset }) as Omit<DashboardAssetRow, 'netMinor'>[];
  const total = (sqlite.prepare(`SELECT count(*) AS n FROM assets a ${where}`).get(params) as { n: number }).n;
  return { rows: rows.map(withNet), total };
}

/**
 * Just these assets, as the grid shows them, if they still pass the filter: what a live grid
 * re-reads after a change to a few assets, instead of its whole loaded block. An id left out no
 * longer belongs under the filter. The count under the filter comes along (an index count, no row
 * leaves the database): when it moved, a row entered or left somewhere and the grid reloads.
 */
export function dashboardAssetsByIds(sqlite: Sqlite, filters: DashboardFilters, ids: string[]) {
  const { where, params } = filterSql(filters);
  const only = `a.id IN (SELECT value FROM json_each(@ids))`;
  const rows = sqlite
    .prepare(`${SELECT_ROWS} ${where ? `${where} AND ${only}` : `WHERE ${only}`}`)
    .all({ ...params, ids: JSON.stringify(ids) }) as Omit<DashboardAssetRow, 'netMinor'>[];
  const total = (sqlite.prepare(`SELECT count(*) AS n FROM assets a ${where}`).get(params) as { n: number }).n;
  return { rows: rows.map(withNet), total };
}

const SELECT_ROWS = `SELECT a.id, a.case_id AS caseId, c.number AS caseNumber, a.type, a.description, a.status, a.status_on AS statusOn,
    a.disposition, a.seized_on AS seizedOn, g.name AS seizingAgency, a.currency,
    a.value_seized_minor AS valueSeizedMinor, a.value_appraised_minor AS valueAppraisedMinor,
    a.value_realised_minor AS valueRealisedMinor, a.costs_minor AS costsMinor, a.deductions_minor AS deductionsMinor
  FROM assets a JOIN cases c ON c.id = a.case_id LEFT JOIN agencies g ON g.id = a.seizing_agency_id`;

const withNet = (r: Omit<DashboardAssetRow, 'netMinor'>): DashboardAssetRow => ({ ...r, netMinor: netMinor(r) });

export interface SeriesPoint {
  /** Month, YYYY-MM. */
  period: string;
  status: AssetStatus;
  currency: string;
  count: number;
  /** Gross value (realised, else appraised, else as seized) of the assets that reached the status that month. */
  valueMinor: MinorText;
}

/** Flows by month: how many assets (and what value) reached each status, from the lifecycle events. */
export function statusSeries(sqlite: Sqlite, filters: DashboardFilters): SeriesPoint[] {
  const { where, params } = filterSql(filters);
  // msum: exact, where sum() would read the stored text as floating point.
  return sqlite
    .prepare(
      `SELECT substr(e.occurred_on, 1, 7) AS period, e.to_status AS status, a.currency, count(*) AS count,
         msum(${GROSS_SQL}) AS valueMinor
       FROM asset_status_events e JOIN assets a ON a.id = e.asset_id ${where}
       GROUP BY period, e.to_status, a.currency ORDER BY period, a.currency, e.to_status`,
    )
    .all(params) as SeriesPoint[];
}
