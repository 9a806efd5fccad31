import type { Sqlite } from '../../db/connection.js';
import type { MinorText } from '../money.js';
import { add, sum as sumAmt, type Amt } from './amount.js';
import { sum } from './apportion.js';
import { checkConservation } from './conservation.js';
import type { TraceMethod } from './engine.js';
import { MAX_FLAGS, type CaseTrace } from './ledger.js';

/**
 * One account ledger after the trace. Amounts are decimal text of minor units of `currency`
 * (exact at any size: docs/money-and-time.md).
 */
export interface TracedAccount {
  accountId: string;
  identifier: string;
  holderName: string;
  external: boolean;
  currency: string;
  /** Funds held per the trace (external accounts: received less sent, as far as the data shows). */
  balanceMinor: MinorText;
  taintedMinor: MinorText;
  /** Per label, in the order of `labels`. */
  taintedByLabel: MinorText[];
  taintedInMinor: MinorText;
  taintedOutMinor: MinorText;
  /** Clean money of unknown origin the overdraft rule assumed. */
  unknownOriginMinor: MinorText;
}

export interface TracedTransaction {
  transactionId: string;
  reference: string;
  occurredAt: string;
  fromAccountId: string | null;
  toAccountId: string | null;
  currency: string;
  amountMinor: MinorText;
  /** An exchange: what the receiving side got, in its currency (null for an ordinary transfer). */
  toCurrency: string | null;
  toAmountMinor: MinorText | null;
  /** The tainted part the transaction delivered, in the receiving currency (`toCurrency ?? currency`). */
  taintedMinor: MinorText;
  taintedByLabel: MinorText[];
  marked: boolean;
}

/** Tainted money per ordered pair of accounts: the trail, for the graph and the Sankey. */
export interface TracedEdge {
  fromAccountId: string | null;
  toAccountId: string | null;
  /** The currency the taint arrived in. */
  currency: string;
  taintedMinor: MinorText;
  count: number;
}

export interface TracedAsset {
  assetId: string;
  description: string;
  currency: string;
  /** What the linked purchase transactions cost, and their tainted part. */
  purchaseMinor: MinorText;
  taintedMinor: MinorText;
  transactionIds: string[];
}

export interface TraceFlag {
  kind: 'overdraft';
  accountId: string;
  transactionId: string;
  reference: string;
  currency: string;
  shortfallMinor: MinorText;
  message: string;
}

export interface CurrencyTotals {
  currency: string;
  injectedMinor: MinorText;
  heldMinor: MinorText;
  externalMinor: MinorText;
  leftDataMinor: MinorText;
  /** Taint that left this currency through exchanges, and that arrived in it through them. */
  exchangedOutMinor: MinorText;
  exchangedInMinor: MinorText;
  conserved: boolean;
}

export interface TraceResult {
  method: TraceMethod;
  labels: string[];
  transactionsTraced: number;
  accounts: TracedAccount[];
  transactions: TracedTransaction[];
  edges: TracedEdge[];
  assets: TracedAsset[];
  /** The first MAX_FLAGS overdrafts, in time order; `flagCount` is how many there were in all. */
  flags: TraceFlag[];
  flagCount: number;
  totals: CurrencyTotals[];
}


