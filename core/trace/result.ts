import type { Sqlite } from '../../db/connection.js';
import { sum } from './apportion.js';
import { checkConservation } from './conservation.js';
import type { TraceMethod } from './engine.js';
import { MAX_FLAGS, type CaseTrace } from './ledger.js';

/** One account ledger after the trace. Amounts in minor units of `currency`. */
export interface TracedAccount {
  accountId: string;
  identifier: string;
  holderName: string;
  external: boolean;
  currency: string;
  /** Funds held per the trace (external accounts: received less sent, as far as the data shows). */
  balanceMinor: number;
  taintedMinor: number;
  /** Per label, in the order of `labels`. */
  taintedByLabel: number[];
  taintedInMinor: number;
  taintedOutMinor: number;
  /** Clean money of unknown origin the overdraft rule assumed. */
  unknownOriginMinor: number;
}

export interface TracedTransaction {
  transactionId: string;
  reference: string;
  occurredAt: string;
  fromAccountId: string | null;
  toAccountId: string | null;
  currency: string;
  amountMinor: number;
  /** The tainted part the transaction carried. */
  taintedMinor: number;
  taintedByLabel: number[];
  marked: boolean;
}

/** Tainted money per ordered pair of accounts: the trail, for the graph and the Sankey. */
export interface TracedEdge {
  fromAccountId: string | null;
  toAccountId: string | null;
  currency: string;
  taintedMinor: number;
  count: number;
}

export interface TracedAsset {
  assetId: string;
  description: string;
  currency: string;
  /** What the linked purchase transactions cost, and their tainted part. */
  purchaseMinor: number;
  taintedMinor: number;
  transactionIds: string[];
}

export interface TraceFlag {
  kind: 'overdraft';
  accountId: string;
  transactionId: string;
  reference: string;
  currency: string;
  shortfallMinor: number;
  message: string;
}

export interface CurrencyTotals {
  currency: string;
  injectedMinor: number;
  heldMinor: number;
  externalMinor: number;
  leftDataMinor: number;
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
  const report = checkConservation(out, (s) => ct.slotCurrency[s]);
  if (!report.ok) throw new Error(`trace does not conserve the tainted money: ${report.problems.slice(0, 3).join('; ')}`);
  const accounts: TracedAccount[] = [];
  for (let s = 0; s < out.slots; s++) {
    if (!out.touched[s]) continue;
    const a = ct.accounts.get(ct.slotAccount[s]);
    const byLabel: number[] = new Array(L);
    let [held, tin, tout] = [0, 0, 0];
    for (let l = 0; l < L; l++) {
      byLabel[l] = out.held[s * L + l];
      held += byLabel[l];
      tin += out.taintIn[s * L + l];
      tout += out.taintOut[s * L + l];
    }
    accounts.push({
      accountId: ct.slotAccount[s],
      identifier: a?.identifier ?? ct.slotAccount[s],
      holderName: a?.holderName ?? '',
      external: out.sink[s] === 1,
      currency: ct.slotCurrency[s],
      balanceMinor: out.balance[s],
      taintedMinor: held,
      taintedByLabel: byLabel,
      taintedInMinor: tin,
      taintedOutMinor: tout,
      unknownOriginMinor: out.unknownOrigin[s],
    });
  }

  const transactions = ct.rows;
  // Keyed by slot numbers: a slot is one account in one currency, so the pair is the edge.
  const edges = new Map<number, TracedEdge>();
  const width = out.slots + 1;
  out.tainted.from.forEach((from, i) => {
    const to = out.tainted.to[i];
    const t = transactions[i];
    const key = (from + 1) * width + (to + 1);
    const edge = edges.get(key);
    if (edge) (edge.taintedMinor += t.taintedMinor), edge.count++;
    else edges.set(key, { fromAccountId: t.fromAccountId, toAccountId: t.toAccountId, currency: t.currency, taintedMinor: t.taintedMinor, count: 1 });
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
      shortfallMinor: shortfall,
      message: `outflow ${tx.reference || tx.id} exceeds the known balance by ${shortfall} minor units; treated as clean money of unknown origin`,
    };
  });

  const totals: CurrencyTotals[] = [...report.groups]
    // Currencies the taint never touched would only add rows of zeros.
    .filter(([, g]) => sum(g.injected) + sum(g.held) + sum(g.external) + sum(g.leftData) !== 0)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, g]) => ({
      currency,
      injectedMinor: sum(g.injected),
      heldMinor: sum(g.held),
      externalMinor: sum(g.external),
      leftDataMinor: sum(g.leftData),
      conserved: report.ok,
    }));

  return {
    method,
    labels,
    transactionsTraced: ct.length,
    accounts,
    transactions,
    edges: [...edges.values()],
    assets: tracedAssets(sqlite, caseId, transactions),
    flags,
    flagCount: od.event.length,
    totals,
  };
}

/** Per asset linked to transactions: the tainted part of its purchase. Reads asset_links, never writes it. */
function tracedAssets(sqlite: Sqlite, caseId: string, txs: TracedTransaction[]): TracedAsset[] {
  const rows = sqlite
    .prepare(
      `SELECT l.asset_id AS assetId, a.description, t.id AS transactionId, t.amount_minor AS amountMinor, t.currency
       FROM asset_links l JOIN assets a ON a.id = l.asset_id JOIN transactions t ON t.id = l.transaction_id
       WHERE a.case_id = ? ORDER BY a.created_at, l.asset_id, t.occurred_at, t.seq`,
    )
    .all(caseId) as { assetId: string; description: string; transactionId: string; amountMinor: number; currency: string }[];
  if (rows.length === 0) return [];
  const tainted = new Map(txs.map((t) => [t.transactionId, t.taintedMinor]));
  const byAsset = new Map<string, TracedAsset>();
  for (const r of rows) {
    const key = `${r.assetId}|${r.currency}`;
    let a = byAsset.get(key);
    if (!a) byAsset.set(key, (a = { assetId: r.assetId, description: r.description, currency: r.currency, purchaseMinor: 0, taintedMinor: 0, transactionIds: [] }));
    if (a.transactionIds.includes(r.transactionId)) continue;
    a.transactionIds.push(r.transactionId);
    a.purchaseMinor += r.amountMinor;
    a.taintedMinor += tainted.get(r.transactionId) ?? 0;
  }
  return [...byAsset.values()];
}
