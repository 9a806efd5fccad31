import { asc, eq } from 'drizzle-orm';
import { assets, assetStatusEvents } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { minorText, toMinor, type Minor, type MinorText } from '../money.js';
import { rowById } from '../row-by-id.js';

export type AssetRow = typeof assets.$inferSelect;

export const getAssetRow = (ctx: Pick<Ctx, 'db'>, id: string): AssetRow => rowById(ctx, assets, 'asset', id);

/** The asset as callers see it: details decoded, and the net it would bring if forfeited. */
export function decodeAsset(a: AssetRow) {
  return { ...a, details: JSON.parse(a.details) as Record<string, unknown>, netMinor: netMinor(a) };
}

/**
 * Net proceeds of one asset: what it fetched, or failing a sale what it was appraised at, or
 * failing that what it was worth as seized (cash, bank funds), less costs and liens/victim claims.
 */
export function netOf(a: Pick<AssetRow, 'valueRealisedMinor' | 'valueAppraisedMinor' | 'valueSeizedMinor' | 'costsMinor' | 'deductionsMinor'>): Minor {
  const gross = a.valueRealisedMinor ?? a.valueAppraisedMinor ?? a.valueSeizedMinor;
  return toMinor(gross) - toMinor(a.costsMinor) - toMinor(a.deductionsMinor);
}

/** netOf as the contract carries it: decimal text. */
export const netMinor = (a: Parameters<typeof netOf>[0]): MinorText => minorText(netOf(a));

/**
 * The SQL twin of netMinor (the alias `a` is the assets table): exact text, through the `mnet`
 * function of db/money-functions.ts (registered on every connection). Plain SQL subtraction
 * would read the text as floating point.
 */
export const NET_SQL = 'mnet(a.value_realised_minor, a.value_appraised_minor, a.value_seized_minor, a.costs_minor, a.deductions_minor)';

/** The gross value of one asset (realised, else appraised, else as seized), as stored text. */
export const GROSS_SQL = 'coalesce(a.value_realised_minor, a.value_appraised_minor, a.value_seized_minor)';

/**
 * The net in SQLite's own integer arithmetic: exact only where netFitsNative (money-sql.ts) says
 * every amount has at most 15 characters (then |net| < 3 x 10^15, also exact as a JS number).
 */
export const NATIVE_NET_SQL = `(${GROSS_SQL} + 0) - (a.costs_minor + 0) - (a.deductions_minor + 0)`;

export function statusEventsOf(ctx: Pick<Ctx, 'db'>, assetId: string) {
  return ctx.db
    .select()
    .from(assetStatusEvents)
    .where(eq(assetStatusEvents.assetId, assetId))
    .orderBy(asc(assetStatusEvents.occurredOn), asc(assetStatusEvents.createdAt), asc(assetStatusEvents.id))
    .all();
}

export interface AssetLinkView {
  id: string;
  kind: 'account' | 'transaction' | 'trace';
  targetId: string;
  /** What the user sees: account identifier, transaction date and reference, trace name. */
  label: string;
  /** For a trace: the method it used (fifo, libr...). */
  method: string | null;
  amountMinor: MinorText | null;
  currency: string | null;
  note: string;
}

const LINKS_SQL = `
  SELECT l.id, l.account_id AS accountId, l.transaction_id AS transactionId, l.trace_id AS traceId,
         l.amount_minor AS amountMinor, l.currency, l.note,
         coalesce(nullif(ac.holder_name, '') || ' ' || ac.identifier, ac.identifier) AS accountLabel,
         t.occurred_at || ' ' || t.reference AS transactionLabel,
         coalesce(nullif(tr.name, ''), 'trace ' || substr(tr.id, 1, 8)) AS traceLabel, tr.method AS traceMethod
  FROM asset_links l
  LEFT JOIN accounts ac ON ac.id = l.account_id
  LEFT JOIN transactions t ON t.id = l.transaction_id
  LEFT JOIN traces tr ON tr.id = l.trace_id
  WHERE l.asset_id = ? ORDER BY l.created_at, l.id`;

export function linksOf(ctx: Pick<Ctx, 'sqlite'>, assetId: string): AssetLinkView[] {
  const rows = ctx.sqlite.prepare(LINKS_SQL).all(assetId) as Record<string, string | number | null>[];
  return rows.map((r) => {
    const kind = r.accountId ? 'account' : r.transactionId ? 'transaction' : 'trace';
    return {
      id: r.id as string,
      kind,
      targetId: (r.accountId ?? r.transactionId ?? r.traceId) as string,
      label: ((kind === 'account' ? r.accountLabel : kind === 'transaction' ? r.transactionLabel : r.traceLabel) as string ?? '').trim(),
      method: (r.traceMethod as string | null) ?? null,
      // Stored as text; an older row written as INTEGER still comes out as its text.
      amountMinor: r.amountMinor === null ? null : String(r.amountMinor),
      currency: r.currency as string | null,
      note: r.note as string,
    };
  });
}