/** Names the engine's numbers: accounts, transactions, assets, flags and totals per currency. */
export function buildResult(sqlite: Sqlite, caseId: string, method: TraceMethod, labels: string[], ct: CaseTrace): TraceResult {
  const L = labels.length;
  const { out } = ct;
  const report = checkConservation(out, (g) => ct.groupCurrency[g]);
  if (!report.ok) throw new Error(`trace does not conserve the tainted money: ${report.problems.slice(0, 3).join('; ')}`);
  const accounts: TracedAccount[] = [];
  for (let s = 0; s < out.slots; s++) {
    if (!out.touched[s]) continue;
    const a = ct.accounts.get(ct.slotAccount[s]);
    const byLabel = new Array<Amt>(L);
    let [held, tin, tout]: Amt[] = [0, 0, 0];
    for (let l = 0; l < L; l++) {
      byLabel[l] = out.held[s * L + l];
      held = add(held, byLabel[l]);
      tin = add(tin, out.taintIn[s * L + l]);
      tout = add(tout, out.taintOut[s * L + l]);
    }
    accounts.push({
      accountId: ct.slotAccount[s],
      identifier: a?.identifier ?? ct.slotAccount[s],
      holderName: a?.holderName ?? '',
      external: out.sink[s] === 1,
      currency: ct.slotCurrency[s],
      balanceMinor: out.balance[s].toString(),
      taintedMinor: held.toString(),
      taintedByLabel: byLabel.map(String),
      taintedInMinor: tin.toString(),
      taintedOutMinor: tout.toString(),
      unknownOriginMinor: out.unknownOrigin[s].toString(),
    });
  }

  const transactions = ct.rows;
  // Keyed by slot numbers: a slot is one account in one currency, so the pair is the edge.
  const edges = new Map<number, { edge: TracedEdge; tainted: Amt }>();
  const width = out.slots + 1;
  out.tainted.from.forEach((from, i) => {
    const to = out.tainted.to[i];
    const t = transactions[i];
    const key = (from + 1) * width + (to + 1);
    const tainted = sumAmt(out.tainted.taint[i]);
    const e = edges.get(key);
    if (e) {
      e.tainted = add(e.tainted, tainted);
      e.edge.count++;
    }
    else
      edges.set(key, {
        tainted,
        edge: { fromAccountId: t.fromAccountId, toAccountId: t.toAccountId, currency: t.toCurrency ?? t.currency, taintedMinor: '', count: 1 },
      });
  });

  const od = out.overdrafts;
  const flags: TraceFlag[] = od.event.slice(0, MAX_FLAGS).map((event, i) => {
    const tx = ct.eventTx.get(event)!;
    const [slot, shortfall] = [od.slot[i], od.shortfall[i]];
    return {
      kind: 'overdraft',
      accountId: ct.slotAccount[slot],
      transactionId: tx.id,
      reference: tx.reference,
      currency: ct.slotCurrency[slot],
      shortfallMinor: shortfall.toString(),
      message: `outflow ${tx.reference || tx.id} exceeds the known balance by ${shortfall} minor units; treated as clean money of unknown origin`,
    };
  });

  const totals: CurrencyTotals[] = [...report.groups]
    .map(([g, t]) => ({ currency: ct.groupCurrency[g], t }))
    // Currencies the taint never touched would only add rows of zeros.
    .filter(({ t }) => [t.injected, t.held, t.external, t.leftData, t.exchangedIn, t.exchangedOut].some((v) => v.some((x) => x !== 0n)))
    .sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0))
    .map(({ currency, t }) => ({
      currency,
      injectedMinor: sum(t.injected).toString(),
      heldMinor: sum(t.held).toString(),
      externalMinor: sum(t.external).toString(),
      leftDataMinor: sum(t.leftData).toString(),
      exchangedOutMinor: sum(t.exchangedOut).toString(),
      exchangedInMinor: sum(t.exchangedIn).toString(),
      conserved: report.ok,
    }));

  return {
    method,
    labels,
    transactionsTraced: ct.length,
    accounts,
    transactions,
    edges: [...edges.values()].map(({ edge, tainted }) => ({ ...edge, taintedMinor: String(tainted) })),
    assets: tracedAssets(sqlite, caseId, transactions),
    flags,
    flagCount: od.event.length,
    totals,
  };
}

/**
 * Per asset linked to transactions: the tainted part of its purchase, in the currency the purchase
 * arrived in (an asset bought in EUR or BTC with USD shows its traced share in EUR or BTC).
 * Reads asset_links, never writes it.
 */
function tracedAssets(sqlite: Sqlite, caseId: string, txs: TracedTransaction[]): TracedAsset[] {
  const rows = sqlite
    .prepare(
      `SELECT l.asset_id AS assetId, a.description, t.id AS transactionId, coalesce(t.to_amount_minor, t.amount_minor) AS amountMinor,
              coalesce(t.to_currency, t.currency) AS currency
       FROM asset_links l JOIN assets a ON a.id = l.asset_id JOIN transactions t ON t.id = l.transaction_id
       WHERE a.case_id = ? ORDER BY a.created_at, l.asset_id, t.time_key, t.seq`,
    )
    .all(caseId) as { assetId: string; description: string; transactionId: string; amountMinor: string; currency: string }[];
  if (rows.length === 0) return [];
  const tainted = new Map(txs.map((t) => [t.transactionId, BigInt(t.taintedMinor)]));
  const byAsset = new Map<string, { asset: TracedAsset; purchase: bigint; tainted: bigint }>();
  for (const r of rows) {
    const key = `${r.assetId}|${r.currency}`;
    let a = byAsset.get(key);
    if (!a)
      byAsset.set(key, (a = { purchase: 0n, tainted: 0n, asset: { assetId: r.assetId, description: r.description, currency: r.currency, purchaseMinor: '', taintedMinor: '', transactionIds: [] } }));
    if (a.asset.transactionIds.includes(r.transactionId)) continue;
    a.asset.transactionIds.push(r.transactionId);
    a.purchase += BigInt(r.amountMinor);
    a.tainted += tainted.get(r.transactionId) ?? 0n;
  }
  return [...byAsset.values()].map(({ asset, purchase, tainted }) => ({ ...asset, purchaseMinor: purchase.toString(), taintedMinor: tainted.toString() }));
}
