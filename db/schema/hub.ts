import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { createdAt, id } from './common.js';

/**
 * This installation's link to a regional hub (docs/hub.md, "The desktop side"): one row. The hub's
 * key is trusted, as any key, only once a person has confirmed its fingerprint (`confirmedAt`).
 */
export const hubLink = sqliteTable('hub_link', {
  id: id(),
  url: text('url').notNull(),
  /** The hub's name as it answered (`GET /v1/hub`). */
  name: text('name').notNull(),
  /** The hub's raw Ed25519 public key, base64: it signs the receipts. */
  publicKey: text('public_key').notNull(),
  fingerprint: text('fingerprint').notNull(),
  /** The signing key of this installation that signs requests to the hub. */
  signingKeyId: text('signing_key_id').notNull(),
  confirmedAt: text('confirmed_at'),
  lastSyncAt: text('last_sync_at'),
  addedAt: createdAt(),
});

/**
 * Receipts the hub signed: its checkpoint over its own log and the inclusion proof of the entry
 * that took one of our bundles. Kept as received; with the hub's public key they prove what the
 * hub had, whatever the hub says later.
 */
export const hubReceipts = sqliteTable(
  'hub_receipts',
  {
    id: id(),
    bundleId: text('bundle_id').notNull(),
    caseId: text('case_id'),
    hubFingerprint: text('hub_fingerprint').notNull(),
    /** The hub's signed checkpoint (C2SP note). */
    checkpoint: text('checkpoint').notNull(),
    entryBytes: text('entry_bytes').notNull(),
    leafIndex: integer('leaf_index').notNull(),
    treeSize: integer('tree_size').notNull(),
    /** JSON array of hex hashes. */
    proof: text('proof').notNull(),
    receivedAt: createdAt(),
  },
  (t) => [uniqueIndex('hub_receipts_bundle_size').on(t.bundleId, t.treeSize)],
);

/**
 * Cross-agency matches as the hub last said at sync (replaced each sync): our record, and the other
 * agency's side by its provenance only (agency, case number, bundle, record id).
 */
export const hubMatches = sqliteTable(
  'hub_matches',
  {
    id: id(),
    caseId: text('case_id'),
    caseNumber: text('case_number').notNull(),
    kind: text('kind').notNull(),
    value: text('value').notNull(),
    ourBundleId: text('our_bundle_id').notNull(),
    ourTable: text('our_table').notNull(),
    ourRecordId: text('our_record_id').notNull(),
    theirAgency: text('their_agency').notNull(),
    theirCaseNumber: text('their_case_number').notNull(),
    theirBundleId: text('their_bundle_id').notNull(),
    theirTable: text('their_table').notNull(),
    theirRecordId: text('their_record_id').notNull(),
    syncedAt: text('synced_at').notNull(),
  },
  (t) => [index('hub_matches_case').on(t.caseId)],
);
