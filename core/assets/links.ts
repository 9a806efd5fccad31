import { eq } from 'drizzle-orm';
import { accounts, traces, transactions } from '../../db/schema/index.js';
import { invalid } from '../errors.js';
import type { Ctx } from '../context.js';
import { minorText, toMinor, type MinorText } from '../money.js';

interface LinkInput {
  accountId?: string;
  transactionId?: string;
  traceId?: string;
}

/**
 * Checks the record an asset is linked to exists in the asset's own case (a link across cases
 * would leak one case's evidence into another's bundle), and proposes the amount it funded:
 * a payment's own amount, or the tainted part a saved trace found in the asset's purchase, when none is given.
 */
export function linkTarget(ctx: Ctx, asset: { id: string; caseId: string }, input: LinkInput): { amountMinor: MinorText | null; currency: string | null } {
  const caseId = asset.caseId;
  if (input.accountId) {
    const a = ctx.db.select({ caseId: accounts.caseId }).from(accounts).where(eq(accounts.id, input.accountId)).get();
    if (!a) throw invalid('accountId', 'no such account');
    if (a.caseId !== caseId) throw invalid('accountId', 'the account belongs to another case');
    return { amountMinor: null, currency: null };
  }
  if (input.transactionId) {
    const t = ctx.db
      .select({ caseId: transactions.caseId, amountMinor: transactions.amountMinor, currency: transactions.currency })
      .from(transactions)
      .where(eq(transactions.id, input.transactionId))
      .get();
    if (!t) throw invalid('transactionId', 'no such transaction');
    if (t.caseId !== caseId) throw invalid('transactionId', 'the transaction belongs to another case');
    return { amountMinor: t.amountMinor, currency: t.currency };
  }
  const tr = ctx.db.select({ caseId: traces.caseId, result: traces.result }).from(traces).where(eq(traces.id, input.traceId!)).get();
  if (!tr) throw invalid('traceId', 'no such saved trace');
  if (tr.caseId !== caseId) throw invalid('traceId', 'the trace belongs to another case');
  // A saved trace lists, per asset linked to its purchase payments, the tainted part of the price.
  // Traces saved before exact money wrote the tainted part as a JSON number, newer ones as text.
  const traced = (JSON.parse(tr.result) as { assets?: { assetId: string; currency: string; taintedMinor: number | string }[] }).assets ?? [];
  const mine = traced.find((a) => a.assetId === asset.id);
  return mine ? { amountMinor: minorText(toMinor(String(mine.taintedMinor))), currency: mine.currency } : { amountMinor: null, currency: null };
}
