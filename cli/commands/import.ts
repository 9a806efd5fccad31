import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { IMPORT_FORMATS } from '../../core/import/schemas.js';

interface ImportOptions {
  case: string;
  format?: string;
  mapping?: string;
  saveMapping?: string;
  account?: string;
  currency?: string;
  encoding?: string;
  strict?: boolean;
}

/** Every reject of an import (the run's report carries only the first ones). */
async function allRejects(c: CliContext, importId: string) {
  const out: { line: number; reason: string }[] = [];
  for (let offset = 0; ; offset += 10000) {
    const page = await c.call('imports.rejects', { importId, kind: 'rejected', offset, limit: 10000 });
    out.push(...page.rows.map((r) => ({ line: r.line, reason: r.reason })));
    if (out.length >= page.total || page.rows.length === 0) return out;
  }
}

export function registerImportCommands(program: Command, cli: () => CliContext): void {
  program
    .command('import <file>')
    .description('import bank records (CSV, ledger CSV, OFX/QFX, camt.052/053/054, MT940) into a case, all or nothing')
    .requiredOption('--case <number>', 'case number')
    .option('--format <format>', `${IMPORT_FORMATS.join(' | ')} (default: detected)`)
    .option('--mapping <name>', 'saved CSV mapping to use (default: the one saved for this header, else detected)')
    .option('--save-mapping <name>', 'save the CSV mapping used under this name')
    .option('--account <identifier>', 'account the statement CSV belongs to (found by identifier or created)')
    .option('--currency <code>', 'currency when the file does not name one')
    .option('--encoding <name>', 'text encoding (default: detected), e.g. utf-8, utf-16le, windows-1252, cp852')
    .option('--strict', 'refuse the whole file if any row is rejected')
    .action(async (file: string, o: ImportOptions) => {
      const c = cli();
      const kase = await c.call('cases.getByNumber', { number: o.case });
      const abort = new AbortController();
      // Ctrl-C cancels: the transaction rolls back and nothing is left behind.
      const onSigint = () => abort.abort();
      process.once('SIGINT', onSigint);
      try {
        const r = await c.call(
          'imports.run',
          {
            caseId: kase.id, file: { path: file }, format: o.format, mappingName: o.mapping, saveMappingAs: o.saveMapping,
            account: o.account ? { identifier: o.account, currency: o.currency } : undefined, currency: o.currency,
            encoding: o.encoding, strict: Boolean(o.strict),
          },
          { signal: abort.signal },
        );
        const rejected = r.rejectedCount > r.rejected.length ? await allRejects(c, r.importId) : r.rejected.map(({ line, reason }) => ({ line, reason }));
        c.print(
          { imported: r.imported, duplicates: r.duplicates, rejected, skipped: r.skipped, importId: r.importId, format: r.format },
          () =>
            [
              `imported ${r.imported} transaction(s) from ${r.fileName} (${r.format}) into case ${kase.number}: ${r.duplicates} duplicate(s), ${r.rejectedCount} rejected, ${r.skipped} skipped, ${r.accountsCreated} account(s) created`,
              ...rejected.slice(0, 20).map((x) => `  line ${x.line}: ${x.reason}`),
              ...(rejected.length > 20 ? [`  ... and ${rejected.length - 20} more`] : []),
              ...(r.rejectedCount + r.duplicates + r.skipped > 0 ? [`all of them: proceeds imports rejects ${r.importId} --out rejects.csv`] : []),
            ].join('\n'),
        );
      } finally {
        process.off('SIGINT', onSigint);
      }
    });

  const imports = program.command('imports').description('past imports and their rejects');

  imports
    .command('list')
    .requiredOption('--case <number>', 'case number')
    .action(async (o: { case: string }) => {
      const c = cli();
      const kase = await c.call('cases.getByNumber', { number: o.case });
      const rows = await c.call('imports.list', { caseId: kase.id });
      c.print(rows, () =>
        rows.length === 0
          ? 'no imports'
          : rows.map((r) => `${r.id}  ${r.startedAt.slice(0, 19)}  ${r.format.padEnd(7)} ${r.fileName}  +${r.importedCount} dup ${r.duplicateCount} rej ${r.rejectedCount}`).join('\n'),
      );
    });

  imports
    .command('rejects <importId>')
    .description('write the rejected, duplicate and skipped rows of an import as CSV')
    .option('--out <file>', 'CSV file to write (default: the outbox)')
    .action(async (importId: string, o: { out?: string }) => {
      const c = cli();
      const r = await c.call('imports.exportRejects', { importId, path: o.out });
      c.print(r, `wrote ${r.rows} row(s) to ${r.path}`);
    });
}
