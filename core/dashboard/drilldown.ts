import type { Sqlite } from '../../db/connection.js';
import { GROSS_SQL, NET_SQL } from '../assets/queries.js';
import { ensureMoneySql } from '../assets/money-sql.js';
import type { MinorText } from '../money.js';
import { filterSql } from './filters.js';
import type { DashboardFilters } from './schemas.js';

export interface DashboardAssetRow {
  id: string;
  caseId: string;
  caseNumber: string;
  type: string;
  description: string;
  status: string;
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
 * Column names are chosen from this map, never taken from the input. Amounts sort by `mkey`, which
 * orders their text numerically ("9" before "10", negatives first) without going through floats.
 */
const SORTS: Record<string, string> = {
  seizedOn: 'a.seized_on',
  valueSeized: 'mkey(a.value_seized_minor)',
  net: 'mkey(netMinor)',
  status: 'a.status',
  caseNumber: 'c.number',
};

/** The assets behind any total: the same filter, one page, sorted. */
export function dashboardAssets(sqlite: Sqlite, filters: DashboardFilters, sort: string, desc: boolean, limit: number, offset: number) {
  ensureMoneySql(sqlite);
  const { where, params } = filterSql(filters);
  const from = `FROM assets a JOIN cases c ON c.id = a.case_id LEFT JOIN agencies g ON g.id = a.seizing_agency_id ${where}`;
  const rows = sqlite
    .prepare(
      `SELECT a.id, a.case_id AS caseId, c.number AS caseNumber, a.type, a.description, a.status, a.status_on AS statusOn,
         a.disposition, a.seized_on AS seizedOn, g.name AS seizingAgency, a.currency,
         a.value_seized_minor AS valueSeizedMinor, a.value_appraised_minor AS valueAppraisedMinor,
         a.value_realised_minor AS valueRealisedMinor, a.costs_minor AS costsMinor, a.deductions_minor AS deductionsMinor,
         ${NET_SQL} AS netMinor
       ${from} ORDER BY ${SORTS[sort]} ${desc ? 'DESC' : 'ASC'}, a.id LIMIT @limit OFFSET @offset`,
    )
    .all({ ...params, limit, offset }) as DashboardAssetRow[];
  const total = (sqlite.prepare(`SELECT count(*) AS n FROM assets a ${where}`).get(params) as { n: number }).n;
  return { rows, total };
}

export interface SeriesPoint {
  /** Month, YYYY-MM. */
  period: string;
  status: string;
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
