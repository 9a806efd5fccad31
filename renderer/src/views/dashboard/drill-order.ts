import type { DrillSort } from '../../../../core/dashboard/schemas';
import type { DashboardAssetRow } from '../../../../core/dashboard/drilldown';

const cmp = <V extends string | bigint>(a: V, b: V) => (a < b ? -1 : a > b ? 1 : 0);

/** The drill-down's keys as the core sorts them: amounts as integers, never as text. */
const KEYS: Record<DrillSort, (r: DashboardAssetRow) => string | bigint> = {
  seizedOn: (r) => r.seizedOn,
  valueSeized: (r) => BigInt(r.valueSeizedMinor),
  net: (r) => BigInt(r.netMinor),
  status: (r) => r.status,
  caseNumber: (r) => r.caseNumber,
};

/** The order of core/dashboard/drilldown.ts: the sort key in its direction, then id ascending. */
export function drillOrder(sort: DrillSort, desc: boolean): (a: DashboardAssetRow, b: DashboardAssetRow) => number {
  const key = KEYS[sort];
  return (a, b) => (desc ? -1 : 1) * cmp(key(a), key(b)) || cmp(a.id, b.id);
}
