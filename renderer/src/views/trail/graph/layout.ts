import { forceCenter, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';

/** What the layout worker is asked to place: node count and edges (by index), with weights for link strength. */
export interface LayoutRequest {
  id: number;
  n: number;
  /** Pairs of node indices. */
  links: Uint32Array;
  /** Per link: 1 for a short one (a cash marker or a subject beside its account). */
  short?: Uint8Array;
  /** Previous positions to start from (x, y interleaved), when the graph only changed a little. */
  initial?: Float32Array;
  /** Per node: 1 for a node the analyst pinned, held at its initial position. */
  fixed?: Uint8Array;
  ticks?: number;
}

export interface LayoutMessage {
  id: number;
  /** x, y interleaved, per node. */
  positions: Float32Array;
  done: boolean;
  /** 0..1 */
  progress: number;
}

/**
 * d3-force layout: many-body repulsion (Barnes-Hut), springs along the flows, and a weak pull to
 * the centre so disconnected pieces stay on screen. Deterministic: d3 places nodes on a phyllotaxis
 * spiral and seeds its own jiggle, so the same graph gets the same picture.
 */
export function runLayout(req: LayoutRequest, report: (m: LayoutMessage) => void, every = 15): void {
  const nodes: SimulationNodeDatum[] = Array.from({ length: req.n }, (_, i) =>
    req.initial ? { x: req.initial[2 * i], y: req.initial[2 * i + 1] } : {},
  );
  if (req.initial && req.fixed) nodes.forEach((d, i) => req.fixed![i] && ((d.fx = d.x), (d.fy = d.y)));
  const links: { source: number; target: number; short: boolean }[] = [];
  for (let i = 0; i < req.links.length; i += 2) links.push({ source: req.links[i], target: req.links[i + 1], short: req.short?.[i / 2] === 1 });
  const big = req.n > 1500;
  const sim = forceSimulation(nodes)
    .force('charge', forceManyBody().strength(big ? -18 : -160).theta(big ? 1.1 : 0.9).distanceMax(big ? 300 : 600))
    .force('link', forceLink(links).distance((l) => (l.short ? (big ? 8 : 28) : big ? 22 : 80)).strength((l) => (l.short ? 0.8 : 0.35)))
    .force('x', forceX(0).strength(big ? 0.04 : 0.06))
    .force('y', forceY(0).strength(big ? 0.04 : 0.06))
    .force('center', forceCenter(0, 0))
    .stop();
  const ticks = req.ticks ?? (big ? 180 : 300);
  if (req.initial) sim.alpha(0.3);
  const positions = () => {
    const p = new Float32Array(req.n * 2);
    nodes.forEach((d, i) => ((p[2 * i] = d.x ?? 0), (p[2 * i + 1] = d.y ?? 0)));
    return p;
  };
  for (let t = 1; t <= ticks; t++) {
    sim.tick();
    if (t % every === 0 && t < ticks) report({ id: req.id, positions: positions(), done: false, progress: t / ticks });
  }
  report({ id: req.id, positions: positions(), done: true, progress: 1 });
}
