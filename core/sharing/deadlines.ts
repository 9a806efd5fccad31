import type { Sqlite } from '../../db/connection.js';
import { addDays, daysBetween } from '../dates.js';
import { filterSql } from '../dashboard/filters.js';
import type { DashboardFilters } from '../dashboard/schemas.js';
import { DAG71_DAYS } from './worksheet-schemas.js';

/** One request for sharing one agency owes for one forfeiture order of a case. */
export interface Deadline {
  caseId: string;
  caseNumber: string;
  agencyId: string;
  agencyName: string;
  agencyCode: string;
  /** The forfeiture order (the reference of the step to forfeited) and its date. */
  orderReference: string;
  forfeitedOn: string;
  assets: number;
  dueOn: string;
  /** submitted: the DAG-71 went in on or after the order; otherwise due (days left) or overdue. */
  state: 'submitted' | 'due' | 'overdue';
  daysLeft: number;
  submittedOn: string | null;
}

interface Order { caseId: string; caseNumber: string; forfeitedOn: string; orderReference: string; assets: number }
interface Claimant { caseId: string; agencyId: string; name: string; code: string; submittedOn: string | null }

/**
 * What each agency of a case must file, and by when: 45 days after each forfeiture order. The
 * dashboard's filters choose the assets (and so the orders); "participating agency" also chooses
 * whose requests are listed. A federal participant shares through its own department and files
 * none. Sorted by what is most pressing: overdue first, then by due date.
 */
export function caseDeadlines(sqlite: Sqlite, filters: DashboardFilters, asOf: string): Deadline[] {
  // Every forfeiture counts, whatever the asset's status now (a forfeited asset sold since still gave rise to a request).
  const { where, params } = filterSql({ ...filters, statuses: undefined });
  const orders = sqlite
    .prepare(
      `SELECT a.case_id AS caseId, c.number AS caseNumber, e.occurred_on AS forfeitedOn, e.order_reference AS orderReference, count(*) AS assets
       FROM asset_status_events e JOIN assets a ON a.id = e.asset_id JOIN cases c ON c.id = a.case_id
       ${where ? `${where} AND` : 'WHERE'} e.to_status = 'forfeited'
       GROUP BY a.case_id, e.occurred_on, e.order_reference ORDER BY e.occurred_on, c.number`,
    )
    .all(params) as Order[];
  if (!orders.length) return [];
  const claimants = sqlite
    .prepare(
      `SELECT p.case_id AS caseId, g.id AS agencyId, g.name, g.code, w.submitted_on AS submittedOn
       FROM case_participants p JOIN agencies g ON g.id = p.agency_id
       LEFT JOIN sharing_worksheets w ON w.case_id = p.case_id AND w.agency_id = p.agency_id
       WHERE p.role != 'federal' AND p.case_id IN (SELECT value FROM json_each(@cases)) ${filters.participantAgencyId ? 'AND p.agency_id = @agency' : ''}
       ORDER BY g.code`,
    )
    .all({ cases: JSON.stringify([...new Set(orders.map((o) => o.caseId))]), ...(filters.participantAgencyId ? { agency: filters.participantAgencyId } : {}) }) as Claimant[];
  const out: Deadline[] = [];
  for (const o of orders) {
    const dueOn = addDays(o.forfeitedOn, DAG71_DAYS);
    for (const a of claimants) {
      if (a.caseId !== o.caseId) continue;
      const submitted = a.submittedOn !== null && a.submittedOn >= o.forfeitedOn;
      const daysLeft = daysBetween(asOf, dueOn);
      out.push({
        caseId: o.caseId, caseNumber: o.caseNumber, agencyId: a.agencyId, agencyName: a.name, agencyCode: a.code,
        orderReference: o.orderReference, forfeitedOn: o.forfeitedOn, assets: o.assets, dueOn,
        state: submitted ? 'submitted' : daysLeft < 0 ? 'overdue' : 'due', daysLeft, submittedOn: a.submittedOn,
      });
    }
  }
  const rank = { overdue: 0, due: 1, submitted: 2 } as const;
  return out.sort((x, y) => rank[x.state] - rank[y.state] || x.dueOn.localeCompare(y.dueOn) || x.caseNumber.localeCompare(y.caseNumber) || x.agencyCode.localeCompare(y.agencyCode));
}
