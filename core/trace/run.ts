import type { Sqlite } from '../../db/connection.js';
import type { Progress } from '../contract.js';
import { invalid, fail } from '../errors.js';
import type { TraceMethod } from './engine.js';
import { traceLedger, untilBounds, type SameDayOrder, type StepObserver } from './ledger.js';
import { buildResult, type TraceResult } from './result.js';

export interface Mark {
  transactionId: string;
  label: string;
}

export interface TraceParams {
  until?: string;
  labels?: string[];
}

export interface TraceRequest {
  caseId: string;
  method: TraceMethod;
  marks: Mark[];
  params: TraceParams;
}

export interface RunHooks {
  progress?: (p: Progress) => void;
  signal?: AbortSignal;
  /** Watch every step (schedules): given the trace's labels and the marks it kept. */
  observe?: (labels: string[], marks: Mark[]) => StepObserver;
  /** The order of rows whose order within the day is unknown (default: as recorded). */
  sameDay?: SameDayOrder;
}

/** The case's saved taint marks, in a stable order (by transaction time, then label). */
export function caseMarks(sqlite: Sqlite, caseId: string): Mark[] {
  return sqlite
    .prepare(
      `SELECT m.transaction_id AS transactionId, m.label FROM taint_marks m JOIN transactions t ON t.id = m.transaction_id
       WHERE m.case_id = ? ORDER BY t.time_key, t.seq, m.label`,
    )
    .all(caseId) as Mark[];
}

/**
 * Checks the marks name transactions of the case, within the trace's dates, and keeps those of the
 * labels asked for. Errors name the mark (`marks.3.transactionId`).
 */
export function checkMarks(sqlite: Sqlite, req: TraceRequest): Mark[] {
  const wanted = req.params.labels ? new Set(req.params.labels) : undefined;
  const marks = wanted ? req.marks.filter((m) => wanted.has(m.label)) : req.marks;
  if (marks.length === 0)
    throw wanted
      ? invalid('params.labels', `no transaction is marked with ${[...wanted].map((l) => `"${l}"`).join(', ')}`)
      : invalid('marks', 'mark at least one transaction as tainted');
  const found = new Map(
    (
      sqlite
        .prepare(
          `SELECT t.id, t.occurred_at AS occurredAt, t.time_key AS timeKey, t.reference FROM json_each(?) j
           CROSS JOIN transactions t ON t.id = j.value WHERE t.case_id = ?`,
        )
        .all(JSON.stringify(marks.map((m) => m.transactionId)), req.caseId) as { id: string; occurredAt: string; timeKey: string; reference: string }[]
    ).map((r) => [r.id, r]),
  );
  for (const m of marks) {
    const tx = found.get(m.transactionId);
    if (!tx) throw invalid(`marks.${req.marks.indexOf(m)}.transactionId`, 'not a transaction of this case');
    if (req.params.until && afterUntil(tx, req.params.until))
      throw invalid('params.until', `marked transaction ${tx.reference || tx.id} (${tx.occurredAt}) is after ${req.params.until}`);
  }
  return marks;
}

/** Past the trace's `until`: by booking date for a date, by ordering key for a date-time (as the ledger reads). */
function afterUntil(tx: { occurredAt: string; timeKey: string }, until: string): boolean {
  const [key, date] = untilBounds(until);
  return tx.timeKey > key || tx.occurredAt.slice(0, 10) > date;
}

/** Runs a trace over the case's data as it is in `sqlite`: read and trace in one pass, then name the results. */
export function runTrace(sqlite: Sqlite, req: TraceRequest, hooks: RunHooks = {}): TraceResult {
  const marks = checkMarks(sqlite, req);
  const labels = [...new Set(marks.map((m) => m.label))].sort();
  const byTx = new Map<string, number[]>();
  for (const m of marks) {
    const l = labels.indexOf(m.label);
    const list = byTx.get(m.transactionId);
    if (!list) byTx.set(m.transactionId, [l]);
    else if (!list.includes(l)) list.push(l);
  }
  hooks.progress?.({ phase: 'tracing', done: 0 });
  const ct = traceLedger(sqlite, req.caseId, req.method, labels.length, byTx, {
    until: req.params.until,
    observer: hooks.observe?.(labels, marks),
    sameDay: hooks.sameDay,
    onProgress: (done, total) => {
      if (hooks.signal?.aborted) throw fail('Cancelled', 'cancelled.trace');
      hooks.progress?.({ phase: 'tracing', done, total });
    },
  });
  return buildResult(sqlite, req.caseId, req.method, labels, ct);
}
