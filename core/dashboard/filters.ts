import type { DashboardFilters } from './schemas.js';

/**
 * The WHERE clause of every dashboard query, as SQL text with named parameters: the same filter
 * means the same rows in the totals, the series, the sharing and the drill-down. The alias `a`
 * is the assets table. Only constant text goes into the SQL; values are bound.
 */
export function filterSql(f: DashboardFilters): { where: string; params: Record<string, string> } {
  const clauses: string[] = [];
  const params: Record<string, string> = {};
  // One bound parameter per value (IN (@s0, @s1)) rather than json_each: the planner can then use
  // the covering index, which it cannot see through a table-valued function.
  const list = (name: string, column: string, values?: string[]) => {
    if (!values?.length) return;
    const names = [...new Set(values)].map((v, i) => {
      params[`${name}${i}`] = v;
      return `@${name}${i}`;
    });
    clauses.push(names.length === 1 ? `${column} = ${names[0]}` : `${column} IN (${names.join(', ')})`);
  };
  if (f.seizingAgencyId) {
    params.seizingAgencyId = f.seizingAgencyId;
    clauses.push('a.seizing_agency_id = @seizingAgencyId');
  }
  if (f.participantAgencyId) {
    params.participantAgencyId = f.participantAgencyId;
    clauses.push('a.case_id IN (SELECT case_id FROM case_participants WHERE agency_id = @participantAgencyId)');
  }
  if (f.caseId) {
    params.caseId = f.caseId;
    clauses.push('a.case_id = @caseId');
  }
  list('statuses', 'a.status', f.statuses);
  list('types', 'a.type', f.types);
  list('currencies', 'a.currency', f.currencies);
  const dateColumn = f.dateBasis === 'status' ? 'coalesce(a.status_on, a.seized_on)' : 'a.seized_on';
  if (f.from) {
    params.from = f.from;
    clauses.push(`${dateColumn} >= @from`);
  }
  if (f.to) {
    params.to = f.to;
    clauses.push(`${dateColumn} <= @to`);
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params };
}
