import path from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { ProceedsError } from '../../core/errors.js';
import { EXPORT_TABLES } from '../../core/exports/tables.js';
import { TRACE_METHODS } from '../../core/trace/kinds.js';

export function registerExportCommand(program: Command, cli: () => CliContext): void {
  program
    .command('export <table> <file>')
    .description(`write a case's ${EXPORT_TABLES.join(', ')} as CSV or XLSX (by the file's extension); "trace" is a trace's result per account`)
    .requiredOption('--case <number>', 'case number')
    .option('--method <method>', `for "trace": ${TRACE_METHODS.join(' | ')}`, 'fifo')
    .option('--until <date>', 'for "trace": trace transactions up to this date only')
    .action(async (table: string, file: string, o: { case: string; method: (typeof TRACE_METHODS)[number]; until?: string }) => {
      const c = cli();
      const format = path.extname(file).slice(1).toLowerCase();
      if (format !== 'csv' && format !== 'xlsx') throw new ProceedsError('Invalid', `${file}: the file name must end in .csv or .xlsx`, [{ path: 'file', message: 'unknown extension' }]);
      const found = await c.call('cases.getByNumber', { number: o.case });
      const trace = table === 'trace' ? { method: o.method, params: { until: o.until } } : undefined;
      const r = await c.call('export.table', { caseId: found.id, table: table as (typeof EXPORT_TABLES)[number], format, trace, out: file });
      c.print({ file: r.path, table, format, rows: r.rows }, () => `${table} written to ${r.path}: ${r.rows} rows`);
    });
}
