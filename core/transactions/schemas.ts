import { z } from 'zod';
import { TRANSACTION_METHODS } from './kinds.js';
import { isoTimestampSchema } from '../dates.js';
import { currencySchema, parseAmount } from '../money.js';
import { bookedTimeSchema } from '../time.js';
import { uuid } from '../cases/schemas.js';

/**
 * A manual transaction. The amount is typed as text ("1234.56") and parsed exactly into minor
 * units of the currency, so "12,3x" or three decimals in USD are refused with the field named.
 * An exchange (USD wire that bought bitcoin, a change into COP) also gives what the receiving side
 * got: `toAmount` in `toCurrency`. The time is kept as booked (core/time.ts).
 */
export const TransactionCreate = z
  .object({
    caseId: uuid,
    fromAccountId: uuid.optional(),
    toAccountId: uuid.optional(),
    amount: z.string().trim().min(1, 'amount is required'),
    currency: currencySchema,
    toAmount: z.string().trim().min(1, 'amount received is required for an exchange').optional(),
    toCurrency: currencySchema.optional(),
    occurredAt: bookedTimeSchema,
    method: z.enum(TRANSACTION_METHODS).default('other'),
    reference: z.string().trim().max(200).default(''),
    memo: z.string().trim().max(2000).default(''),
  })
  .transform((t, ctx) => {
    const parsed = parseAmount(t.amount, t.currency);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: parsed.error });
      return z.NEVER;
    }
    if (parsed.minor <= 0n) {
      ctx.addIssue({ code: 'custom', path: ['amount'], message: 'amount must be greater than zero (direction is from -> to)' });
      return z.NEVER;
    }
    if (!t.fromAccountId && !t.toAccountId) {
      ctx.addIssue({ code: 'custom', path: ['toAccountId'], message: 'a transaction needs a from or a to account' });
      return z.NEVER;
    }
    if (t.fromAccountId && t.fromAccountId === t.toAccountId) {
      ctx.addIssue({ code: 'custom', path: ['toAccountId'], message: 'from and to are the same account' });
      return z.NEVER;
    }
    if ((t.toAmount === undefined) !== (t.toCurrency === undefined)) {
      ctx.addIssue({ code: 'custom', path: [t.toAmount === undefined ? 'toAmount' : 'toCurrency'], message: 'an exchange needs both the amount and the currency received' });
      return z.NEVER;
    }
    let toAmountMinor: string | null = null;
    if (t.toAmount !== undefined && t.toCurrency !== undefined) {
      if (t.toCurrency === t.currency) {
        ctx.addIssue({ code: 'custom', path: ['toCurrency'], message: 'an exchange is between two currencies; leave it out for a transfer in one' });
        return z.NEVER;
      }
      const received = parseAmount(t.toAmount, t.toCurrency);
      if (!received.ok || received.minor <= 0n) {
        ctx.addIssue({ code: 'custom', path: ['toAmount'], message: received.ok ? 'amount received must be greater than zero' : received.error });
        return z.NEVER;
      }
      toAmountMinor = received.minor.toString();
    }
    const { amount: _a, toAmount: _t, ...rest } = t;
    return { ...rest, toCurrency: t.toCurrency ?? null, amountMinor: parsed.minor.toString(), toAmountMinor };
  });

export const TransactionList = z.object({
  caseId: uuid,
  accountId: uuid.optional(),
  /** Booking dates (YYYY-MM-DD, matched as booked) or date-times (compared by ordering key). */
  from: isoTimestampSchema.optional(),
  to: isoTimestampSchema.optional(),
  search: z.string().trim().max(200).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5000).default(500),
});
