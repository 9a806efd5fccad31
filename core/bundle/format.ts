/** The evidence bundle's fixed names and limits (docs/bundle-format.md describes the whole format). */

export const FORMAT_VERSION = 1;
export const RECORD_SCHEMA = 'proceeds-bundle-records/1';
export const PREDICATE_TYPE = 'urn:proceeds:evidence-bundle:v1';
export const STATEMENT_TYPE = 'https://in-toto.io/Statement/v1';
export const DSSE_PAYLOAD_TYPE = 'application/vnd.in-toto+json';

/** Tag files at the bag root. The signature envelope is the one file no statement can list. */
export const BAGIT_TXT = 'bagit.txt';
export const BAG_INFO_TXT = 'bag-info.txt';
export const MANIFEST = 'manifest-sha256.txt';
export const TAG_MANIFEST = 'tagmanifest-sha256.txt';
export const SIGNATURE = 'signature.dsse.json';
export const FETCH_TXT = 'fetch.txt';

export const BAGIT_TXT_CONTENT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

/** Payload layout under data/. */
export const CASE_JSON = 'data/case.json';
export const recordsPath = (table: string) => `data/records/${table}.jsonl`;
export const AUDIT_JSONL = 'data/audit/segment.jsonl';
export const AUDIT_HEAD_JSON = 'data/audit/head.json';
export const exhibitPath = (sha256: string, ext: string) => `data/exhibits/${sha256}${ext ? '.' + ext : ''}`;

export const bagRoot = (bundleId: string) => `proceeds-bundle-${bundleId}`;

/**
 * What the verifier accepts before it inflates a single byte. Generous for real cases (a 1 GB
 * exhibit set, 100,000s of transactions), far below what a zip bomb needs.
 */
export interface Limits {
  maxArchiveBytes: number;
  maxEntries: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Uncompressed / compressed of one entry, judged on entries above `ratioFloorBytes`. Deflate tops out near 1032. */
  maxRatio: number;
  /** All entries' uncompressed bytes / the archive's size, small entries included. */
  maxArchiveRatio: number;
  ratioFloorBytes: number;
  /** The signature envelope and the tag files are read whole, so they are small. */
  maxTagFileBytes: number;
  /** The envelope is read before the signer is known, so it must be smaller still (a subject is ~150 bytes). */
  maxEnvelopeBytes: number;
  /** The time budget: this much, plus `timeBudgetMsPerMiB` for every MiB of the archive. */
  timeBudgetMs: number;
  timeBudgetMsPerMiB: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxArchiveBytes: 64 * 2 ** 30,
  maxEntries: 50_000,
  maxEntryBytes: 16 * 2 ** 30,
  maxTotalBytes: 64 * 2 ** 30,
  maxRatio: 100,
  maxArchiveRatio: 100,
  ratioFloorBytes: 64 << 10,
  maxTagFileBytes: 64 << 20,
  maxEnvelopeBytes: 16 << 20,
  timeBudgetMs: 60_000,
  // 100 ms a MiB is 10 MiB/s, a fifth of what a slow laptop disk reads.
  timeBudgetMsPerMiB: 100,
};

/** Tables a bundle carries, parents before children, so an import can insert in this order. */
export const RECORD_TABLES = [
  'agencies',
  'cases',
  'case_participants',
  'subjects',
  'accounts',
  'imports',
  'import_rejects',
  'transactions',
  // Bank records (issue 10): statements with their balances (coverage and reconciliation travel with
  // the case), the links that make both sides of a transfer count once, and merges of what is one.
  // Bundles written before these tables simply lack their files (see hasRecords).
  'statements',
  'transfer_links',
  'entity_merges',
  'taint_marks',
  'traces',
  // Named chart layouts (issue 13): positions, pins, hidden nodes and annotations of the Money trail.
  'chart_layouts',
  'assets',
  'asset_status_events',
  'asset_links',
  'custody_events',
  'sharing_distributions',
  'exhibits',
] as const;
export type RecordTable = (typeof RECORD_TABLES)[number];

/** Tables a bundle of an earlier version may lack: read when their file is there, else empty. */
export const LATER_TABLES = new Set<RecordTable>(['statements', 'transfer_links', 'entity_merges', 'chart_layouts']);

/** Whether a bundle carries the records of `table` (a table added later may be absent from an older bundle). */
export const hasRecords = (names: string[], table: RecordTable) => !LATER_TABLES.has(table) || names.includes(recordsPath(table));
