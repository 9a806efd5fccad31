import { sqliteTable, text, index, integer, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, createdAt } from './common.js';
import { cases, agencies, accounts } from './cases.js';
import { transactions } from './transactions.js';
import { traces } from './traces.js';
import { ASSET_TYPES, ASSET_STATUSES } from '../../core/assets/kinds.js';
// Re-exported for callers that read them beside the tables; the core owns them.
export { ASSET_TYPES, ASSET_STATUSES };
import { CUSTODY_KINDS } from '../../core/custody/kinds.js';
// Re-exported for callers that read them beside the tables; the core owns them.
export { CUSTODY_KINDS };

export const assets = sqliteTable(
  'assets',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    type: text('type', { enum: ASSET_TYPES }).notNull(),
    description: text('description').notNull(),
    /** JSON of the type's own fields: VIN and plate, parcel, wallet and exchange, denominations... */
    details: text('details').notNull().default('{}'),
    seizingAgencyId: text('seizing_agency_id').references(() => agencies.id),
    seizedOn: text('seized_on').notNull(),
    seizedPlace: text('seized_place').notNull().default(''),
    legalAuthority: text('legal_authority').notNull().default(''),
    status: text('status', { enum: ASSET_STATUSES }).notNull().default('seized'),
    /** Date the asset entered its current status (the period filter of the dashboard can use it). */
    statusOn: text('status_on'),
    /** Who got it back once returned: owner or claimant (name in the status event). */
    returnedTo: text('returned_to'),
    /** Disposal kind once disposed: sold, destroyed, official_use, transferred. */
    disposition: text('disposition'),
    currency: text('currency').notNull(),
    valueSeizedMinor: text('value_seized_minor').notNull().default('0'),
    valueAppraisedMinor: text('value_appraised_minor'),
    appraisedOn: text('appraised_on'),
    appraiser: text('appraiser'),
    valueRealisedMinor: text('value_realised_minor'),
    costsMinor: text('costs_minor').notNull().default('0'),
    /** Liens and victim claims to deduct before sharing. */
    deductionsMinor: text('deductions_minor').notNull().default('0'),
    createdAt: createdAt(),
    updatedAt: text('updated_at'),
  },
  (t) => [
    index('assets_case').on(t.caseId),
    index('assets_status').on(t.status),
    index('assets_seized_on').on(t.seizedOn),
    index('assets_seizing_agency').on(t.seizingAgencyId),
    // Covers the dashboard's aggregate: totals per status and currency read this index alone, in group order.
    index('assets_totals').on(
      t.status, t.currency, t.type, t.seizedOn, t.statusOn, t.caseId, t.seizingAgencyId,
      t.valueSeizedMinor, t.valueAppraisedMinor, t.valueRealisedMinor, t.costsMinor, t.deductionsMinor,
    ),
  ],
);

/** Every lifecycle step of an asset, with the order or decision behind it. */
export const assetStatusEvents = sqliteTable(
  'asset_status_events',
  {
    id: id(),
    assetId: text('asset_id').notNull().references(() => assets.id, { onDelete: 'cascade' }),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    occurredOn: text('occurred_on').notNull(),
    orderReference: text('order_reference').notNull().default(''),
    note: text('note').notNull().default(''),
    actor: text('actor').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    index('asset_status_events_asset').on(t.assetId),
    // Covers the dashboard's series (events by month and status, per asset) without reading the rows.
    index('asset_status_events_series').on(t.assetId, t.occurredOn, t.toStatus),
  ],
);

/** What funded an asset: accounts, transactions, saved traces. */
export const assetLinks = sqliteTable(
  'asset_links',
  {
    id: id(),
    assetId: text('asset_id').notNull().references(() => assets.id, { onDelete: 'cascade' }),
    accountId: text('account_id').references(() => accounts.id),
    transactionId: text('transaction_id').references(() => transactions.id),
    traceId: text('trace_id').references(() => traces.id),
    /** How much of the asset's price the linked record funded (e.g. traced proceeds), in minor units of `currency`. */
    amountMinor: text('amount_minor'),
    currency: text('currency'),
    note: text('note').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('asset_links_asset').on(t.assetId)],
);

/** Append-only chain of custody; corrections are new events pointing at the one they correct. */
export const custodyEvents = sqliteTable(
  'custody_events',
  {
    id: id(),
    assetId: text('asset_id').notNull().references(() => assets.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: CUSTODY_KINDS }).notNull(),
    occurredAt: text('occurred_at').notNull(),
    fromCustodian: text('from_custodian').notNull().default(''),
    toCustodian: text('to_custodian').notNull().default(''),
    location: text('location').notNull().default(''),
    locker: text('locker').notNull().default(''),
    reason: text('reason').notNull().default(''),
    witness: text('witness').notNull().default(''),
    correctsEventId: text('corrects_event_id'),
    actor: text('actor').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('custody_events_asset').on(t.assetId, t.occurredAt)],
);

/** A computed equitable-sharing distribution, with the policy in force when it was computed. */
export const sharingDistributions = sqliteTable(
  'sharing_distributions',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    assetId: text('asset_id').references(() => assets.id, { onDelete: 'cascade' }),
    currency: text('currency').notNull(),
    netMinor: text('net_minor').notNull(),
    /** JSON: the policy (basis, lead share, cap, minimums, rounding rule). */
    policy: text('policy').notNull(),
    /** JSON: [{agencyId, shareMinor, basis}] */
    result: text('result').notNull(),
    actor: text('actor').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [index('sharing_distributions_asset').on(t.assetId, t.id)],
);

/**
 * One agency's contribution to one case, as the US DOJ's equitable-sharing request (form DAG-71)
 * asks for it: work hours, whether it originated the information, unique or significant
 * assistance, help with foreign assets or international assistance, anything else; and when the
 * request was submitted (the 45-day deadline after a forfeiture order counts against it).
 */
export const sharingWorksheets = sqliteTable(
  'sharing_worksheets',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    agencyId: text('agency_id').notNull().references(() => agencies.id),
    workHours: integer('work_hours').notNull().default(0),
    /** 1 when this agency originated the information that led to the seizure. */
    originatedInformation: integer('originated_information').notNull().default(0),
    uniqueAssistance: text('unique_assistance').notNull().default(''),
    foreignAssistance: text('foreign_assistance').notNull().default(''),
    other: text('other').notNull().default(''),
    /** Share requested, in basis points (1% = 100); null when not stated. */
    requestedShareBps: integer('requested_share_bps'),
    /** ISO date the DAG-71 went in; null while not submitted. */
    submittedOn: text('submitted_on'),
    createdAt: createdAt(),
    updatedAt: text('updated_at'),
  },
  (t) => [uniqueIndex('sharing_worksheets_case_agency').on(t.caseId, t.agencyId)],
);
