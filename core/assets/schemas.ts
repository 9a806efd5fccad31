import { z } from 'zod';
import { ASSET_STATUSES, ASSET_TYPES } from './kinds.js';
import { isoDateSchema } from '../dates.js';
import { currencySchema, minorText, parseAmount, type MinorText } from '../money.js';
import { uuid } from '../cases/schemas.js';
import { checkDetails, DETAIL_SCHEMAS } from './details.js';
import { DISPOSITIONS, RETURNED_TO } from './lifecycle.js';

const text = (max = 500) => z.string().trim().max(max);
const required = (what: string, max = 300) => z.string().trim().min(1, `${what} is required`).max(max);
/** An amount typed as text ("41200.00"), parsed exactly once the currency is known. */
/** 80 characters: room for MAX_MINOR's 36 digits with separators; parseAmount refuses what is past it by name. */
const amountText = z.string().trim().max(80);

type Ctx = z.RefinementCtx;
type Issue = { path: (string | number)[]; message: string };

/**
 * Parses the amount fields (text in `currency`) into `<field>Minor`, the decimal text of the exact
 * minor units; empty or absent ones are left out. Too many decimals for the currency, or more than
 * MAX_MINOR, is an issue on the field by name (parseAmount never rounds). Shared by the create
 * schema and the update handler, which knows the currency only later.
 */
export function parseValueFields(obj: Record<string, unknown>, currency: string) {
  const minor: Record<string, MinorText> = {};
  const issues: { path: string; message: string }[] = [];
  for (const f of VALUE_FIELDS) {
    const raw = obj[f] as string | undefined;
    if (raw === undefined || raw === '') continue;
    const p = parseAmount(raw, currency);
    if (!p.ok) issues.push({ path: f, message: p.error });
    else if (p.minor < 0n) issues.push({ path: f, message: 'cannot be negative' });
    else minor[`${f}Minor`] = minorText(p.minor);
  }
  return { minor, issues };
}

const addIssues = (ctx: Ctx, issues: Issue[]) => issues.forEach((i) => ctx.addIssue({ code: 'custom', ...i }));

export const VALUE_FIELDS = ['valueSeized', 'valueAppraised', 'valueRealised', 'costs', 'deductions'] as const;

const Values = z.object({
  valueSeized: amountText.min(1, 'value as seized is required (0 if unknown)'),
  valueAppraised: amountText.optional(),
  appraisedOn: isoDateSchema.optional(),
  appraiser: text(200).optional(),
  valueRealised: amountText.optional(),
  costs: amountText.optional(),
  deductions: amountText.optional(),
});

const common = z.object({
  caseId: uuid,
  description: required('description', 1000),
  seizingAgencyId: uuid.optional(),
  seizedOn: isoDateSchema,
  seizedPlace: text(300).default(''),
  /** Warrant or order number the seizure rests on. */
  legalAuthority: text(200).default(''),
  currency: currencySchema,
  ...Values.shape,
});

/** `prefault`: a missing details object is parsed as {} so required type fields are still reported. */
const variant = <T extends (typeof ASSET_TYPES)[number]>(type: T) =>
  common.extend({ type: z.literal(type), details: (DETAIL_SCHEMAS[type] as z.ZodType<Record<string, unknown>>).prefault({}) });
const AssetVariants = z.discriminatedUnion('type', [
  variant('cash'), variant('bank_funds'), variant('crypto'), variant('vehicle'),
  variant('real_property'), variant('jewellery'), variant('electronics'), variant('other'),
]);

/** Appraisal needs its date and appraiser; an appraiser with no value is a slip. */
function checkAppraisal(a: { valueAppraised?: string; appraisedOn?: string; appraiser?: string }, ctx: Ctx) {
  if (a.valueAppraised && !a.appraisedOn) ctx.addIssue({ code: 'custom', path: ['appraisedOn'], message: 'an appraised value needs the date of the appraisal' });
  if (a.valueAppraised && !a.appraiser) ctx.addIssue({ code: 'custom', path: ['appraiser'], message: 'an appraised value needs the appraiser' });
}

export const AssetCreate = AssetVariants.transform((a, ctx) => {
  const { minor: money, issues } = parseValueFields(a, a.currency);
  addIssues(ctx, issues.map((i) => ({ path: [i.path], message: i.message })));
  checkAppraisal(a, ctx);
  if (money.valueSeizedMinor !== undefined) addIssues(ctx, checkDetails(a.type, a.details, a.currency, money.valueSeizedMinor));
  const { valueSeized: _1, valueAppraised: _2, valueRealised: _3, costs: _4, deductions: _5, details, ...rest } = a;
  return {
    ...rest,
    details: details,
    valueSeizedMinor: money.valueSeizedMinor ?? '0',
    valueAppraisedMinor: money.valueAppraisedMinor ?? null,
    valueRealisedMinor: money.valueRealisedMinor ?? null,
    costsMinor: money.costsMinor ?? '0',
    deductionsMinor: money.deductionsMinor ?? '0',
  };
});
export type AssetCreateInput = z.input<typeof AssetCreate>;

