import { z } from 'zod';
import { ACCOUNT_KINDS, SUBJECT_KINDS } from '../accounts/kinds.js';
import { CASE_STATUSES, PARTICIPANT_ROLES } from '../cases/kinds.js';
import { ASSET_STATUSES, ASSET_TYPES } from '../assets/kinds.js';
import { CUSTODY_KINDS } from '../custody/kinds.js';
import { TRACE_METHODS } from '../trace/kinds.js';
import { TRANSACTION_METHODS } from '../transactions/kinds.js';
import { EXHIBIT_TARGETS } from '../exhibits/kinds.js';
import { uuid } from '../cases/schemas.js';
import { LayoutState } from '../graph/layout-schemas.js';
import { isoDateSchema, isoTimestampSchema } from '../dates.js';
import { currencySchema, minorSchema } from '../money.js';
import { bookedTimeSchema } from '../time.js';
import { RejectKind } from '../import/schemas.js';
import type { RecordTable } from './format.js';

/**
 * What a row of each bundle table may hold, keyed by its SQLite column names. Built from the same
 * enums and field schemas the contract validates its own input with, so a bundle can never put in
 * the database what the app itself would refuse (an asset status "exploded", an amount in words).
 * Objects are loose: a newer sender's extra columns are ignored by the merger, not refused here.
 */

const text = (max = 100_000) => z.string().max(max);
const required = (max = 1000) => z.string().min(1, 'is required').max(max);
const nullable = <T extends z.ZodType>(s: T) => s.nullable().optional();
const count = z.number().int().min(0);
const flag = z.union([z.literal(0), z.literal(1), z.boolean()]);
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'not a lower-case SHA-256');
/** Currencies are stored upper-case; the contract's schema upper-cases input, a stored row must already be. */
const currency = currencySchema.and(z.string().regex(/^[A-Z]{3}$/, 'not an upper-case ISO 4217 code'));
/** JSON columns travel as JSON text; `shape` says what must be inside. */
const jsonText = (shape: z.ZodType = z.unknown()) =>
  z.string().superRefine((s, ctx) => {
    let v: unknown;
    try {
      v = JSON.parse(s);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not JSON text' });
      return;
    }
    const r = shape.safeParse(v);
    if (!r.success) ctx.addIssue({ code: 'custom', message: `JSON of the wrong shape (${r.error.issues[0].message})` });
  });
const row = <S extends z.ZodRawShape>(shape: S) => z.looseObject({ id: uuid, created_at: isoTimestampSchema.optional(), ...shape });

