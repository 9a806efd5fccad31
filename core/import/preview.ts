import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { z } from 'zod';
import type { Ctx } from '../context.js';
import { invalidField } from '../errors.js';
import { resolveFile } from '../files.js';
import { formatMinor } from '../money.js';
import { parseCamt } from './camt.js';
import { csvSample } from './csv-source.js';
import { detectNumberFormat } from './amounts.js';
import { csvLayout } from './layout.js';
import { ledgerLayout, mapLedgerRecord } from './ledger-csv.js';
import { mappingForHeader } from './mappings.js';
import { parseMt940 } from './mt940.js';
import { parseOfx } from './ofx.js';
import { isProblem, type LedgerRow, type ParsedStatement, type RowProblem, type StatementRow } from './rows.js';
import { CsvMapping as CsvMappingSchema, type CsvMapping, type ImportFormat, type ImportPreview } from './schemas.js';
import { decideSign, type SignDecision } from './sign.js';
import { mapStatementRecord } from './statement-csv.js';
import { sniffFormat } from './sniff.js';
import { checkEncoding, decodeSample, detectEncoding, readHead, readText } from './text.js';

/** One row as the import would read it, for the wizard's preview table. */
export interface PreviewRow {
  line: number;
  ok: boolean;
  reason?: string;
  kind?: 'rejected' | 'skipped' | 'continuation';
  occurredAt?: string;
  amount?: string;
  currency?: string;
  direction?: 'in' | 'out';
  from?: string;
  to?: string;
  counterparty?: string;
  reference?: string;
  memo?: string;
}

const shown = (r: StatementRow | LedgerRow | RowProblem): PreviewRow => {
  if (isProblem(r)) return { line: r.line, ok: false, reason: r.reason, kind: r.kind };
  const base = { line: r.line, ok: true, occurredAt: r.occurredAt, currency: r.currency, reference: r.reference, memo: r.memo };
  if ('from' in r) return { ...base, amount: formatMinor(r.amountMinor, r.currency), from: r.from, to: r.to };
  return {
    ...base,
    amount: formatMinor(r.amountMinor < 0n ? -r.amountMinor : r.amountMinor, r.currency),
    direction: r.amountMinor < 0n ? 'out' : 'in',
    counterparty: [r.counterpartyName, r.counterpartyAccount].filter(Boolean).join(' · '),
  };
};

export interface PreviewResult {
  fileName: string;
  size: number;
  encoding: string;
  format: ImportFormat;
  csv?: ReturnType<typeof csvPreview>;
  ledger?: ReturnType<typeof ledgerPreview>;
  statements?: ReturnType<typeof structuredPreview>;
  /** The same bytes were imported into the case before (asked with caseId): the import would be refused. */
  importedBefore?: { fileName: string; on: string; by: string } | null;
}

/** SHA-256 of the file, read in 1 MB pieces: the same digest the import refuses a second copy by. */
function sha256Of(file: string): string {
  const hash = createHash('sha256');
  const buf = Buffer.alloc(1 << 20);
  const fd = fs.openSync(file, 'r');
  try {
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; ) hash.update(buf.subarray(0, n));
  } finally {
    fs.closeSync(fd);
  }
  return hash.digest('hex');
}

function importedBefore(ctx: Ctx, caseId: string, file: string): PreviewResult['importedBefore'] {
  const row = ctx.sqlite.prepare('SELECT file_name AS fileName, created_at AS at, actor FROM imports WHERE case_id = ? AND file_sha256 = ? ORDER BY created_at LIMIT 1').get(caseId, sha256Of(file)) as
    | { fileName: string; at: string; actor: string }
    | undefined;
  return row ? { fileName: row.fileName, on: row.at.slice(0, 10), by: row.actor } : null;
}

