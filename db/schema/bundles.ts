import { sqliteTable, text, integer, index, primaryKey } from 'drizzle-orm/sqlite-core';
import { id, createdAt } from './common.js';
import { auditRowColumns } from './audit.js';

/** This installation's own signing keys (private part encrypted). */
export const signingKeys = sqliteTable('signing_keys', {
  id: id(),
  agencyName: text('agency_name').notNull(),
  /** minisign public key file text. */
  publicKey: text('public_key').notNull(),
  keyId: text('key_id').notNull(),
  fingerprint: text('fingerprint').notNull(),
  /** Encrypted secret key (base64); how it is protected is in `protection`. */
  secretKey: text('secret_key').notNull(),
  protection: text('protection', { enum: ['safeStorage', 'passphrase'] }).notNull(),
  /** age X25519 identity (AGE-SECRET-KEY-1...) that opens bundles sealed to this agency; null for keys made before sealing. */
  ageIdentity: text('age_identity'),
  /** Its public recipient (age1...), given to other agencies with the signing key. */
  ageRecipient: text('age_recipient'),
  createdAt: createdAt(),
});

/** Agencies whose keys this installation trusts. Trust is by key, never by a key id in a bundle. */
export const keyring = sqliteTable('keyring', {
  id: id(),
  agencyName: text('agency_name').notNull(),
  publicKey: text('public_key').notNull(),
  keyId: text('key_id').notNull(),
  fingerprint: text('fingerprint').notNull().unique(),
  validFrom: text('valid_from'),
  validTo: text('valid_to'),
  revokedAt: text('revoked_at'),
  revokedReason: text('revoked_reason'),
  /** When a person confirmed the fingerprint with the agency; null: pending, not trusted. */
  confirmedAt: text('confirmed_at'),
  /** The agency's age X25519 recipient (age1...), to seal bundles to it. */
  ageRecipient: text('age_recipient'),
  addedAt: createdAt(),
});

export const bundles = sqliteTable(
  'bundles',
  {
    /** The Bundle-Id in bag-info.txt. */
    id: id(),
    direction: text('direction', { enum: ['sent', 'received'] }).notNull(),
    caseNumber: text('case_number').notNull(),
    caseId: text('case_id'),
    fileName: text('file_name').notNull(),
    sha256: text('sha256').notNull(),
    size: integer('size').notNull().default(0),
    senderAgency: text('sender_agency').notNull(),
    senderFingerprint: text('sender_fingerprint').notNull(),
    /** JSON array of recipient agency names. */
    recipients: text('recipients').notNull().default('[]'),
    previousBundleId: text('previous_bundle_id'),
    /** JSON: the verification report at import time. */
    report: text('report').notNull().default('{}'),
    createdAt: createdAt(),
  },
  (t) => [index('bundles_case').on(t.caseNumber)],
);

/** Which bundle and agency a record came from, for records merged from other agencies. */
export const provenance = sqliteTable(
  'provenance',
  {
    recordId: text('record_id').primaryKey(),
    tableName: text('table_name').notNull(),
    bundleId: text('bundle_id').notNull(),
    agency: text('agency').notNull(),
    importedAt: createdAt(),
  },
  (t) => [index('provenance_bundle').on(t.bundleId)],
);

/**
 * The sending agency's audit-log segment that came with a received bundle, kept as it was signed
 * (each row still carries its hash and prev_hash from the sender's chain).
 */
export const bundleAudit = sqliteTable(
  'bundle_audit',
  {
    bundleId: text('bundle_id').notNull().references(() => bundles.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    id: text('id').notNull(),
    ...auditRowColumns(),
  },
  (t) => [primaryKey({ columns: [t.bundleId, t.seq] }), index('bundle_audit_entity').on(t.entityId)],
);