/**
 * Changes to an asset's description and values. Status moves only through `assets.transition`,
 * so every step keeps its order or decision. Amounts are in the asset's currency (the handler parses).
 */
export const AssetUpdate = z.object({
  id: uuid,
  description: required('description', 1000).optional(),
  details: z.record(z.string(), z.unknown()).optional(),
  seizingAgencyId: uuid.nullable().optional(),
  seizedPlace: text(300).optional(),
  legalAuthority: text(200).optional(),
  /**
   * The updatedAt the editor saw (null: never updated). When given and the asset changed since,
   * the update is refused with both versions rather than overwriting someone else's change.
   */
  ifUnchangedSince: z.string().max(40).nullable().optional(),
  ...Values.partial().shape,
});

/** A lifecycle step. `to` may name a disposal directly ("sold" = disposed, sold). */
export const AssetTransition = z
  .object({
    assetId: uuid,
    to: z.enum([...ASSET_STATUSES, ...DISPOSITIONS]),
    occurredOn: isoDateSchema,
    orderReference: required('the order or decision behind this step (order number, decision reference)', 200),
    disposition: z.enum(DISPOSITIONS).optional(),
    returnedTo: z.enum(RETURNED_TO).optional(),
    /** Sale proceeds, when the step is a sale. */
    valueRealised: amountText.optional(),
    note: text(2000).default(''),
  })
  .transform((t, ctx) => {
    const isDisposal = (DISPOSITIONS as readonly string[]).includes(t.to);
    const to = isDisposal ? 'disposed' : (t.to as (typeof ASSET_STATUSES)[number]);
    const disposition = isDisposal ? (t.to as (typeof DISPOSITIONS)[number]) : t.disposition;
    if (to === 'disposed' && !disposition)
      ctx.addIssue({ code: 'custom', path: ['disposition'], message: `say how it was disposed of: ${DISPOSITIONS.join(', ')}` });
    if (to !== 'disposed' && t.disposition)
      ctx.addIssue({ code: 'custom', path: ['disposition'], message: 'a disposition goes with a move to disposed only' });
    if (to === 'returned' && !t.returnedTo)
      ctx.addIssue({ code: 'custom', path: ['returnedTo'], message: `say who it was returned to: ${RETURNED_TO.join(' or ')}` });
    if (t.valueRealised && disposition !== 'sold')
      ctx.addIssue({ code: 'custom', path: ['valueRealised'], message: 'sale proceeds go with a sale (to: sold)' });
    return { ...t, to, disposition: disposition ?? null };
  });

const oneOf = ['accountId', 'transactionId', 'traceId'] as const;

export const AssetLinkAdd = z
  .object({
    assetId: uuid,
    accountId: uuid.optional(),
    transactionId: uuid.optional(),
    traceId: uuid.optional(),
    /** How much of the asset the linked record funded, as text in `currency`. */
    amount: amountText.optional(),
    currency: currencySchema.optional(),
    note: text(1000).default(''),
  })
  .superRefine((l, ctx) => {
    const given = oneOf.filter((k) => l[k]);
    if (given.length !== 1)
      ctx.addIssue({ code: 'custom', path: given.length ? [given[1]] : ['accountId'], message: 'link exactly one of accountId, transactionId, traceId' });
    if (l.amount && !l.currency) ctx.addIssue({ code: 'custom', path: ['currency'], message: 'an amount needs its currency' });
    if (l.amount && l.currency) {
      const p = parseAmount(l.amount, l.currency);
      if (!p.ok) ctx.addIssue({ code: 'custom', path: ['amount'], message: p.error });
      else if (p.minor <= 0n) ctx.addIssue({ code: 'custom', path: ['amount'], message: 'must be greater than zero' });
    }
  });

export const AssetList = z.object({
  caseId: uuid,
  status: z.enum(ASSET_STATUSES).optional(),
  type: z.enum(ASSET_TYPES).optional(),
  /** Only these (a live view re-reading the few assets a change touched). */
  ids: z.array(uuid).min(1).max(100).optional(),
});

export const AssetRef = z.object({ id: uuid });
