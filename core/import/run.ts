import { rowsDigest } from '../audit/digest.js';
import fs from 'node:fs';
import type { z } from 'zod';
import type { Ctx } from '../context.js';
import { conflictOn, fail, invalid, invalidField, ProceedsError } from '../errors.js';
import { resolveFile, type ResolvedFile } from '../files.js';
import { newId } from '../ids.js';
import { getCase } from '../cases/methods.js';
import { getAccount } from '../accounts/methods.js';
import { formatMinor } from '../money.js';
import { parseCamt } from './camt.js';
import { mapLedgerRecord, ledgerLayout, type LedgerFormats, type LedgerLayout } from './ledger-csv.js';
import { candidateDateFormats, isAmbiguous } from './dates.js';
import { parseBookedTime } from '../time.js';
import { csvFile, type CsvFile, type CsvRecord } from './csv-source.js';
import { detectNumberFormat } from './amounts.js';
import { csvLayout } from './layout.js';
import { mappingByName, mappingForHeader, saveMapping } from './mappings.js';
import { parseMt940 } from './mt940.js';
import { parseOfx } from './ofx.js';
import { importGoaml, type GoamlImportResult } from './goaml.js';
import { ImportProgress } from './progress.js';
import { isProblem, type ParsedStatement, type StatementRow } from './rows.js';
import { CsvMapping, type CsvColumns, type CsvMappingInput, type ImportFormat, type ImportReport, type ImportRun } from './schemas.js';
import { resolveColumnMap } from './column-map.js';
import { decideSign, type SignDecision } from './sign.js';
import { reconcile, type Reconciliation } from './reconcile.js';
import { matchTransfers } from './transfer-match.js';
import { suspendIndexes } from './bulk-indexes.js';
import type { CsvLayout } from './layout.js';
import { mapStatementRecord, mappedWidth } from './statement-csv.js';
import { sniffFormat } from './sniff.js';
import { checkEncoding, decodeSample, detectEncoding, readHead, readText } from './text.js';
import { ImportWriter, truncationReason } from './writer.js';
import { refuseNonStatement } from './binary.js';
import { requireFreeSpace } from '../disk-space.js';
import { hashFile } from '../hash/index.js';

type RunInput = z.output<typeof ImportRun>;

async function sha256File(file: string, progress: ImportProgress): Promise<string> {
  return (await hashFile(file, ['sha256'], { onBytes: (done) => progress.tick('hashing', 0, done) })).hex;
}

interface Source {
  path: string;
  name: string;
  size: number;
  encoding: string;
  sample: string;
}

export interface PreparedImport {
  file: ResolvedFile;
  size: number;
  sha: string;
}

/**
 * What can be done before the write lock is taken (the core runs it first): refuse what is not a
 * statement, check free space, hash the whole file. A 2 GB file used to be hashed with the lock held.
 */
export async function prepareImport(input: RunInput, ctx: Ctx): Promise<PreparedImport> {
  getCase(ctx, input.caseId);
  const file = resolveFile(ctx, input.file);
  refuseNonStatement(file.path, file.name, input.encoding);
  const size = fs.statSync(file.path).size;
  // The rows, their indexes and the WAL that carries them: about three times the file.
  requireFreeSpace(ctx.dataDir, size * 3, `importing ${file.name}`);
  const sha = await sha256File(file.path, new ImportProgress(ctx, size));
  return { file, size, sha };
}

/**
 * Imports one file into a case, all or nothing: the core runs this inside one SQLite transaction,
 * so a reject under --strict, a cancel, an error or a killed process leaves the database as before.
 */
export async function runImport(input: RunInput, ctx: Ctx): Promise<ImportReport> {
  // SQLite's default page cache is 2 MB: a million-row import's index pages then spill to the WAL
  // mid-transaction and are read back at random. 32 MB keeps the hot ones in memory and peak RSS under 400 MB at a million rows.
  const cacheBefore = ctx.sqlite.pragma('cache_size', { simple: true }) as number;
  ctx.sqlite.pragma('cache_size = -32768');
  try {
    return await importFile(input, ctx);
  } finally {
    ctx.sqlite.pragma(`cache_size = ${cacheBefore}`);
  }
}

