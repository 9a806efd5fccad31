import { z } from 'zod';
import { uuid } from '../cases/schemas.js';
import { FileRef } from '../files.js';

export * from './formats.js';
import type { Reconciliation } from './reconcile.js';
import type { GoamlProvenance } from './goaml.js';
import { IMPORT_FORMATS, DELIMITERS, DATE_FORMATS, CsvMapping, type ImportFormat } from './formats.js';

/** The account a statement CSV belongs to: an existing one, or found/created by its identifier. */
export const StatementAccountRef = z.union([
  z.object({ id: uuid }),
  z.object({
    identifier: z.string().trim().min(1, 'account identifier is required').max(200),
    currency: z.string().trim().toUpperCase().length(3).optional(),
    holderName: z.string().trim().max(300).optional(),
    institution: z.string().trim().max(300).optional(),
  }),
]);
export type StatementAccountRef = z.infer<typeof StatementAccountRef>;

export const ImportRun = z.object({
  caseId: uuid,
  file: FileRef,
  /** Detected from the content when absent. */
  format: z.enum(IMPORT_FORMATS).optional(),
  /** Overrides the detected text encoding. */
  encoding: z.string().trim().min(1).optional(),
  /** CSV statements: the mapping to use (else `mappingName`, else the detected one if unambiguous). */
  mapping: CsvMapping.optional(),
  mappingName: z.string().trim().min(1).max(100).optional(),
  /** Save the mapping under this name, to be offered when the same header comes back. */
  saveMappingAs: z.string().trim().min(1).max(100).optional(),
  account: StatementAccountRef.optional(),
  /** Currency of the amounts when the file does not say (a CSV without a currency column, an OFX without CURDEF). */
  currency: z.string().trim().toUpperCase().length(3).optional(),
  /**
   * A statement CSV's columns by role, naming header cells or 1-based column numbers
   * (`{ date: ['Buchungstag'], amount: ['Betrag'], description: ['Text', 'Info'] }`): the CLI's --map.
   */
  map: z.record(z.string(), z.array(z.string().trim().min(1)).min(1)).optional(),
  /** The sign convention, when the caller knows it: 'debit-positive' for card exports where purchases are positive. */
  sign: z.enum(['credit-positive', 'debit-positive']).optional(),
  /** CSV and ledger CSV: overrides of what is detected (the delimiter, the decimal mark, the date layout). */
  delimiter: z.enum(DELIMITERS).optional(),
  decimal: z.enum(['.', ',']).optional(),
  thousands: z.enum(['', ',', '.', ' ', "'"]).optional(),
  dateFormat: z.enum(DATE_FORMATS).optional(),
  /** Refuse the whole file if any row is rejected, or if the sign convention of a CSV is a guess. */
  strict: z.boolean().default(false),
});
export type ImportRunInput = z.input<typeof ImportRun>;

export const ImportPreview = z.object({
  file: FileRef,
  /** The case it is for: the preview then says whether this very file was imported into it before. */
  caseId: uuid.optional(),
  format: z.enum(IMPORT_FORMATS).optional(),
  encoding: z.string().trim().min(1).optional(),
  /** Dialect overrides the user chose in the wizard; the rest is detected. */
  delimiter: z.enum(DELIMITERS).optional(),
  headerLine: z.number().int().min(0).max(1000).optional(),
  /** A full mapping to parse the first rows with. */
  mapping: CsvMapping.optional(),
  rows: z.number().int().min(1).max(200).default(20),
});

export const MappingSave = z.object({
  name: z.string().trim().min(1, 'name is required').max(100),
  /** The header fields, to recognise the layout next time. */
  header: z.array(z.string()).max(500),
  mapping: CsvMapping,
});

export const RejectKind = z.enum(['rejected', 'duplicate', 'skipped', 'truncated']);

export const RejectsList = z.object({
  importId: uuid,
  kind: RejectKind.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(10000).default(500),
});

/** What one import did; the CLI prints it as JSON. */
export interface ImportReport {
  importId: string;
  format: ImportFormat;
  fileName: string;
  imported: number;
  duplicates: number;
  skipped: number;
  rejectedCount: number;
  /** The first rejects (all of them are kept with the import). */
  rejected: { line: number; reason: string; raw: string }[];
  accountsCreated: number;
  statements: { account: string; currency: string; imported: number; reconciliation?: Reconciliation }[];
  /** A statement CSV's sign convention and the evidence that decided it. */
  sign?: { convention: 'credit-positive' | 'debit-positive'; evidence: string; guessed: boolean };
  /** What a person should look at: a guessed sign, a statement that does not reconcile, nothing imported. */
  warnings: string[];
  /** Fields longer than the app keeps (core/import/writer.ts FIELD_LIMITS): how many were cut, and the first ones. */
  truncatedCount: number;
  truncated: { line: number; field: string; length: number; kept: number }[];
  /** Pairs of this import's rows with another import's that are one transfer: linked at once, or waiting for review. */
  transfersLinked: number;
  transfersSuggested: number;
  /** A goAML report: where it came from (reporting entity, report code, submission date) and the subjects it named. */
  goaml?: GoamlProvenance & { transactions: number; subjectsCreated: number; holdersLinked: number };
}
