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
  createdAt: string;
  software: string;
  previousBundleId: string | null;
  scope: Record<string, unknown>;
  recordCounts: Record<string, number>;
  files: number;
  payloadBytes: number;
}

export interface VerifyReport {
  ok: boolean;
  file: { name: string; size: number; sha256: string | null };
  checks: ReportCheck[];
  problems: ReportProblem[];
  notes: string[];
  signer: ReportSigner | null;
  bundle: ReportBundle | null;
  verifiedAt: string;
}
