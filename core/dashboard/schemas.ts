import { z } from 'zod';
import { ASSET_STATUSES, ASSET_TYPES } from '../assets/kinds.js';
import { isoDateSchema } from '../dates.js';
import { currencySchema } from '../money.js';
import { uuid } from '../cases/schemas.js';
import { SharingPolicy } from './policy.js';

/** What the supervisor can narrow the totals to. Every filter is optional; the period is inclusive. */
export const DashboardFilters = z
  .object({
    /**
     * Two agency filters, never one that means either: "seized by" narrows to the assets this agency
     * seized; "participating" to the assets of the cases it takes part in (whoever seized them). A
     * supervisor asking "what did we seize" and "what are we owed a share of" asks different things.
     */
    seizingAgencyId: uuid.optional(),
    participantAgencyId: uuid.optional(),
    caseId: uuid.optional(),
    statuses: z.array(z.enum(ASSET_STATUSES)).max(ASSET_STATUSES.length).optional(),
    types: z.array(z.enum(ASSET_TYPES)).max(ASSET_TYPES.length).optional(),
    currencies: z.array(currencySchema).max(50).optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
    /** Which date the period applies to: when it was seized, or when it reached its current status. */
    dateBasis: z.enum(['seized', 'status']).default('seized'),
  })
  .superRefine((f, ctx) => {
    if (f.from && f.to && f.from > f.to) ctx.addIssue({ code: 'custom', path: ['to'], message: `the period ends (${f.to}) before it starts (${f.from})` });
  });
export type DashboardFilters = z.output<typeof DashboardFilters>;

/** A rate the user typed: 1 unit of `from` is worth `rate` units of the target currency. */
const Rate = z.object({
  from: currencySchema,
  rate: z.string().trim().regex(/^\d+(\.\d{1,12})?$/, 'a rate is a positive decimal such as 1.0842'),
});

export const TotalsInput = z
  .object({
    filters: DashboardFilters.default({ dateBasis: 'seized' }),
    /** Optional conversion of the per-currency totals into one currency, at the user's rates. */
    convert: z.object({ to: currencySchema, rates: z.array(Rate).max(50) }).optional(),
  })
  .superRefine((t, ctx) => {
    t.convert?.rates.forEach((r, i) => {
      if (/^0+(\.0+)?$/.test(r.rate)) ctx.addIssue({ code: 'custom', path: ['convert', 'rates', i, 'rate'], message: 'a rate must be greater than zero' });
    });
  });

/** The columns the drill-down grid can sort by. */
export const DRILL_SORTS = ['seizedOn', 'valueSeized', 'net', 'status', 'caseNumber'] as const;
export type DrillSort = (typeof DRILL_SORTS)[number];

export const AssetsQuery = z.object({
  filters: DashboardFilters.default({ dateBasis: 'seized' }),
  sort: z.enum(DRILL_SORTS).default('seizedOn'),
  desc: z.boolean().default(false),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5000).default(500),
});

/** A live grid's re-read of the few assets a change touched, under the grid's own filter. */
export const AssetsByIds = z.object({
  filters: DashboardFilters.default({ dateBasis: 'seized' }),
  ids: z.array(uuid).min(1).max(100),
});

export const SeriesInput = z.object({ filters: DashboardFilters.default({ dateBasis: 'seized' }) });

export const SharingInput = z.object({
  filters: DashboardFilters.default({ dateBasis: 'seized' }),
  /** Project shares under this policy instead of the saved one (recorded distributions are kept as they were). */
  policy: SharingPolicy.optional(),
});

export const SharingCompute = z.object({ assetId: uuid, policy: SharingPolicy.optional() });
