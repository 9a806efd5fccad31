import { z } from 'zod';
import { TRANSACTION_METHODS } from '../../db/schema/transactions.js';
import { isoTimestampSchema } from '../dates.js';
import { currencySchema, parseAmount } from '../money.js';
import { uuid } from '../cases/schemas.js';

/**
 * A manual transaction. The amount is typed as text ("1234.56") and parsed exactly into minor
 * units of the currency, so "12,3x" or three decimals in USD are refused with the field named.
 */
export const TransactionCreate = z
  .object({
    caseId: uuid,
    fromAccountId: uuid.optional(),
    toAccountId: uuid.optional(),
    amount: z.string().trim().min(1, 'amount is required'),
    currency: currencySchema,
    occurredAt: isoTimestampSchema,
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
    if (parsed.minor <= 0) {
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
    return { ...t, amountMinor: parsed.minor };
  });

export const TransactionList = z.object({
  caseId: uuid,
  accountId: uuid.optional(),
  from: isoTimestampSchema.optional(),
  to: isoTimestampSchema.optional(),
  search: z.string().trim().max(200).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(5000).default(500),
});
