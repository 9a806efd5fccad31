import { sha256Hex } from '../hash/index.js';
import { mutation, query } from '../contract.js';
import type { Ctx } from '../context.js';
import { desc, eq } from 'drizzle-orm';
import { traces } from '../../db/schema/index.js';
import { rowById } from '../row-by-id.js';
import { newId } from '../ids.js';
import { getCase } from '../cases/methods.js';
import { auditHead } from '../audit/chain.js';
import { canonicalJson } from '../audit/canonical.js';
import type { TraceMethod } from './engine.js';
import { caseMarks, runTrace, type Mark, type TraceParams, type TraceRequest } from './run.js';
import type { TraceResult } from './result.js';
import { CaseTraces, TraceCompare, TraceRef, TraceRun, TraceSave, TraceSchedule } from './schemas.js';
import { compareMethods } from './compare.js';
import path from 'node:path';
import { filePathsRefused } from '../errors.js';
import { newOutput } from '../files.js';
import { checkpointLine, latestCheckpointSummary, personLine } from '../custody/report-data.js';
import { buildSchedule } from './schedule.js';
import { writeScheduleCsv } from './schedule-csv.js';
import { writeScheduleXlsx } from './schedule-xlsx.js';
import { writeSchedulePdf } from './schedule-pdf.js';
import { taintMethods } from './marks.js';
import { nodeProvenance } from './provenance.js';
import { TraceProvenance } from './schemas.js';

/** A saved trace as stored: drizzle's row type for the traces table. */
type TraceRow = typeof traces.$inferSelect;

const sha256 = sha256Hex;

function request(ctx: Ctx, input: { caseId: string; method: TraceMethod; marks?: Mark[]; params: TraceParams }): TraceRequest {
  getCase(ctx, input.caseId);
  return { caseId: input.caseId, method: input.method, marks: input.marks ?? caseMarks(ctx.sqlite, input.caseId), params: input.params };
}

function run(ctx: Ctx, req: TraceRequest): TraceResult {
  return runTrace(ctx.sqlite, req, { progress: ctx.progress, signal: ctx.signal });
}

const getTrace = (ctx: Ctx, id: string): TraceRow => rowById(ctx, traces, 'trace', id);

/** Changes to the case recorded in the audit log after the data version a trace ran on (saved traces aside). */
function changesSince(ctx: Ctx, caseId: string, dataVersion: string): number {
  const at = ctx.sqlite.prepare('SELECT seq FROM audit_log WHERE hash = ?').get(dataVersion) as { seq: number } | undefined;
  const r = ctx.sqlite
    .prepare("SELECT count(*) AS n FROM audit_log WHERE seq > ? AND case_id = ? AND entity <> 'trace'")
    .get(at?.seq ?? 0, caseId) as { n: number };
  return r.n;
}

const summary = (row: TraceRow) => ({
  id: row.id,
  caseId: row.caseId,
  name: row.name,
  method: row.method,
  params: JSON.parse(row.params) as TraceParams,
  markedCount: (JSON.parse(row.marked) as Mark[]).length,
  dataVersion: row.dataVersion,
  actor: row.actor,
  createdAt: row.createdAt,
});

