import { z } from 'zod';
import { TRACE_METHODS } from './kinds.js';
import { isoTimestampSchema } from '../dates.js';
import { uuid } from '../cases/schemas.js';

export const traceMethodSchema = z.enum(TRACE_METHODS, { message: `method must be one of ${TRACE_METHODS.join(', ')}` });

/** An offence or a victim, so several sources can be traced at once. */
export const labelSchema = z.string().trim().min(1, 'label is required').max(80, 'label is too long (80 characters at most)');

export const MarkRef = z.object({ transactionId: uuid, label: labelSchema.default('tainted') });

export const TaintMark = z.object({
  caseId: uuid,
  transactionIds: z.array(uuid).min(1, 'pick at least one transaction').max(10_000),
  label: labelSchema.default('tainted'),
});

export const TaintUnmark = z.object({
  caseId: uuid,
  transactionIds: z.array(uuid).min(1, 'pick at least one transaction').max(10_000),
  /** Without a label, every label of those transactions is removed. */
  label: labelSchema.optional(),
});

export const TaintResolve = z.object({
  caseId: uuid,
  /** Bank references or transaction ids. */
  refs: z.array(z.string().trim().min(1, 'empty reference')).min(1, 'give at least one reference').max(10_000),
});

export const TraceParams = z
  .object({
    /** Trace transactions up to this date or date-time only (e.g. the day of the seizure). */
    until: isoTimestampSchema.optional(),
    /** Trace only these labels of the case's marks. */
    labels: z.array(labelSchema).min(1, 'give at least one label, or leave labels out').optional(),
  })
  .strict();

export const TraceRun = z.object({
  caseId: uuid,
  method: traceMethodSchema,
  /** The marked transactions; without it, the case's saved taint marks. */
  marks: z.array(MarkRef).min(1, 'mark at least one transaction as tainted').max(100_000).optional(),
  params: TraceParams.default({}),
});

export const TraceSave = TraceRun.extend({ name: z.string().trim().max(200).default('') });

export const TraceRef = z.object({ id: uuid });
export const CaseTraces = z.object({ caseId: uuid });

export const ScheduleFormat = z.enum(['pdf', 'xlsx', 'csv'], { message: 'format must be one of pdf, xlsx, csv' });

/** A tracing schedule: the trace run anew on the data as it is, written as a file. */
export const TraceSchedule = TraceRun.extend({
  format: ScheduleFormat,
  paper: z.enum(['a4', 'letter'], { message: 'paper must be a4 or letter' }).default('a4'),
  /** Where to write it (command line and desktop only); otherwise the outbox, to download. */
  out: z.string().min(1).optional(),
});

/** The provenance of the taint an account paid out or received. */
export const TraceProvenance = TraceRun.extend({ accountId: uuid });

/** All methods side by side on the same marks. */
export const TraceCompare = TraceRun.omit({ method: true });
