import path from 'node:path';
import { mutation, query } from '../contract.js';
import { filePathsRefused } from '../errors.js';
import { newOutput } from '../files.js';
import { personLine } from '../custody/report-data.js';
import { caseDeadlines } from './deadlines.js';
import { saveLine, worksheetOf } from './worksheet.js';
import { writeWorksheet } from './worksheet-export.js';
import { DeadlinesInput, WorksheetExport, WorksheetRef, WorksheetSave } from './worksheet-schemas.js';

const today = (now: string) => now.slice(0, 10);

export const sharingWorksheetMethods = {
  /** The case's equitable-sharing worksheet: each agency's DAG-71 factors, its shares (recorded and projected apart), what is due. */
  'sharing.worksheet': query(WorksheetRef, (input, ctx) => worksheetOf(ctx, input.caseId, today(ctx.now()))),

  /** Saves one agency's factors; refused when someone saved the line since the editor opened it. */
  'sharing.worksheetSave': mutation(WorksheetSave, (input, ctx) => {
    saveLine(ctx, input);
    return worksheetOf(ctx, input.caseId, today(ctx.now())).lines.find((l) => l.agencyId === input.agencyId)!;
  }),

  /** The worksheet as CSV, XLSX or PDF, written to the outbox (or, for trusted callers, to `out`). */
  'sharing.worksheetExport': query(WorksheetExport, async (input, ctx) => {
    if (input.out && !ctx.trusted) throw filePathsRefused();
    const w = worksheetOf(ctx, input.caseId, today(ctx.now()));
    const name = `sharing-worksheet-${w.caseNumber.replace(/[^\w.-]+/g, '_').slice(0, 60)}.${input.format}`;
    const out = input.out ? { outputId: null, path: path.resolve(input.out), name: path.basename(input.out) } : newOutput(ctx, name);
    await writeWorksheet(w, input.format, out.path, { generatedAt: ctx.now(), generatedBy: personLine(ctx.actor), paper: input.paper });
    return { outputId: out.outputId, name: out.name, path: ctx.trusted ? out.path : undefined, agencies: w.lines.length, deadlines: w.deadlines.length };
  }),

  /** Across the dashboard's filter: which DAG-71 requests are overdue, due (with days left), submitted. */
  'sharing.deadlines': query(DeadlinesInput, (input, ctx) => caseDeadlines(ctx.sqlite, input.filters, input.asOf ?? today(ctx.now()))),
};
