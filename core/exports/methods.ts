import path from 'node:path';
import { z } from 'zod';
import { query } from '../contract.js';
import { getCase } from '../cases/methods.js';
import { uuid } from '../cases/schemas.js';
import { filePathsRefused } from '../errors.js';
import { newOutput } from '../files.js';
import { caseMarks, runTrace } from '../trace/run.js';
import { TraceRun } from '../trace/schemas.js';
import { caseTable, EXPORT_TABLES, traceTable } from './tables.js';
import { writeTableCsv, writeTableXlsx } from './write.js';

export const TableExportInput = z.object({
  caseId: uuid,
  table: z.enum(EXPORT_TABLES, { message: `table must be one of ${EXPORT_TABLES.join(', ')}` }),
  format: z.enum(['csv', 'xlsx'], { message: 'format must be csv or xlsx' }),
  /** For table "trace": the trace to run (method, marks, parameters); the case's marks by default. */
  trace: TraceRun.omit({ caseId: true }).optional(),
  /** Where to write it (command line and desktop only); otherwise the outbox, to download. */
  out: z.string().min(1).optional(),
});

export const exportMethods = {
  /**
   * A case's transactions, subjects, accounts, assets, or a trace's result per account, as CSV or
   * XLSX. Read-only: written to the outbox (or, for trusted callers, to `out`).
   */
  'export.table': query(TableExportInput, async (input, ctx) => {
    const c = getCase(ctx, input.caseId);
    if (input.out && !ctx.trusted) throw filePathsRefused();
    let table;
    if (input.table === 'trace') {
      const tr = input.trace ?? { method: 'fifo' as const, params: {} };
      const marks = tr.marks ?? caseMarks(ctx.sqlite, input.caseId);
      table = traceTable(runTrace(ctx.sqlite, { caseId: input.caseId, method: tr.method, marks, params: tr.params }, { progress: ctx.progress, signal: ctx.signal }));
    } else table = caseTable(ctx.sqlite, input.caseId, input.table);
    const name = `${input.table}-${c.number.replace(/[^\w.-]+/g, '_').slice(0, 60)}.${input.format}`;
    const out = input.out ? { outputId: null, path: path.resolve(input.out), name: path.basename(input.out) } : newOutput(ctx, name);
    const rows = input.format === 'csv' ? await writeTableCsv(table, out.path, ctx.signal) : await writeTableXlsx(table, out.path, ctx.signal);
    return { outputId: out.outputId, name: out.name, path: ctx.trusted ? out.path : undefined, rows };
  }, { long: true }),
};
