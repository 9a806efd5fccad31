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
  inflowMinor: string;
  outflowMinor: string;
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
  const cash = new Map<string, { in: bigint; out: bigint }>();
  for (const e of edges) {
    if (e.kind !== 'flow' || e.currency !== currency) continue;
    const [s, t] = [owner(e.source), owner(e.target)];
    // Cash and unknown parties are not players: their money counts in the account's volume only.
    if (isOutside(e.source) || isOutside(e.target)) {
      const who = isOutside(e.source) ? t : s;
      const c = cash.get(who) ?? cash.set(who, { in: 0n, out: 0n }).get(who)!;
      if (isOutside(e.source)) c.in += BigInt(e.totalMinor);
      else c.out += BigInt(e.totalMinor);
      continue;
    }
    if (s === t) continue;
    const amount = BigInt(e.totalMinor);
    if (!g.hasNode(s)) g.addNode(s, { inflow: 0n, outflow: 0n });
    if (!g.hasNode(t)) g.addNode(t, { inflow: 0n, outflow: 0n });
    g.updateNodeAttribute(s, 'outflow', (v: bigint) => v + amount);
    g.updateNodeAttribute(t, 'inflow', (v: bigint) => v + amount);
    if (g.hasEdge(s, t)) g.updateEdgeAttribute(s, t, 'total', (v: bigint) => v + amount);
    else g.addEdge(s, t, { total: amount });
  }
  if (g.order === 0) return [];
  // getEdgeWeight null: shortest paths by hops (the default would read a "weight" attribute).
  const between = betweenness(g, { getEdgeWeight: null, normalized: true });
  const volume = new Map<string, bigint>();
  const players: KeyPlayer[] = g.mapNodes((id, attrs) => {
    const inflow = (attrs.inflow as bigint) + (cash.get(id)?.in ?? 0n);
    const outflow = (attrs.outflow as bigint) + (cash.get(id)?.out ?? 0n);
    volume.set(id, inflow + outflow);
    const n = byId.get(id);
    return {
      id,
      kind: n?.kind ?? 'subject',
      label: n?.label ?? id,
      inDegree: g.inDegree(id),
      outDegree: g.outDegree(id),
      degree: g.inDegree(id) + g.outDegree(id),
      inflowMinor: inflow.toString(),
      outflowMinor: outflow.toString(),
      betweenness: between[id] ?? 0,
      rank: 0,
    };
  });
  const byVolume = (a: KeyPlayer, b: KeyPlayer) => {
    const [va, vb] = [volume.get(a.id)!, volume.get(b.id)!];
    return vb > va ? 1 : vb < va ? -1 : 0;
  };
  players.sort((a, b) => b.betweenness - a.betweenness || byVolume(a, b) || a.id.localeCompare(b.id));
  players.forEach((p, i) => (p.rank = i + 1));
  return players.slice(0, limit);
}
