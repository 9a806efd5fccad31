import { z } from 'zod';
import { isoDateSchema } from '../dates.js';
import { uuid } from '../cases/schemas.js';
import { DashboardFilters } from '../dashboard/schemas.js';

const note = (what: string) => z.string().trim().max(2000, `${what} is at most 2000 characters`).default('');

/**
 * One agency's contribution factors in one case, as the DAG-71 asks for them. Every field is
 * checked at once, so the form shows all that is wrong in one go.
 */
export const WorksheetSave = z.object({
  caseId: uuid,
  agencyId: uuid,
  workHours: z.number({ error: 'work hours are a whole number' }).int('work hours are whole hours').min(0, 'work hours cannot be negative').max(10_000_000, 'work hours above 10,000,000 are not plausible'),
  originatedInformation: z.boolean().default(false),
  uniqueAssistance: note('unique or significant assistance'),
  foreignAssistance: note('foreign assets or international assistance'),
  other: note('other contributions'),
  requestedShareBps: z.number().int('the requested share is in whole basis points (1% = 100)').min(0, 'the requested share cannot be negative').max(10_000, 'the requested share cannot exceed 100%').nullable().default(null),
  submittedOn: isoDateSchema.nullable().default(null),
  /** The updatedAt the editor saw (null: never saved). A later save by someone else refuses this one. */
  ifUnchangedSince: z.string().max(40).nullable().optional(),
});
export type WorksheetSave = z.output<typeof WorksheetSave>;

export const WorksheetRef = z.object({ caseId: uuid });

export const WorksheetExport = z.object({
  caseId: uuid,
  format: z.enum(['csv', 'xlsx', 'pdf']),
  paper: z.enum(['a4', 'letter']).default('letter'),
  /** Trusted callers (CLI, desktop) may name the file; others get it in the outbox. */
  out: z.string().max(4096).optional(),
});

export const DeadlinesInput = z.object({
  filters: DashboardFilters.default({ dateBasis: 'seized' }),
  /** The day the deadlines are counted on; today by default. */
  asOf: isoDateSchema.optional(),
});

/** Days after the forfeiture order within which the DAG-71 is due (DOJ Guide to Equitable Sharing). */
export const DAG71_DAYS = 45;