export const traceMethods = {
  ...taintMethods,

  /** Runs a trace without saving it: what the Trace panel shows before the user saves. */
  'trace.run': query(TraceRun, (input, ctx) => {
    const req = request(ctx, input);
    return { ...run(ctx, req), dataVersion: auditHead(ctx.sqlite).hash };
  }, { long: true }),

  /** Runs and saves a trace: method, parameters, marks, the data version it ran on, and its result. */
  'trace.save': mutation(TraceSave, (input, ctx) => {
    const req = request(ctx, input);
    const dataVersion = auditHead(ctx.sqlite).hash;
    const result = run(ctx, req);
    const marks = req.params.labels ? req.marks.filter((m) => req.params.labels!.includes(m.label)) : req.marks;
    const resultJson = canonicalJson(result);
    const row = {
      id: newId(), caseId: input.caseId, name: input.name, method: input.method, params: canonicalJson(input.params),
      marked: canonicalJson(marks), dataVersion, result: resultJson, actor: ctx.actor.user,
    };
    ctx.sqlite
      .prepare(
        `INSERT INTO traces (id, case_id, name, method, params, marked, data_version, result, actor)
         VALUES (@id, @caseId, @name, @method, @params, @marked, @dataVersion, @result, @actor)`,
      )
      .run(row);
    const { result: _r, ...audited } = row;
    // The result itself can be large; the audit row binds it by its hash.
    ctx.audit({ entity: 'trace', entityId: row.id, caseId: input.caseId, after: { ...audited, resultSha256: sha256(resultJson) } });
    return { ...summary(getTrace(ctx, row.id)), resultSha256: sha256(resultJson), result };
  }, { long: true }),

  /**
   * The tracing schedule (PDF, XLSX or CSV): every transaction of every account of the case, the
   * running balances and the taint per label, provenance of each tainted debit, and a summary.
   * Read-only: written to the outbox (or, for trusted callers, to `out`).
   */
  'trace.schedule': query(TraceSchedule, async (input, ctx) => {
    const req = request(ctx, input);
    const c = getCase(ctx, input.caseId);
    if (input.out && !ctx.trusted) throw filePathsRefused();
    const schedule = buildSchedule(ctx.sqlite, req, {
      caseNumber: c.number, caseTitle: c.title, dataVersion: auditHead(ctx.sqlite).hash, checkpoint: checkpointLine(latestCheckpointSummary(ctx)),
      generatedAt: ctx.now(), generatedBy: personLine(ctx.actor),
    }, { progress: ctx.progress, signal: ctx.signal });
    const name = `schedule-${c.number.replace(/[^\w.-]+/g, '_').slice(0, 60)}-${input.method}.${input.format}`;
    const out = input.out ? { outputId: null, path: path.resolve(input.out), name: path.basename(input.out) } : newOutput(ctx, name);
    if (input.format === 'csv') await writeScheduleCsv(schedule, out.path);
    else if (input.format === 'xlsx') await writeScheduleXlsx(schedule, out.path);
    else await writeSchedulePdf(schedule, out.path, input.paper);
    return {
      outputId: out.outputId, name: out.name, path: ctx.trusted ? out.path : undefined,
      accounts: schedule.accounts.length, rows: schedule.accounts.reduce((n, a) => n + a.rows.length, 0), sources: schedule.sources.length,
      totals: schedule.result.totals,
    };
  }, { long: true }),

  /** One run of every method on the same marks: per account and asset, the tainted amount under each and the range. */
  'trace.compare': query(TraceCompare, (input, ctx) => {
    const req = request(ctx, { ...input, method: 'fifo' });
    const { method: _m, ...rest } = req;
    return { ...compareMethods(ctx.sqlite, rest, { progress: ctx.progress, signal: ctx.signal }), dataVersion: auditHead(ctx.sqlite).hash };
  }, { long: true }),

  /** Where an account's tainted outflows and inflows came from: per source deposit, through which accounts (the schedule's provenance). */
  'trace.provenance': query(TraceProvenance, (input, ctx) => {
    const req = request(ctx, input);
    return nodeProvenance(ctx.sqlite, req, input.accountId, { progress: ctx.progress, signal: ctx.signal });
  }, { long: true }),

  'trace.list': query(CaseTraces, (input, ctx) => {
    getCase(ctx, input.caseId);
    const rows = ctx.db.select().from(traces).where(eq(traces.caseId, input.caseId)).orderBy(desc(traces.createdAt), desc(traces.id)).all();
    return rows.map((r) => ({ ...summary(r), totals: (JSON.parse(r.result) as TraceResult).totals }));
  }),

  'trace.get': query(TraceRef, (input, ctx) => {
    const row = getTrace(ctx, input.id);
    return {
      ...summary(row),
      marked: JSON.parse(row.marked) as Mark[],
      resultSha256: sha256(row.result),
      changesSince: changesSince(ctx, row.caseId, row.dataVersion),
      result: JSON.parse(row.result) as TraceResult,
    };
  }),

  /** Runs a saved trace again on the data as it is now; same data, same result. */
  'trace.rerun': query(TraceRef, (input, ctx) => {
    const row = getTrace(ctx, input.id);
    const req: TraceRequest = { caseId: row.caseId, method: row.method, marks: JSON.parse(row.marked) as TraceRequest['marks'], params: JSON.parse(row.params) as TraceRequest['params'] };
    const result = run(ctx, req);
    const resultSha256 = sha256(canonicalJson(result));
    return {
      id: row.id,
      identical: resultSha256 === sha256(row.result),
      changesSince: changesSince(ctx, row.caseId, row.dataVersion),
      savedSha256: sha256(row.result),
      resultSha256,
      result,
    };
  }, { long: true }),
};