/** What the wizard shows before an import: the detected format and layout, and the first rows as parsed. */
export function previewImport(input: z.output<typeof ImportPreview>, ctx: Ctx): PreviewResult {
  const file = resolveFile(ctx, input.file);
  const size = fs.statSync(file.path).size;
  const head = readHead(file.path);
  const encoding = input.encoding ? checkEncoding(input.encoding) : detectEncoding(head, size);
  const sample = decodeSample(head, encoding).replace(/\r\n?/g, '\n');
  const format: ImportFormat = input.format ?? sniffFormat(sample);
  const base = { fileName: file.name, size, encoding, format, importedBefore: input.caseId ? importedBefore(ctx, input.caseId, file.path) : undefined };
  if (format === 'csv') return { ...base, csv: csvPreview(ctx, sample, input) };
  if (format === 'ledger') return { ...base, ledger: ledgerPreview(sample, input.rows) };
  // A goAML report is read streaming at import time; its parties and provenance are reported then.
  if (format === 'goaml') return { ...base, statements: [] };
  return { ...base, statements: structuredPreview(format, readTextSafe(file.path, encoding, size), input.rows) };
}

function csvPreview(ctx: Ctx, sample: string, input: z.output<typeof ImportPreview>) {
  const m = input.mapping;
  const layout = csvLayout(sample, { delimiter: m?.delimiter ?? input.delimiter, headerLine: m?.headerLine ?? input.headerLine });
  const saved = layout.header ? mappingForHeader(ctx, layout.header) : undefined;
  const mapping: CsvMapping | undefined = m ?? saved?.mapping;
  const records = layout.data.slice(0, input.rows);
  const parsed = mapping ? records.map((r) => mapped(r, mapping, layout.headerLine ? layout.width : Math.max(layout.width, 1))) : [];
  return {
    delimiter: layout.delimiter,
    headerLine: layout.headerLine,
    header: layout.header ?? null,
    width: layout.width,
    rows: records.map((r) => ({ line: r.line, fields: r.fields })),
    suggestion: layout.suggestion,
    savedMapping: saved ? { name: saved.name, mapping: saved.mapping } : null,
    /** The sign convention the detected layout implies and the evidence for it: when guessed, the wizard asks. */
    sign: mapping ? undefined : detectedSign(layout, input),
    parsed,
  };
}

function detectedSign(layout: ReturnType<typeof csvLayout>, input: z.output<typeof ImportPreview>): SignDecision | undefined {
  const s = layout.suggestion.mapping;
  // Only signs and balance steps are compared: any currency with cents reads them when the file names none.
  const parsed = CsvMappingSchema.safeParse({ ...s, currency: s.currency ?? 'USD', dateFormat: s.dateFormat ?? 'YYYY-MM-DD', encoding: input.encoding ?? 'utf-8', delimiter: layout.delimiter, headerLine: layout.headerLine });
  return parsed.success ? decideSign(parsed.data, layout.header, layout.data) : undefined;
}

function mapped(r: ReturnType<typeof csvSample>[number], mapping: CsvMapping, width: number): PreviewRow {
  const out = mapStatementRecord(r, mapping, width);
  if ('continuation' in out) return { line: r.line, ok: true, kind: 'continuation', memo: out.continuation };
  return shown(out);
}

function ledgerPreview(sample: string, rows: number) {
  const layout = csvLayout(sample, { headerLine: 1 });
  const records = csvSample(sample, layout.delimiter, rows + 1);
  if (records.length === 0) throw invalidField('file', 'import.ledgerEmpty');
  const L = ledgerLayout(records[0]);
  const fmt = detectNumberFormat(records.slice(1).map((r) => r.fields[L.index.amount!] ?? ''));
  return {
    delimiter: layout.delimiter,
    header: records[0].fields,
    parsed: records.slice(1).map((r) => shown(mapLedgerRecord(r, L, fmt))),
  };
}

/** Statement files are small, but a preview never reads more than 50 MB of one. */
function readTextSafe(path: string, encoding: string, size: number): string {
  if (size > 50 * 1024 * 1024) throw invalidField('file', 'import.tooLargeToPreview');
  return readText(path, encoding);
}

function structuredPreview(format: ImportFormat, text: string, rows: number) {
  const parsed: ParsedStatement[] = format === 'ofx' ? parseOfx(text) : format === 'camt053' ? parseCamt(text) : parseMt940(text);
  return parsed.map((s) => ({
    account: s.account.identifier,
    currency: s.account.currency,
    holderName: s.account.holderName ?? '',
    count: s.rows.filter((r) => !isProblem(r)).length,
    problems: s.rows.filter(isProblem).length,
    parsed: s.rows.slice(0, rows).map(shown),
  }));
}

