import { bigint, index, integer, jsonb, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The regional hub's PostgreSQL schema (docs/hub.md). Every row names the agency it came from:
 * what one agency sent is never mixed with another's, and every query can be partitioned by agency.
 */

/** The agencies the hub knows, by their signing key (the hub's keyring). */
export const hubAgencies = pgTable('hub_agencies', {
  fingerprint: text('fingerprint').primaryKey(),
  name: text('name').notNull(),
  publicKey: text('public_key').notNull(),
  /** 'agency' sends bundles and sees its own data and matches; 'supervisor' sees every agency's totals. */
  role: text('role').notNull(),
  addedAt: timestamp('added_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
});

/** Every bundle taken, with its provenance; the file itself is kept under the hub's data directory by its SHA-256. */
export const hubBundles = pgTable(
  'hub_bundles',
  {
    bundleId: text('bundle_id').primaryKey(),
    sha256: text('sha256').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    agency: text('agency').notNull(),
    signerFingerprint: text('signer_fingerprint').notNull(),
    caseId: text('case_id').notNull(),
    caseNumber: text('case_number').notNull(),
    createdAt: text('created_at').notNull(),
    previousBundleId: text('previous_bundle_id'),
    recordCounts: jsonb('record_counts').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull(),
    /** The hub's audit entry that took the bundle: its receipt proves that entry is in the hub's log. */
    auditSeq: bigint('audit_seq', { mode: 'number' }).notNull(),
  },
  (t) => [uniqueIndex('hub_bundles_sha256').on(t.sha256), index('hub_bundles_agency_case').on(t.agency, t.caseId)],
);

/** Each record of the newest bundle of each case, as sent (a newer bundle of the case replaces them). */
export const hubRecords = pgTable(
  'hub_records',
  {
    agency: text('agency').notNull(),
    tableName: text('table_name').notNull(),
    recordId: text('record_id').notNull(),
    caseId: text('case_id').notNull(),
    bundleId: text('bundle_id').notNull(),
    row: jsonb('row').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agency, t.tableName, t.recordId] }), index('hub_records_agency_case').on(t.agency, t.caseId)],
);

/** Assets as numbers the totals add up: integer minor units in numeric(38,0), never floats. */
export const hubAssets = pgTable(
  'hub_assets',
  {
    agency: text('agency').notNull(),
    recordId: text('record_id').notNull(),
    caseId: text('case_id').notNull(),
    caseNumber: text('case_number').notNull(),
    bundleId: text('bundle_id').notNull(),
    status: text('status').notNull(),
    currency: text('currency').notNull(),
    valueSeizedMinor: numeric('value_seized_minor', { precision: 38, scale: 0 }).notNull(),
    valueRealisedMinor: numeric('value_realised_minor', { precision: 38, scale: 0 }),
    /** YYYY-MM-DD. */
    seizedOn: text('seized_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agency, t.recordId] }), index('hub_assets_agency_case').on(t.agency, t.caseId)],
);

/** Normalised identifiers of accounts and people, the keys cross-agency matches are found by. */
export const hubIdentifiers = pgTable(
  'hub_identifiers',
  {
    agency: text('agency').notNull(),
    /** 'account' (normalised account identifier or wallet), 'person-id' (scheme:number), 'person-name' (name|born on). */
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    recordTable: text('record_table').notNull(),
    recordId: text('record_id').notNull(),
    caseId: text('case_id').notNull(),
    caseNumber: text('case_number').notNull(),
    bundleId: text('bundle_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.agency, t.kind, t.recordId, t.value] }),
    index('hub_identifiers_kind_value').on(t.kind, t.value),
    index('hub_identifiers_agency_case').on(t.agency, t.caseId),
  ],
);

/** Every audit checkpoint an agency's bundles carried: the witness of that agency's history. */
export const hubCheckpoints = pgTable(
  'hub_checkpoints',
  {
    id: serial('id').primaryKey(),
    agency: text('agency').notNull(),
    origin: text('origin').notNull(),
    treeSize: bigint('tree_size', { mode: 'number' }).notNull(),
    rootHash: text('root_hash').notNull(),
    time: text('time').notNull(),
    note: text('note').notNull(),
    bundleId: text('bundle_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('hub_checkpoints_origin_size').on(t.origin, t.treeSize)],
);

/** What a supervisor must look at: a rewritten history, for now. */
export const hubAlerts = pgTable(
  'hub_alerts',
  {
    id: serial('id').primaryKey(),
    agency: text('agency').notNull(),
    kind: text('kind').notNull(),
    message: text('message').notNull(),
    bundleId: text('bundle_id'),
    sha256: text('sha256').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('hub_alerts_agency').on(t.agency)],
);

/**
 * The hub's own append-only log of every read and write (a trigger refuses UPDATE and DELETE). Each
 * entry is a leaf of an RFC 9162 Merkle tree the hub signs as its checkpoint: the receipt.
 */
export const hubAudit = pgTable('hub_audit', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  /** ISO 8601 as hashed into the leaf (text: a timestamp column would print it back differently). */
  at: text('at').notNull(),
  /** The agency whose key signed the request; null for a request refused before it was known. */
  agency: text('agency'),
  action: text('action').notNull(),
  status: integer('status').notNull(),
  detail: jsonb('detail').notNull(),
  /** Hex SHA-256 leaf hash (RFC 9162: 0x00 || canonical JSON of the entry). */
  leafHash: text('leaf_hash').notNull(),
});

/** Request signatures seen inside the replay window: the same signed request is taken once. */
export const hubSeenRequests = pgTable(
  'hub_seen_requests',
  {
    signatureHash: text('signature_hash').primaryKey(),
    seenAt: timestamp('seen_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('hub_seen_requests_seen_at').on(t.seenAt)],
);
