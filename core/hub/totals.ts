import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type HubDb } from '../../db/hub/connection.js';
import type { HubMember } from './keyring.js';

/**
 * Forfeiture totals across the agencies that share with the hub, added up by PostgreSQL (sum over
 * numeric minor units: exact, never floats). A supervisor sees every agency; an agency its own.
 */

export const TotalsQuery = z.object({
  by: z.enum(['status', 'agency', 'case', 'period']).default('status'),
  /** Only this agency (a supervisor's drill-down). */
  agency: z.string().max(200).optional(),
});

export interface TotalsRow {
  key: string;
  /** For by=case: the agency the case belongs to. */
  agency?: string;
  currency: string;
  assets: number;
  /** Integer minor units as decimal text. */
  seizedMinor: string;
  realisedMinor: string;
}

const GROUP = {
  status: sql`status`,
  agency: sql`agency`,
  case: sql`agency || ' ' || case_number`,
  // The month an asset was seized: seized_on is YYYY-MM-DD text.
  period: sql`substr(seized_on, 1, 7)`,
} as const;

export async function totals(db: HubDb, who: HubMember, input: unknown): Promise<TotalsRow[]> {
  const q = TotalsQuery.parse(input);
  const agency = who.role === 'supervisor' ? (q.agency ?? null) : who.name;
  const key = GROUP[q.by];
  const rows = await rowsOf<{ key: string; agency: string | null; currency: string; assets: number; seized: string; realised: string }>(
    db,
    sql`SELECT ${key} AS key, ${q.by === 'case' ? sql`min(agency)` : sql`NULL`} AS agency, currency, count(*)::int AS assets,
               sum(value_seized_minor)::text AS seized, coalesce(sum(value_realised_minor), 0)::text AS realised
        FROM hub_assets
        WHERE (${agency}::text IS NULL OR agency = ${agency})
        GROUP BY ${key}, currency
        ORDER BY 1, 3`,
  );
  return rows.map((r) => ({ key: r.key, ...(r.agency ? { agency: r.agency } : {}), currency: r.currency, assets: Number(r.assets), seizedMinor: r.seized, realisedMinor: r.realised }));
}
