import { outsideOf } from '../../../../core/graph/flows';
import type { TraceResult } from '../../../../core/trace/result';

/** The filters the graph, Sankey, key players and timeline share. */
export interface TrailFilter {
  from?: string;
  to?: string;
  /** As typed, in the currency's units ("1000", "250.50"). */
  minAmount: string;
  currency?: string;
}

/** The trace shown on the graph and the Sankey: just run, or a saved one opened. */
export interface ShownTrace {
  result: TraceResult;
  name?: string;
  savedId?: string;
  /** What it ran on, to run it again by another method: a saved trace's own marks, else the case's. */
  marks?: { transactionId: string; label: string }[];
  params?: { until?: string; labels?: string[] };
}

export type TrailView = 'graph' | 'sankey' | 'trace';

/** The id the core gives an edge of graph.flows: sender > receiver > currency (see core/graph/flows.ts for "outside"). */
export const edgeKey = (from: string | null, to: string | null, currency: string) =>
  `${from ?? outsideOf(to!)}>${to ?? outsideOf(from!)}>${currency}`;

/** Tainted money per graph edge, in one currency. */
export function taintByEdge(trace: ShownTrace | undefined, currency: string | undefined): Map<string, bigint> | undefined {
  if (!trace) return undefined;
  const m = new Map<string, bigint>();
  for (const e of trace.result.edges) {
    if (currency && e.currency !== currency) continue;
    const k = edgeKey(e.fromAccountId, e.toAccountId, e.currency);
    m.set(k, (m.get(k) ?? 0n) + BigInt(e.taintedMinor));
  }
  return m;
}
