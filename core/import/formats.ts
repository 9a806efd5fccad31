import { z } from 'zod';

/**
 * Import formats and the CSV mapping: constants and schemas only (zod, no node imports), so the
 * renderer's wizard validates a mapping with the very schema the core applies.
 */

/** The file formats an import understands. */
export const IMPORT_FORMATS = ['csv', 'ledger', 'ofx', 'camt053', 'mt940', 'goaml'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Date layouts a bank CSV may use; YY years follow the POSIX rule (69-99 -> 19xx, 00-68 -> 20xx). */
export const DATE_FORMATS = [
  'YYYY-MM-DD',
  'DD.MM.YYYY',
  'DD.MM.YY',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD/MM/YY',
  'MM/DD/YY',
  'DD-MM-YYYY',
  'MM-DD-YYYY',
  'YYYY/MM/DD',
  'YYYYMMDD',
  'DD-MMM-YYYY',
  'DD MMM YYYY',
  'MMM DD, YYYY',
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Encodings offered to the user; any other iconv-lite name is accepted too. */
export const ENCODINGS = ['utf-8', 'utf-16le', 'utf-16be', 'windows-1252', 'iso-8859-1', 'iso-8859-2', 'cp850', 'cp852'] as const;

const column = z.number().int().min(0).max(999);

/** Which column (0-based) holds what. A statement needs a date and an amount (signed, or debit/credit). */
export const CsvColumns = z
  .object({
    date: column,
    time: column.optional(),
    valueDate: column.optional(),
    amount: column.optional(),
    debit: column.optional(),
    credit: column.optional(),
    currency: column.optional(),
    counterpartyName: column.optional(),
    counterpartyAccount: column.optional(),
    reference: column.optional(),
    description: z.array(column).max(20).default([]),
    balance: column.optional(),
    /** A column holding a credit/debit marker such as "CR" or "DR". */
    direction: column.optional(),
  })
  .superRefine((c, ctx) => {
    if (c.amount === undefined && c.debit === undefined && c.credit === undefined)
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'map a signed amount column, or debit and credit columns' });
    if (c.amount !== undefined && (c.debit !== undefined || c.credit !== undefined))
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'map either one signed amount column or debit/credit columns, not both' });
  });
export type CsvColumns = z.output<typeof CsvColumns>;

/** How to read a bank CSV: its dialect, number and date formats, and the column mapping. */
export const CsvMapping = z
  .object({
    encoding: z.string().trim().min(1).default('utf-8'),
    delimiter: z.enum(DELIMITERS),
    /** Line (1-based, as an editor shows it) of the header; 0 when the file has none. */
    headerLine: z.number().int().min(0).max(1000),
    decimal: z.enum(['.', ',']),
    thousands: z.enum(['', ',', '.', ' ', "'"]).default(''),
    /** The balance column's own number format, when it differs from the amounts' (detected per column). */
    balanceNumbers: z.object({ decimal: z.enum(['.', ',']), thousands: z.enum(['', ',', '.', ' ', "'"]).default('') }).optional(),
    dateFormat: z.enum(DATE_FORMATS),
    columns: CsvColumns,
    /** Currency when the file has no currency column. */
    currency: z.string().trim().toUpperCase().length(3).optional(),
    /** 'debit-positive' for card statements where purchases are positive numbers. */
    sign: z.enum(['credit-positive', 'debit-positive']).default('credit-positive'),
    /** Marker values of the direction column. */
    creditMarker: z.string().trim().max(20).default('CR'),
    debitMarker: z.string().trim().max(20).default('DR'),
    /** Rows with no date and no amount continue the description of the row before them. */
    continuationRows: z.boolean().default(false),
    /** Rows whose text contains this (e.g. "Saldo Anterior") are skipped and listed as skipped. */
    skipRowsContaining: z.string().trim().max(100).default(''),
  })
  .superRefine((m, ctx) => {
    if (m.columns.currency === undefined && !m.currency)
      ctx.addIssue({ code: 'custom', path: ['currency'], message: 'the file has no currency column: choose the currency' });
    if (m.decimal === m.thousands)
      ctx.addIssue({ code: 'custom', path: ['thousands'], message: 'decimal and thousands separators must differ' });
  });
export type CsvMapping = z.output<typeof CsvMapping>;
export type CsvMappingInput = z.input<typeof CsvMapping>;

