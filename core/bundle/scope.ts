import { z } from 'zod';
import { isoDateSchema } from '../dates.js';

/**
 * What of a case goes into a bundle: everything, or a selection closed under its references.
 * Without any list, every record (transactions limited by the dates, if given). With lists, the
 * chosen subjects, accounts and assets, the accounts of the chosen subjects, the transactions of
 * those accounts, and what those bring along (counterparty accounts, holders, agencies).
 */
export const BundleScope = z
  .object({
    subjectIds: z.array(z.string().uuid()).optional(),
    accountIds: z.array(z.string().uuid()).optional(),
    assetIds: z.array(z.string().uuid()).optional(),
    /** Transactions on or after this date. */
    from: isoDateSchema.optional(),
    /** Transactions on or before this date. */
    to: isoDateSchema.optional(),
  })
  .refine((s) => !s.from || !s.to || s.from <= s.to, { message: 'the date range ends before it starts', path: ['to'] })
  .default({});
export type BundleScope = z.infer<typeof BundleScope>;

export const isWholeCase = (s: BundleScope) => !s.subjectIds && !s.accountIds && !s.assetIds && !s.from && !s.to;
