import { sql } from 'drizzle-orm';
import { rowsOf, type HubDb } from '../../db/hub/connection.js';
import type { HubMember } from './keyring.js';

/**
 * Cross-agency matches: the same normalised account identifier, person identifier, or name with
 * date of birth, in bundles of two agencies. Each side is named by its provenance only (agency,
 * case number, bundle, record): nothing else of the other agency's case is shown.
 */

export interface MatchSide {
  agency: string;
  caseNumber: string;
  bundleId: string;
  record: { table: string; id: string };
}

export interface HubMatch {
  kind: 'account' | 'person-id' | 'person-name';
  value: string;
  ours: MatchSide;
  theirs: MatchSide;
}

interface Row {
  kind: HubMatch['kind'];
  value: string;
  a_agency: string;
  a_case: string;
  a_bundle: string;
  a_table: string;
  a_id: string;
  b_agency: string;
  b_case: string;
  b_bundle: string;
  b_table: string;
  b_id: string;
}

/** The matches an agency sees (its own side first); a supervisor sees every pair once. */
export async function matches(db: HubDb, who: HubMember): Promise<HubMatch[]> {
  const mine = who.role === 'supervisor' ? sql`a.agency < b.agency` : sql`a.agency = ${who.name}`;
  const rows = await rowsOf<Row>(
    db,
    sql`SELECT a.kind, a.value,
               a.agency AS a_agency, a.case_number AS a_case, a.bundle_id AS a_bundle, a.record_table AS a_table, a.record_id AS a_id,
               b.agency AS b_agency, b.case_number AS b_case, b.bundle_id AS b_bundle, b.record_table AS b_table, b.record_id AS b_id
        FROM hub_identifiers a JOIN hub_identifiers b ON b.kind = a.kind AND b.value = a.value AND b.agency <> a.agency
        WHERE ${mine}
        ORDER BY a.kind, a.value, b.agency, b.case_number, b.record_id`,
  );
  const side = (r: Row, p: 'a' | 'b'): MatchSide => ({
    agency: r[`${p}_agency`], caseNumber: r[`${p}_case`], bundleId: r[`${p}_bundle`], record: { table: r[`${p}_table`], id: r[`${p}_id`] },
  });
  return rows.map((r) => ({ kind: r.kind, value: r.value, ours: side(r, 'a'), theirs: side(r, 'b') }));
}
