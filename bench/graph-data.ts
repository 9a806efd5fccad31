/**
 * A deterministic money-trail graph for the rendering benchmark: 5,000 nodes (accounts, some
 * external, subjects holding some of them, cash markers) and 20,000 flows with a heavy-tailed
 * degree, as real cases have (a few hubs, many small accounts).
 */
import type { SceneEdgeInput, SceneNodeInput } from '../renderer/src/views/trail/graph/scene.js';
import { rng } from './random.js';


export function benchGraph(nodes = 5000, edges = 20000): { nodes: SceneNodeInput[]; edges: SceneEdgeInput[] } {
  const r = rng(5000);
  const subjects = Math.floor(nodes * 0.08);
  const out: SceneNodeInput[] = [];
  for (let i = 0; i < nodes; i++) {
    const kind = i < subjects ? 'subject' : 'account';
    out.push({ id: `n${i}`, kind, label: kind === 'subject' ? `Subject ${i}` : `ACCT-${String(i).padStart(5, '0')}`, external: kind === 'account' && r() < 0.15 });
  }
  const list: SceneEdgeInput[] = [];
  const seen = new Set<string>();
  // Preferential attachment: each new flow picks an endpoint in proportion to the degree so far.
  const ends: number[] = [];
  const pick = () => (ends.length && r() < 0.7 ? ends[Math.floor(r() * ends.length)] : subjects + Math.floor(r() * (nodes - subjects)));
  for (let s = 0; s < subjects; s++) {
    const a = subjects + Math.floor(r() * (nodes - subjects));
    list.push({ id: `h${s}`, kind: 'holds', source: `n${s}`, target: `n${a}`, totalMinor: '0' });
  }
  while (list.length < edges) {
    const [a, b] = [pick(), pick()];
    if (a === b || seen.has(`${a}>${b}`)) continue;
    seen.add(`${a}>${b}`);
    ends.push(a, b);
    list.push({ id: `e${list.length}`, kind: 'flow', source: `n${a}`, target: `n${b}`, totalMinor: String(Math.floor(1e4 * Math.exp(r() * 9))) });
  }
  return { nodes: out, edges: list };
}
