/**
 * The verification report: what was checked, every problem found, and who signed what.
 * Plain types (no node imports) so the renderer can show it.
 */

export interface ReportProblem {
  /** Stable code, e.g. "digest-mismatch", "signature-unknown-key" (docs/bundle-format.md lists them). */
  code: string;
  message: string;
  /** The entry (path inside the bag) the problem is about, if any. */
  entry?: string;
}

export interface ReportCheck {
  id: 'structure' | 'signature' | 'contents' | 'bagit' | 'digests' | 'detached';
  ok: boolean;
  detail: string;
}

export interface ReportSigner {
  agencyName: string;
  fingerprint: string;
  keyId: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface ReportBundle {
  bundleId: string;
  caseId: string;
  caseNumber: string;
  caseTitle: string;
  sendingAgency: string;
  recipients: string[];
  /** The recipients' keys the statement says the bundle was sealed to. */
  sealedTo: { agency: string; ageRecipient: string }[];
  createdAt: string;
  software: string;
  previousBundleId: string | null;
  scope: Record<string, unknown>;
  recordCounts: Record<string, number>;
  files: number;
  payloadBytes: number;
}

/**
 * valid: every check passed. unknown-signer: the signature verifies under the key the statement
 * itself names, but that key is not in the keyring (confirm its fingerprint, trust it, verify
 * again). untrusted-signer: a keyring key that is revoked, expired, or not yet confirmed.
 * not-for-us: sealed, and none of this installation's keys opens it.
 * invalid: anything else, including a tampered bundle.
 */
export type VerifyState = 'valid' | 'unknown-signer' | 'untrusted-signer' | 'not-for-us' | 'invalid';

export interface ClaimedSigner {
  agencyName: string;
  fingerprint: string;
  keyId: string;
  /** The minisign public key text, to add to the keyring once its fingerprint is confirmed. */
  publicKey: string;
}

export interface VerifyReport {
  ok: boolean;
  state: VerifyState;
  /** Whether anything past the signature was read; false when the signer is not trusted. */
  opened: boolean;
  /** Whether the file was sealed (age) and opened with this installation's key. */
  sealed?: boolean;
  /** A sealed bundle not for us: the recipients its (unauthenticated) age header names. */
  sealedFor?: { agency?: string; ageRecipient: string }[];
  file: { name: string; size: number; sha256: string | null };
  checks: ReportCheck[];
  problems: ReportProblem[];
  notes: string[];
  signer: ReportSigner | null;
  /** Who an unknown signer's own statement says it is: unverified until its fingerprint is confirmed. */
  claimedSigner: ClaimedSigner | null;
  /** What the signed statement says; when `opened` is false, only what it claims. */
  bundle: ReportBundle | null;
  /** Where the bundle stands in its sender's chain for the case, as far as this database knows. */
  chain?: { status: 'first' | 'next' | 'known' | 'older' | 'skipped' | 'forked'; inOrder: boolean; message: string } | null;
  /**
   * The sender's audit checkpoint against the last one this database kept from the same log: ok when
   * it extends it (or is the first). A rewritten history is also a problem (`audit-log-rewritten`).
   */
  auditLog?: { ok: boolean; kind?: 'rewritten' | 'shorter' | 'unproven' | 'signature' | 'malformed'; origin?: string; size?: number; message: string } | null;
  verifiedAt: string;
}