async function importFile(input: RunInput, ctx: Ctx): Promise<ImportReport> {
  const kase = getCase(ctx, input.caseId);
  const { file, size, sha } = (ctx.prepared as PreparedImport | undefined) ?? (await prepareImport(input, ctx));
  const progress = new ImportProgress(ctx, size);
  const earlier = ctx.sqlite.prepare('SELECT id, file_name, created_at FROM imports WHERE case_id = ? AND file_sha256 = ?').get(kase.id, sha) as
    | { id: string; file_name: string; created_at: string }
    | undefined;
  if (earlier)
    throw conflictOn('file', 'import.importedAlready', { case: kase.number, file: earlier.file_name, date: earlier.created_at.slice(0, 10) });
  const head = readHead(file.path);
  const encoding = input.encoding ? checkEncoding(input.encoding) : detectEncoding(head, size);
  const src: Source = { path: file.path, name: file.name, size, encoding, sample: decodeSample(head, encoding).replace(/\r\n?/g, '\n') };
  const format: ImportFormat = input.format ?? sniffFormat(src.sample);
  const importId = newId();
  const startedAt = ctx.now();
  ctx.sqlite
    .prepare('INSERT INTO imports (id, case_id, file_name, file_sha256, file_size, format, actor, started_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
    .run(importId, kase.id, file.name, sha, size, format, ctx.actor.user, startedAt);
  const writer = new ImportWriter(ctx, kase.id, importId, file.name);
  const rebuildIndexes = suspendIndexes(ctx.sqlite, size, writer.checksDuplicates);
  const statements: ImportReport['statements'] = [];
  let settings: unknown;
  let accountId: string | null = null;
  let sign: ImportReport['sign'];
  let goaml: GoamlImportResult | undefined;
  if (format === 'csv') {
    const r = await importStatementCsv(input, ctx, src, writer, progress);
    settings = r.mapping;
    accountId = r.accountId;
    sign = { convention: r.sign.sign, evidence: r.sign.evidence, guessed: r.sign.guessed };
    if (accountId) statements.push({ account: getAccount(ctx, accountId).identifier, currency: r.currency, imported: writer.imported, ...(r.reconciliation ? { reconciliation: r.reconciliation } : {}) });
  } else if (format === 'ledger') {
    settings = await importLedgerCsv(input, src, writer, progress);
  } else if (format === 'goaml') {
    goaml = await importGoaml(src.path, ctx, writer, progress, file.name);
    settings = { report: goaml.report };
  } else {
    settings = { encoding };
    const parsed = format === 'ofx' ? parseOfx(readText(src.path, encoding), defaultCurrency(input, ctx))
      : format === 'camt053' ? parseCamt(readText(src.path, encoding))
      : parseMt940(readText(src.path, encoding));
    accountId = importStatements(parsed, input, ctx, writer, progress, statements);
  }
  rebuildIndexes();
  if (input.strict && writer.rejected > 0) {
    const issues = writer.firstRejects.slice(0, 50).map((r) => ({ path: `line ${r.line}`, message: r.reason, ...(r.key ? { key: r.key, params: r.params } : {}) }));
    const first = writer.firstRejects[0];
    // The head is translated by its count; each line's reason follows as an issue, coded where the reader knows it.
    throw new ProceedsError('Invalid', `${writer.rejected} row(s) could not be read; strict import refuses the whole file (first: line ${first.line}: ${first.reason})`, issues, 'import.strictRejects', { count: writer.rejected });
  }
  if (input.strict && sign?.guessed)
    throw fail('Invalid', 'import.signGuessed', { evidence: sign.evidence }, [{ path: 'sign', message: sign.evidence }]);
  // Both sides of a transfer imported (payer's and payee's statements): link the certain pairs now.
  const otherImports = ctx.sqlite.prepare('SELECT 1 FROM imports WHERE case_id = ? AND id != ? LIMIT 1').get(kase.id, importId) !== undefined;
  const links = format !== 'ledger' && otherImports && writer.imported > 0 ? matchTransfers(ctx, kase.id, importId) : { linked: 0, suggested: 0 };
  const warnings = importWarnings(writer, sign, statements);
  // Identifiers with a bad check digit are imported as the bank wrote them, and said so.
  for (const m of writer.flaggedIdentifiers.slice(0, 20)) warnings.push(`account identifier flagged: ${m}`);
  for (const m of goaml?.flaggedIdentifiers.slice(0, 20) ?? []) warnings.push(`subject identifier flagged: ${m}`);
  if (writer.flaggedIdentifiers.length > 20) warnings.push(`${writer.flaggedIdentifiers.length - 20} more account identifiers flagged (see the accounts' notes)`);
  if (links.suggested) warnings.push(`${links.suggested} possible transfer pair(s) with another import wait for review (imports links)`);
  const finishedAt = ctx.now();
  ctx.sqlite
    .prepare('UPDATE imports SET mapping = ?, account_id = ?, imported_count = ?, duplicate_count = ?, rejected_count = ?, finished_at = ? WHERE id = ?')
    .run(JSON.stringify(settings), accountId, writer.imported, writer.duplicates, writer.rejected, finishedAt, importId);
  const record = {
    id: importId, caseId: kase.id, fileName: file.name, fileSha256: sha, fileSize: size, format, mapping: settings, accountId,
    importedCount: writer.imported, duplicateCount: writer.duplicates, rejectedCount: writer.rejected, skippedCount: writer.skipped,
    accountsCreated: writer.accountsCreated, actor: ctx.actor.user, startedAt, finishedAt,
    // Rows are not audited one by one: the digests let `audit verify --deep` check them.
    rowsDigests: [writer.rowsDigest() ?? rowsDigest(ctx.sqlite, 'transactions', { import_id: importId }), rowsDigest(ctx.sqlite, 'import_rejects', { import_id: importId })],
  };
  ctx.audit({ entity: 'import', entityId: importId, caseId: kase.id, after: record });
  progress.tick('done', writer.imported, size, true);
  const report: ImportReport = {
    importId, format, fileName: file.name, imported: writer.imported, duplicates: writer.duplicates, skipped: writer.skipped,
    rejectedCount: writer.rejected, rejected: writer.firstRejects, accountsCreated: writer.accountsCreated, statements, sign, warnings,
    truncatedCount: writer.truncated, truncated: writer.firstTruncated,
    transfersLinked: links.linked, transfersSuggested: links.suggested,
    ...(goaml ? { goaml: { ...goaml.report, transactions: goaml.transactions, subjectsCreated: goaml.subjectsCreated, holdersLinked: goaml.holdersLinked } } : {}),
  };
  return report;
}

/** What the caller must not miss; the CLI prints these and exits non-zero when nothing was imported. */
function importWarnings(writer: ImportWriter, sign: ImportReport['sign'], statements: ImportReport['statements']): string[] {
  const out: string[] = [];
  if (writer.imported === 0)
    out.push(
      writer.rejected > 0 ? `nothing imported: all ${writer.rejected} row(s) were rejected`
        : writer.duplicates > 0 ? `nothing imported: all ${writer.duplicates} row(s) are duplicates of transactions already in the case`
        : 'nothing imported: the file holds no transactions',
    );
  if (writer.truncated > 0) {
    const shown = writer.firstTruncated.slice(0, 3).map((c) => `${c.line ? `line ${c.line}` : "the statement's account"} ${truncationReason(c)}`);
    out.push(
      `${writer.truncated} field(s) were longer than the app keeps and were cut: ${shown.join('; ')}${writer.truncated > shown.length ? '; ...' : ''} (all are listed with the import's rejects, kind "truncated")`,
    );
  }
  if (sign?.guessed) out.push(`the sign of the amounts is a guess: ${sign.evidence}; check it, or say it with sign (CLI: --sign)`);
  for (const st of statements) {
    const r = st.reconciliation;
    if (r?.ok === false)
      out.push(`statement of ${st.account} (${r.opening?.date} to ${r.closing?.date}) does not reconcile: opening ${formatMinor(r.opening!.minor, st.currency)} + rows ${formatMinor(r.moved, st.currency)} != closing ${formatMinor(r.closing!.minor, st.currency)} (${formatMinor(r.difference!, st.currency)} unexplained)`);
  }
  return out;
}

/**
 * The mapping for a statement CSV: given, saved by name, saved for this header, or detected; then
 * what the caller spelled out (`map`, dateFormat, decimal, thousands, sign, currency) on top. The
 * sign convention comes with the evidence that decided it (core/import/sign.ts).
 */
export function resolveMapping(input: RunInput, ctx: Ctx, src: Source): { mapping: CsvMapping; layout: CsvLayout; sign: SignDecision; source: string } {
  const dialect = input.mapping ? { delimiter: input.mapping.delimiter, headerLine: input.mapping.headerLine } : { delimiter: input.delimiter };
  let layout = csvLayout(src.sample, dialect);
  let base: CsvMappingInput | undefined;
  let source = 'detected';
  if (input.mapping) {
    base = input.mapping;
    source = 'the mapping given';
  }
  else if (input.mappingName) {
    const saved = mappingByName(ctx, input.mappingName).mapping;
    layout = csvLayout(src.sample, { delimiter: saved.delimiter, headerLine: saved.headerLine });
    base = saved;
    source = `saved mapping "${input.mappingName}"`;
  } else {
    const known = layout.header ? mappingForHeader(ctx, layout.header) : undefined;
    if (known) {
      base = known.mapping;
      source = `saved mapping "${known.name}" (same header)`;
    }
  }
  const overrides = Boolean(input.map || input.dateFormat || input.decimal || input.thousands !== undefined || input.sign);
  let mapping: CsvMappingInput;
  if (base) mapping = { ...base, columns: { ...base.columns } };
  else {
    const s = layout.suggestion;
    mapping = { ...s.mapping, columns: { ...s.mapping.columns }, encoding: src.encoding, delimiter: layout.delimiter, headerLine: layout.headerLine } as CsvMappingInput;
  }
  if (input.map) mapping.columns = overlayColumns(mapping.columns, resolveColumnMap(input.map, layout.header, layout.width)) as CsvColumns;
  if (input.dateFormat) mapping.dateFormat = input.dateFormat;
  if (input.decimal) {
    mapping.decimal = input.decimal;
    if (input.thousands === undefined && mapping.thousands === input.decimal) mapping.thousands = '';
  }
  if (input.thousands !== undefined) mapping.thousands = input.thousands;
  if (input.sign) mapping.sign = input.sign;
  mapping.currency ??= defaultCurrency(input, ctx);
  let dateAmbiguous = layout.suggestion.dateAmbiguous;
  let dateFormats = layout.suggestion.dateFormats;
  const dateCol = (mapping.columns as Partial<CsvColumns>).date;
  if (!base && !input.dateFormat && dateCol !== undefined && dateCol !== layout.suggestion.mapping.columns.date) {
    // The caller chose another date column than the detected one: its own layout.
    dateFormats = candidateDateFormats(layout.data.map((r) => r.fields[dateCol] ?? '').filter((v) => v.trim()));
    dateAmbiguous = isAmbiguous(dateFormats);
    mapping.dateFormat = dateFormats[0];
  }
  if (!base) {
    const s = { ...layout.suggestion, dateAmbiguous, dateFormats };
    const c = mapping.columns as Partial<CsvColumns>;
    const missing = [
      ...(c.date === undefined ? ['columns.date'] : []),
      ...(c.amount === undefined && c.debit === undefined && c.credit === undefined ? ['columns.amount'] : []),
      ...(c.currency === undefined && !mapping.currency ? ['currency'] : []),
      ...(!mapping.dateFormat || (!input.dateFormat && dateAmbiguous) ? ['dateFormat'] : []),
    ];
    if (missing.length) {
      const what = missing.map((m) => (m === 'dateFormat' && s.dateAmbiguous ? `dateFormat (day/month order is ambiguous: ${s.dateFormats.join(' or ')})` : m));
      throw new ProceedsError('Invalid', `mapping: this CSV layout needs a mapping; could not tell ${what.join(', ')}`, missing.map((m) => ({ path: `mapping.${m}`, message: 'could not be detected; choose it (CLI: --map, --date-format, --currency)' })));
    }
  }
  const parsed = CsvMapping.safeParse(mapping);
  if (!parsed.success) throw invalid('mapping', parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const out = parsed.data;
  if (!out.balanceNumbers && out.columns.balance !== undefined) {
    // The balance column may print numbers otherwise than the amounts ("1,234.56" beside "-5.00").
    const fmt = detectNumberFormat(layout.data.map((r) => r.fields[out.columns.balance!] ?? ''));
    if (fmt.decimal !== out.decimal || fmt.thousands !== out.thousands) out.balanceNumbers = fmt;
  }
  let sign: SignDecision;
  if (input.sign) sign = { sign: out.sign, evidence: 'given by the caller (sign)', guessed: false };
  else if (base && !overrides) sign = { sign: out.sign, evidence: `as in ${source}`, guessed: false };
  else {
    sign = decideSign(out, layout.header, layout.data.filter((r) => r.line > out.headerLine));
    out.sign = sign.sign;
  }
  return { mapping: out, layout, sign, source };
}

/** Columns the caller named replace the detected ones; a detected role whose column was given another role is dropped. */
function overlayColumns(detected: Partial<CsvColumns>, given: Partial<CsvColumns> & { description?: number[] }): Partial<CsvColumns> {
  const claimed = new Set(Object.entries(given).flatMap(([, v]) => (Array.isArray(v) ? v : [v])));
  const out: Partial<CsvColumns> = {};
  for (const [k, v] of Object.entries(detected) as [keyof CsvColumns, number | number[]][]) {
    if (k === 'description') out.description = (v as number[]).filter((i) => !claimed.has(i));
    else if (!claimed.has(v as number)) (out as Record<string, unknown>)[k] = v;
  }
  if (given.amount !== undefined) {
    delete out.debit;
    delete out.credit;
  }
  if (given.debit !== undefined || given.credit !== undefined) delete out.amount;
  return { ...out, ...given, description: given.description ?? out.description ?? [] };
}

/** The currency the caller gave, or that of the account the statement is imported to. */
function defaultCurrency(input: RunInput, ctx: Ctx): string | undefined {
  if (input.currency) return input.currency;
  if (input.account && 'id' in input.account) return getAccount(ctx, input.account.id).currency;
  return input.account?.currency;
}

function statementAccountFor(input: RunInput, ctx: Ctx, writer: ImportWriter, caseId: string, currency: string, hint?: string): string {
  const ref = input.account ?? (hint ? { identifier: hint } : undefined);
  if (!ref) throw invalidField('account', 'import.chooseAccount');
  if ('id' in ref) {
    const acc = getAccount(ctx, ref.id);
    if (acc.caseId !== caseId) throw invalidField('account.id', 'import.accountOtherCase');
    return acc.id;
  }
  return writer.account(ref.identifier, ref.currency ?? currency, { holderName: ref.holderName, institution: ref.institution, external: false });
}

async function importStatementCsv(input: RunInput, ctx: Ctx, src: Source, writer: ImportWriter, progress: ImportProgress) {
  const { mapping, layout, sign } = resolveMapping(input, ctx, src);
  const width = layout.headerLine ? layout.width : Math.max(layout.width, mappedWidth(mapping));
  if (mappedWidth(mapping) > width)
    throw invalidField('mapping.columns', 'import.columnsMismatch', { column: mappedWidth(mapping), width });
  const text = csvFile(src.path, checkEncoding(mapping.encoding, 'mapping.encoding'), mapping.delimiter);
  let accountId: string | null = null;
  let currency = mapping.currency ?? '';
  let pending: StatementRow | undefined;
  // A running balance column makes the file a statement that can be reconciled: its first and last rows with a balance.
  let moved = 0n;
  let firstBal: StatementRow | undefined;
  let lastBal: StatementRow | undefined;
  let rows = 0;
  const flush = () => {
    if (!pending) return;
    accountId ??= statementAccountFor(input, ctx, writer, writer.caseId, pending.currency, layout.suggestion.accountHint);
    currency ||= pending.currency;
    const rejected = writer.rejected;
    writer.statementRow(pending, accountId);
    if (writer.rejected === rejected && pending.currency === currency) {
      moved += pending.amountMinor;
      rows++;
      if (pending.balanceAfterMinor !== null) {
        firstBal ??= pending;
        lastBal = pending;
      }
    }
    pending = undefined;
  };
  await forEachRecord(text, progress, (rec) => {
    if (rec.line <= mapping.headerLine) return false;
    const r = mapStatementRecord(rec, mapping, width);
    if ('continuation' in r) {
      if (pending) {
        pending.memo = [pending.memo, r.continuation].filter(Boolean).join(' | ');
        pending.raw += '\n' + rec.raw;
      } else writer.problem({ line: rec.line, raw: rec.raw, reason: 'continuation row with no transaction above it', kind: 'rejected' });
    } else if (isProblem(r)) writer.problem(r);
    else {
      flush();
      pending = r;
    }
  });
  flush();
  if (input.saveMappingAs) saveMapping(ctx, input.saveMappingAs, layout.header ?? [], mapping);
  let reconciliation: Reconciliation | undefined;
  if (accountId && firstBal && lastBal) {
    // Oldest first: the first row's balance less its amount was the opening; newest first, the other way round.
    const [older, newer] = firstBal.occurredAt <= lastBal.occurredAt ? [firstBal, lastBal] : [lastBal, firstBal];
    const opening = { minor: older.balanceAfterMinor! - older.amountMinor, date: older.occurredAt.slice(0, 10), line: older.line };
    const closing = { minor: newer.balanceAfterMinor!, date: newer.occurredAt.slice(0, 10), line: newer.line };
    reconciliation = reconcile({ opening, closing }, moved, opening.date, closing.date);
    writer.statement(accountId, currency, reconciliation, rows);
  }
  return { mapping, accountId, currency, sign, reconciliation };
}

async function importLedgerCsv(input: RunInput, src: Source, writer: ImportWriter, progress: ImportProgress) {
  const layoutGuess = csvLayout(src.sample, { headerLine: 1, delimiter: input.delimiter });
  const text = csvFile(src.path, src.encoding, layoutGuess.delimiter);
  let layout: ReturnType<typeof ledgerLayout> | undefined;
  let fmt: LedgerFormats = { decimal: '.', thousands: '' };
  await forEachRecord(text, progress, (rec, batch) => {
    if (!layout) {
      // The header is the file's first record; number and date formats are read off the rows after it, unless given.
      layout = ledgerLayout(rec);
      fmt = ledgerFormats(layout, batch.slice(1, 500), input);
      return false;
    }
    const r = mapLedgerRecord(rec, layout, fmt);
    if (isProblem(r)) writer.problem(r);
    else writer.ledgerRow(r);
  });
  if (!layout) throw invalidField('file', 'import.ledgerEmpty');
  return { encoding: src.encoding, delimiter: layoutGuess.delimiter, decimal: fmt.decimal, thousands: fmt.thousands, dateFormat: fmt.dateFormat ?? 'YYYY-MM-DD' };
}

/**
 * The ledger's number and date formats: what the caller said, else what the rows show. ISO dates
 * (with or without a time) need no format; others (`25.03.2024`) are detected, and a day/month
 * order the rows cannot settle must be given.
 */
export function ledgerFormats(layout: LedgerLayout, rows: CsvRecord[], input: Pick<RunInput, 'decimal' | 'thousands' | 'dateFormat'>): LedgerFormats {
  const amounts = [layout.index.amount!, layout.index.to_amount].filter((c): c is number => c !== undefined);
  const detected = detectNumberFormat(rows.flatMap((r) => amounts.map((c) => r.fields[c] ?? '')));
  const decimal = input.decimal ?? detected.decimal;
  const thousands = input.thousands ?? (input.decimal && input.decimal !== detected.decimal ? '' : detected.thousands);
  if (input.dateFormat) return { decimal, thousands, dateFormat: input.dateFormat };
  const dates = rows.map((r) => (r.fields[layout.index.date!] ?? '').trim()).filter(Boolean);
  if (dates.every((d) => parseBookedTime(d).ok)) return { decimal, thousands };
  const formats = candidateDateFormats(dates);
  if (isAmbiguous(formats))
    throw invalidField('dateFormat', 'import.dateOrderAmbiguous', { formats: formats.join(' or ') });
  return { decimal, thousands, dateFormat: formats[0] };
}

/**
 * Visits every record of a CSV file in order, reporting progress about every 2,000 data rows (a
 * visit returning false is a header row, not counted); a parse error names its line.
 */
async function forEachRecord(text: CsvFile, progress: ImportProgress, visit: (rec: CsvRecord, batch: CsvRecord[]) => boolean | void): Promise<number> {
  let rows = 0;
  try {
    let chunkStart = 0;
    for await (const batch of text.batches) {
      const bytesAt = spread(chunkStart, text.bytesRead(), batch.length);
      chunkStart = text.bytesRead();
      for (let k = 0; k < batch.length; k++) {
        if (visit(batch[k], batch) === false) continue;
        if (++rows % 2000 === 0) progress.tick('importing', rows, bytesAt(k));
      }
      progress.tick('importing', rows, text.bytesRead());
    }
  } catch (e) {
    throw csvError(e);
  }
  return rows;
}

/**
 * The bytes read when record k of a chunk's batch is reached, spread evenly over the chunk: a chunk is
 * a megabyte, tens of thousands of rows, and progress is reported more often than that.
 */
const spread = (from: number, to: number, n: number) => (k: number) => Math.round(from + ((to - from) * k) / Math.max(1, n));

/** csv-parse stops on a quote left open at the end of the file; say where. */
function csvError(e: unknown): unknown {
  if (e instanceof ProceedsError || !(e instanceof Error)) return e;
  const line = (e as { lines?: number }).lines;
  if ((e as { code?: string }).code?.startsWith('CSV_')) return invalid('file', `${line ? `line ${line}: ` : ''}${e.message}`);
  return e;
}

function importStatements(parsed: ParsedStatement[], input: RunInput, ctx: Ctx, writer: ImportWriter, progress: ImportProgress, out: ImportReport['statements']): string | null {
  const given = input.account && 'id' in input.account ? statementAccountFor(input, ctx, writer, writer.caseId, '') : undefined;
  if (given && parsed.length > 1 && new Set(parsed.map((p) => p.account.identifier)).size > 1)
    throw invalid('account', `the file holds statements of ${parsed.length} accounts; they are imported to the accounts it names`);
  let rows = 0;
  let last: string | null = null;
  for (const st of parsed) {
    const accountId = given ?? writer.statementAccount(st.account);
    const before = writer.imported;
    // What the statement's rows moved in its own currency: rows the writer took (imported or duplicate) count.
    let moved = 0n;
    let first: string | undefined;
    let lastDate: string | undefined;
    for (const r of st.rows) {
      if (isProblem(r)) writer.problem(r);
      else {
        const rejected = writer.rejected;
        writer.statementRow(r, accountId);
        if (writer.rejected === rejected && r.currency === st.account.currency) {
          moved += r.amountMinor;
          first ??= r.occurredAt.slice(0, 10);
          lastDate = r.occurredAt.slice(0, 10);
        } else if (writer.rejected === rejected && r.counterCurrency === st.account.currency && r.counterAmountMinor !== undefined)
          moved += r.amountMinor < 0n ? -r.counterAmountMinor : r.counterAmountMinor;
      }
      if (++rows % 1000 === 0) progress.tick('importing', rows, 0);
    }
    const rec = reconcile(st, moved, first, lastDate);
    writer.statement(accountId, st.account.currency, rec, writer.imported - before);
    out.push({ account: st.account.identifier, currency: st.account.currency, imported: writer.imported - before, ...(rec.opening || rec.closing ? { reconciliation: rec } : {}) });
    last = accountId;
  }
  return parsed.length === 1 ? last : null;
}