export const RECORD_SCHEMAS: Record<RecordTable, z.ZodType> = {
  agencies: row({ name: required(300), code: required(100), jurisdiction: text(300).optional(), country: text(100).optional() }),
  cases: row({
    number: required(60), title: text(500), status: z.enum(CASE_STATUSES).optional(), lead_agency_id: nullable(uuid),
    opened_on: nullable(isoDateSchema), closed_on: nullable(isoDateSchema), summary: text().optional(), updated_at: nullable(isoTimestampSchema),
  }),
  case_participants: row({ case_id: uuid, agency_id: uuid, role: z.enum(PARTICIPANT_ROLES).optional(), hours: count.optional() }),
  subjects: row({
    case_id: uuid, kind: z.enum(SUBJECT_KINDS), name: required(500), aliases: jsonText(z.array(z.string())).optional(),
    identifiers: jsonText(z.array(z.unknown())).optional(), born_on: nullable(isoDateSchema), country: text(100).optional(), notes: text().optional(),
  }),
  accounts: row({
    case_id: uuid, kind: z.enum(ACCOUNT_KINDS), holder_subject_id: nullable(uuid), holder_name: text(500).optional(),
    institution: text(500).optional(), identifier: required(200), identifier_norm: required(200), currency, external: flag.optional(), notes: text().optional(),
  }),
  imports: row({
    case_id: uuid, file_name: text(1000), file_sha256: hex64, file_size: count.optional(), format: required(40), mapping: jsonText().optional(),
    account_id: nullable(uuid), imported_count: count.optional(), duplicate_count: count.optional(), rejected_count: count.optional(),
    actor: text(300).optional(), started_at: isoTimestampSchema, finished_at: nullable(isoTimestampSchema),
  }),
  statements: row({
    case_id: uuid, import_id: uuid, account_id: uuid, currency,
    opening_minor: nullable(minorSchema), opening_date: nullable(isoDateSchema), closing_minor: nullable(minorSchema), closing_date: nullable(isoDateSchema),
    moved_minor: minorSchema, row_count: count.optional(), first_date: nullable(isoDateSchema), last_date: nullable(isoDateSchema),
  }),
  transfer_links: row({
    case_id: uuid, debit_tx_id: uuid, credit_tx_id: uuid, score: z.number().int(), evidence: jsonText(z.array(z.object({ what: z.string(), points: z.number() }))).optional(),
    status: z.enum(['auto', 'suggested', 'accepted', 'rejected']), decided_by: text(300).optional(), decided_at: nullable(isoTimestampSchema), match_run: nullable(uuid),
  }),
  entity_merges: row({
    case_id: uuid, kind: z.enum(['account', 'subject']), survivor_id: uuid, merged_id: uuid, reasons: jsonText(z.array(z.string())).optional(),
    status: z.enum(['merged', 'unmerged']), decided_by: text(300).optional(), undone_at: nullable(isoTimestampSchema),
  }),
  import_rejects: row({ import_id: uuid, line: count, raw: text(1_000_000), reason: text(), kind: RejectKind.optional() }),
  transactions: row({
    case_id: uuid, from_account_id: nullable(uuid), to_account_id: nullable(uuid),
    amount_minor: minorSchema.refine((n) => BigInt(n) > 0n, 'must be a positive number of minor units'), currency,
    to_amount_minor: nullable(minorSchema.refine((n) => BigInt(n) > 0n, 'must be a positive number of minor units')), to_currency: nullable(currency),
    // The time as booked; its ordering key is derived by the receiver (derived.ts), never taken from the sender.
    occurred_at: bookedTimeSchema, time_key: text(40).optional(), value_date: nullable(isoTimestampSchema), method: z.enum(TRANSACTION_METHODS).optional(),
    reference: text(1000).optional(), memo: text().optional(), counterparty_name: text(1000).optional(), balance_after_minor: nullable(minorSchema),
    import_id: nullable(uuid), seq: z.number().int(), fingerprint: nullable(text(200)),
  }),
  taint_marks: row({ case_id: uuid, transaction_id: uuid, label: required(80) }),
  traces: row({
    case_id: uuid, name: text(200).optional(), method: z.enum(TRACE_METHODS), params: jsonText(z.record(z.string(), z.unknown())).optional(),
    marked: jsonText(z.array(z.unknown())), data_version: text(200), result: jsonText(z.record(z.string(), z.unknown())), actor: text(300).optional(),
  }),
  chart_layouts: row({ case_id: uuid, name: required(120), state: jsonText(LayoutState), actor: text(300).optional(), updated_at: isoTimestampSchema }),
  assets: row({
    case_id: uuid, type: z.enum(ASSET_TYPES), description: required(1000), details: jsonText(z.record(z.string(), z.unknown())).optional(),
    seizing_agency_id: nullable(uuid), seized_on: isoDateSchema, seized_place: text(300).optional(), legal_authority: text(200).optional(),
    status: z.enum(ASSET_STATUSES).optional(), status_on: nullable(isoDateSchema), returned_to: nullable(text(300)), disposition: nullable(text(100)),
    currency, value_seized_minor: minorSchema.refine((n) => BigInt(n) >= 0n, 'cannot be negative').optional(),
    value_appraised_minor: nullable(minorSchema), appraised_on: nullable(isoDateSchema), appraiser: nullable(text(200)),
    value_realised_minor: nullable(minorSchema), costs_minor: minorSchema.optional(), deductions_minor: minorSchema.optional(),
    updated_at: nullable(isoTimestampSchema),
  }),
  asset_status_events: row({
    asset_id: uuid, from_status: nullable(z.enum(ASSET_STATUSES)), to_status: z.enum(ASSET_STATUSES), occurred_on: isoDateSchema,
    order_reference: text(300).optional(), note: text().optional(), actor: text(300).optional(),
  }),
  asset_links: row({
    asset_id: uuid, account_id: nullable(uuid), transaction_id: nullable(uuid), trace_id: nullable(uuid),
    amount_minor: nullable(minorSchema), currency: nullable(currency), note: text().optional(),
  }),
  custody_events: row({
    asset_id: uuid, kind: z.enum(CUSTODY_KINDS), occurred_at: isoTimestampSchema, from_custodian: text(300).optional(), to_custodian: text(300).optional(),
    location: text(300).optional(), locker: text(300).optional(), reason: text().optional(), witness: text(300).optional(),
    corrects_event_id: nullable(uuid), actor: text(300).optional(),
  }),
  sharing_distributions: row({
    case_id: uuid, asset_id: nullable(uuid), currency, net_minor: minorSchema, policy: jsonText(z.record(z.string(), z.unknown())),
    result: jsonText(z.array(z.unknown())), actor: text(300).optional(),
  }),
  exhibits: row({
    case_id: uuid, sha256: hex64, size: count, file_name: required(1000), media_type: text(200).optional(), description: text().optional(),
    target_kind: z.enum(EXHIBIT_TARGETS).optional(), target_id: nullable(uuid), actor: text(300).optional(),
  }),
};

/** Every problem with one row, worded "column: message". */
export function rowProblems(table: RecordTable, value: Record<string, unknown>): string[] {
  const r = RECORD_SCHEMAS[table].safeParse(value);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`);
}
