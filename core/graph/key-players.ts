import Graph from 'graphology';
import betweenness from 'graphology-metrics/centrality/betweenness.js';
import { isOutside, type FlowEdge, type FlowNode } from './flows.js';

export interface KeyPlayer {
  id: string;
  kind: FlowNode['kind'];
  label: string;
  /** Distinct counterparties sending to it / receiving from it. */
  inDegree: number;
  outDegree: number;
  degree: number;
  /** Money in and out (minor units of `currency`). */
  inflowMinor: number;
  outflowMinor: number;
  /** Share of shortest paths between other parties that pass through it (0..1, normalised). */
  betweenness: number;
  /** Rank by betweenness, then volume. */
  rank: number;
}

/**
 * Who matters in the flow of money: degree, weighted in/out flow, and betweenness centrality
 * (graphology-metrics, Brandes' algorithm). Betweenness counts hops, not amounts: a mule between
 * two groups ranks high however little passes through it, which is what an investigator looks for;
 * volume is reported beside it. `level: 'entity'` folds accounts into the subject who holds them.
 */
export function keyPlayers(nodes: FlowNode[], edges: FlowEdge[], currency: string, level: 'account' | 'entity', limit: number): KeyPlayer[] {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const owner = (id: string) => {
    const n = byId.get(id);
    return level === 'entity' && n?.subjectId ? n.subjectId : id;
  };
  const g = new Graph({ type: 'directed', allowSelfLoops: false });
  const cash = new Map<string, { in: number; out: number }>();
  for (const e of edges) {
    if (e.kind !== 'flow' || e.currency !== currency) continue;
    const [s, t] = [owner(e.source), owner(e.target)];
    // Cash and unknown parties are not players: their money counts in the account's volume only.
    if (isOutside(e.source) || isOutside(e.target)) {
      const who = isOutside(e.source) ? t : s;
      const c = cash.get(who) ?? cash.set(who, { in: 0, out: 0 }).get(who)!;
      if (isOutside(e.source)) c.in += e.totalMinor;
      else c.out += e.totalMinor;
      continue;
    }
    if (s === t) continue;
    if (!g.hasNode(s)) g.addNode(s, { inflow: 0, outflow: 0 });
    if (!g.hasNode(t)) g.addNode(t, { inflow: 0, outflow: 0 });
    g.updateNodeAttribute(s, 'outflow', (v: number) => v + e.totalMinor);
    g.updateNodeAttribute(t, 'inflow', (v: number) => v + e.totalMinor);
    if (g.hasEdge(s, t)) g.updateEdgeAttribute(s, t, 'total', (v: number) => v + e.totalMinor);
    else g.addEdge(s, t, { total: e.totalMinor });
  }
  if (g.order === 0) return [];
  // getEdgeWeight null: shortest paths by hops (the default would read a "weight" attribute).
  const between = betweenness(g, { getEdgeWeight: null, normalized: true });
  const players: KeyPlayer[] = g.mapNodes((id, attrs) => {
    const n = byId.get(id);
    return {
      id,
      kind: n?.kind ?? 'subject',
      label: n?.label ?? id,
      inDegree: g.inDegree(id),
      outDegree: g.outDegree(id),
      degree: g.inDegree(id) + g.outDegree(id),
      inflowMinor: (attrs.inflow as number) + (cash.get(id)?.in ?? 0),
      outflowMinor: (attrs.outflow as number) + (cash.get(id)?.out ?? 0),
      betweenness: between[id] ?? 0,
      rank: 0,
    };
  });
  players.sort((a, b) => b.betweenness - a.betweenness || b.inflowMinor + b.outflowMinor - (a.inflowMinor + a.outflowMinor) || a.id.localeCompare(b.id));
  players.forEach((p, i) => (p.rank = i + 1));
  return players.slice(0, limit);
}
