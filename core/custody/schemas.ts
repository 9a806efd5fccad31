import { z } from 'zod';
import { CUSTODY_KINDS } from './kinds.js';
import { isoTimestampSchema } from '../dates.js';
import { uuid } from '../cases/schemas.js';
import { REPORT_LANGS } from './report-strings.js';

export type CustodyKind = (typeof CUSTODY_KINDS)[number];

const text = (max = 300) => z.string().trim().max(max).default('');

/** Which fields each kind of event must name, and why the record is useless without them. */
const NEEDS: Record<CustodyKind, { field: 'fromCustodian' | 'toCustodian' | 'location' | 'reason'; message: string }[]> = {
  received: [{ field: 'toCustodian', message: 'who received it' }],
  transferred: [
    { field: 'fromCustodian', message: 'who handed it over' },
    { field: 'toCustodian', message: 'who it was handed to' },
  ],
  stored: [{ field: 'location', message: 'where it is stored' }],
  checked_out: [
    { field: 'toCustodian', message: 'who took it out' },
    { field: 'reason', message: 'why it was taken out (examination, court...)' },
  ],
  checked_in: [{ field: 'toCustodian', message: 'who took it back' }],
  appraised: [{ field: 'reason', message: 'who appraised it and the outcome' }],
  disposed: [{ field: 'reason', message: 'how it left custody (sold, destroyed, returned to owner...)' }],
  correction: [{ field: 'reason', message: 'why the corrected event was wrong' }],
};

export const CustodyAdd = z
  .object({
    assetId: uuid,
    kind: z.enum(CUSTODY_KINDS),
    occurredAt: isoTimestampSchema,
    fromCustodian: text(),
    toCustodian: text(),
    location: text(),
    locker: text(100),
    reason: text(2000),
    witness: text(),
    /** Set for a correction: the event this one voids (kind correction) or replaces (any other kind). */
    correctsEventId: uuid.optional(),
  })
  .superRefine((e, ctx) => {
    for (const need of NEEDS[e.kind])
      if (!e[need.field]) ctx.addIssue({ code: 'custom', path: [need.field], message: `a ${e.kind.replace('_', ' ')} event must say ${need.message}` });
    if (e.kind === 'correction' && !e.correctsEventId)
      ctx.addIssue({ code: 'custom', path: ['correctsEventId'], message: 'a correction names the event it corrects' });
    if (e.correctsEventId && e.kind !== 'correction' && !e.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'a replacing event must say why the one it replaces was wrong' });
    if (e.kind === 'transferred' && e.fromCustodian && e.fromCustodian === e.toCustodian)
      ctx.addIssue({ code: 'custom', path: ['toCustodian'], message: 'a transfer goes to someone else' });
  });

export type CustodyAddInput = z.input<typeof CustodyAdd>;

export const CustodyRef = z.object({ assetId: uuid });

/** `lang`: the language the report is printed in (the interface's, by default English). */
export const CustodyReport = z.object({ assetId: uuid, format: z.enum(['html', 'pdf']).default('pdf'), lang: z.enum(REPORT_LANGS).default('en') });
