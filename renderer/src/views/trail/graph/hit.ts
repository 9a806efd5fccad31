import { quadtree, type Quadtree } from 'd3-quadtree';
import { controlPoint } from './draw';
import type { Scene } from './scene';

/** A point on an edge's curve, indexed for hit-testing. */
interface EdgeSample {
  x: number;
  y: number;
  e: number;
}

export interface HitIndex {
  nodes: Quadtree<number>;
  edges: Quadtree<EdgeSample>;
  /** Largest node radius: how far from a node's centre a click can still be on it. */
  maxR: number;
  /** Spacing of the samples along edges, in graph units. */
  spacing: number;
}

/**
 * Quadtrees over node centres and over points sampled along every edge's curve, so a click is
 * resolved by looking at what is near it rather than at all 20,000 edges.
 */
export function buildHitIndex(scene: Scene): HitIndex {
  const nodes = quadtree<number>()
    .x((i) => scene.x[i])
    .y((i) => scene.y[i])
    .addAll(Array.from({ length: scene.n }, (_, i) => i));
  let maxR = 0;
  for (let i = 0; i < scene.n; i++) maxR = Math.max(maxR, scene.r[i]);
  const spacing = Math.max(4, maxR);
  const samples: EdgeSample[] = [];
  for (let e = 0; e < scene.m; e++) {
    const [a, b] = [scene.src[e], scene.dst[e]];
    const [cx, cy] = controlPoint(scene, e);
    const len = Math.hypot(scene.x[b] - scene.x[a], scene.y[b] - scene.y[a]);
    const steps = Math.max(2, Math.ceil(len / spacing));
    for (let s = 1; s < steps; s++) {
      const t = s / steps;
      const [p, q] = [(1 - t) * (1 - t), 2 * (1 - t) * t];
      samples.push({ x: p * scene.x[a] + q * cx + t * t * scene.x[b], y: p * scene.y[a] + q * cy + t * t * scene.y[b], e });
    }
  }
  const edges = quadtree<EdgeSample>()
    .x((d) => d.x)
    .y((d) => d.y)
    .addAll(samples);
  return { nodes, edges, maxR, spacing };
}

/** The node under a point (graph units), if any: the nearest whose disc contains the point, within `slack`. */
export function hitNode(index: HitIndex, scene: Scene, x: number, y: number, slack: number): number | undefined {
  let best: number | undefined;
  let bestD = Infinity;
  const reach = index.maxR + slack;
  index.nodes.visit((node, x0, y0, x1, y1) => {
    if (!node.length) {
      for (let leaf: typeof node | undefined = node; leaf; leaf = (leaf as { next?: typeof node }).next) {
        const i = (leaf as { data: number }).data;
        const d = Math.hypot(scene.x[i] - x, scene.y[i] - y);
        if (d <= scene.r[i] + slack && d < bestD) (best = i), (bestD = d);
      }
    }
    return x0 > x + reach || x1 < x - reach || y0 > y + reach || y1 < y - reach;
  });
  return best;
}

/** The edge whose curve passes nearest a point, within `tolerancePx` screen pixels of its stroke at zoom k. */
export function hitEdge(index: HitIndex, scene: Scene, x: number, y: number, tolerancePx: number, k: number): number | undefined {
  const tolerance = tolerancePx / k;
  let best: number | undefined;
  let bestD = Infinity;
  // Samples are `spacing` apart, so the curve near the point has a sample within spacing / 2.
  const reach = tolerance + index.spacing + 10 / k;
  index.edges.visit((node, x0, y0, x1, y1) => {
    if (!node.length) {
      for (let leaf: typeof node | undefined = node; leaf; leaf = (leaf as { next?: typeof node }).next) {
        const s = (leaf as { data: EdgeSample }).data;
        if (Math.abs(s.x - x) > reach || Math.abs(s.y - y) > reach) continue;
        const d = distanceToCurve(scene, s.e, x, y);
        if (d <= tolerance + scene.width[s.e] / 2 / k && d < bestD) (best = s.e), (bestD = d);
      }
    }
    return x0 > x + reach || x1 < x - reach || y0 > y + reach || y1 < y - reach;
  });
  return best;
}

/** Distance from a point to edge e's curve, by fine sampling (exact enough for a click). */
function distanceToCurve(scene: Scene, e: number, x: number, y: number): number {
  const [a, b] = [scene.src[e], scene.dst[e]];
  const [cx, cy] = controlPoint(scene, e);
  let best = Infinity;
  let [px, py] = [scene.x[a], scene.y[a]];
  for (let s = 1; s <= 32; s++) {
    const t = s / 32;
    const [p, q] = [(1 - t) * (1 - t), 2 * (1 - t) * t];
    const qx = p * scene.x[a] + q * cx + t * t * scene.x[b];
    const qy = p * scene.y[a] + q * cy + t * t * scene.y[b];
    best = Math.min(best, segmentDistance(x, y, px, py, qx, qy));
    [px, py] = [qx, qy];
  }
  return best;
}

function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number): number {
  const [dx, dy] = [bx - ax, by - ay];
  const len2 = dx * dx + dy * dy;
  const t = len2 ? Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2)) : 0;
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}
