import { z } from 'zod';
import { isoTimestampSchema } from '../dates.js';
import { minorSchema } from '../money.js';
import { currencySchema } from '../money.js';
import { uuid } from '../cases/schemas.js';

/** The filters every money-trail view shares: date range, minimum amount, currency. */
export const FlowFilter = z
  .object({
    caseId: uuid,
    from: isoTimestampSchema.optional(),
    to: isoTimestampSchema.optional(),
    /** Transactions below this amount (minor units of their own currency) are left out. */
    minAmountMinor: minorSchema.refine((v) => !v.startsWith('-'), 'cannot be negative').default('0'),
    currency: currencySchema.optional(),
  })
  .refine((f) => !f.from || !f.to || f.from.slice(0, 10) <= f.to.slice(0, 10), { message: 'the start date is after the end date', path: ['to'] });

export const EdgeTransactions = z.object({
  filter: FlowFilter,
  /** The edge: its sender and receiver accounts (null: outside the data). */
  fromAccountId: uuid.nullable(),
  toAccountId: uuid.nullable(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5000).default(500),
});

export const KeyPlayers = z.object({
  filter: FlowFilter,
  /** account: each account on its own; entity: accounts folded into the subject who holds them. */
  level: z.enum(['account', 'entity']).default('entity'),
  limit: z.number().int().min(1).max(1000).default(25),
});

export const Timeline = z.object({ filter: FlowFilter });
