import { scaleSqrt } from 'd3-scale';

/** Node kinds, as drawn. */
export const NodeKind = { Account: 0, Subject: 1, External: 2, Outside: 3 } as const;

export interface SceneNodeInput {
  id: string;
  kind: 'subject' | 'account' | 'outside';
  label: string;
  external: boolean;
}

export interface SceneEdgeInput {
  id: string;
  kind: 'flow' | 'holds';
  source: string;
  target: string;
  /** Decimal text of minor units; drawn as a Number (widths only), never added as money. */
  totalMinor: string;
}

/** Tainted money per edge id (from a trace), for the highlighted trail. */
/** Exact tainted money per edge id (minor units). */
export type TaintByEdge = Map<string, bigint>;

/**
 * What the canvas draws, in flat typed arrays so a frame of 20,000 edges allocates nothing.
 * Positions are filled in by the layout.
 */
export interface Scene {
  n: number;
  ids: string[];
  labels: string[];
  kind: Uint8Array;
  x: Float32Array;
  y: Float32Array;
  /** Radius in graph units. */
  r: Float32Array;
  /** 1 where the account still holds tainted money. */
  nodeTaint: Uint8Array;
  /** Node volume (in + out), to choose which labels to show first. */
  volume: Float64Array;
  m: number;
  edgeIds: string[];
  src: Uint32Array;
  dst: Uint32Array;
  /** 0: flow, 1: holds (subject to account). */
  edgeKind: Uint8Array;
  /** Stroke width in screen pixels, by volume. */
  width: Float32Array;
  /** Tainted amount on the edge (minor units), 0 when none; and its display text. */
  taint: Float64Array;
  taintText: (string | undefined)[];
  /** A trace is shown: edges without taint are faded. */
  traced: boolean;
  indexOf: Map<string, number>;
}

export function buildScene(
  nodes: SceneNodeInput[],
  edges: SceneEdgeInput[],
  taint: TaintByEdge | undefined,
  formatTaint: (minor: bigint) => string,
  /** Tainted money still held, per account id (minor units as text): those nodes get a red ring. */
  held?: Map<string, string>,
): Scene {
  const size = (e: SceneEdgeInput) => Number(e.totalMinor);
  const indexOf = new Map(nodes.map((n, i) => [n.id, i]));
  const kept = edges.filter((e) => indexOf.has(e.source) && indexOf.has(e.target) && e.source !== e.target);
  const n = nodes.length;
  const m = kept.length;
  const volume = new Float64Array(n);
  for (const e of kept) {
    volume[indexOf.get(e.source)!] += size(e);
    volume[indexOf.get(e.target)!] += size(e);
  }
  let [maxEdge, maxNode] = [1, 1];
  for (const e of kept) maxEdge = Math.max(maxEdge, size(e));
  for (const v of volume) maxNode = Math.max(maxNode, v);
  // In a big graph only the heaviest flows (top 4%) are drawn wider than a hairline: that is what
  // the eye looks for, and wide strokes are what costs a frame.
  const floor = kept.length > 2000 ? percentile(kept.map(size), 0.96) : 0;
  const widthOf = scaleSqrt().domain([floor, maxEdge]).range([floor ? 1.3 : 0.8, n > 1500 ? 5 : 9]).clamp(true);
  const radiusOf = scaleSqrt().domain([0, maxNode]).range(n > 1500 ? [2.5, 10] : [6, 22]).clamp(true);
  const scene: Scene = {
    n,
    ids: nodes.map((d) => d.id),
    labels: nodes.map((d) => d.label),
    kind: Uint8Array.from(nodes, (d) => (d.kind === 'subject' ? NodeKind.Subject : d.kind === 'outside' ? NodeKind.Outside : d.external ? NodeKind.External : NodeKind.Account)),
    x: new Float32Array(n),
    y: new Float32Array(n),
    r: Float32Array.from(volume, (v) => radiusOf(v)),
    nodeTaint: new Uint8Array(n),
    volume,
    m,
    edgeIds: kept.map((e) => e.id),
    src: Uint32Array.from(kept, (e) => indexOf.get(e.source)!),
    dst: Uint32Array.from(kept, (e) => indexOf.get(e.target)!),
    edgeKind: Uint8Array.from(kept, (e) => (e.kind === 'holds' ? 1 : 0)),
    width: Float32Array.from(kept, (e) => (e.kind === 'holds' ? 1 : floor && size(e) < floor ? 1 : widthOf(size(e)))),
    taint: new Float64Array(m),
    taintText: new Array<string | undefined>(m),
    traced: Boolean(taint && taint.size),
    indexOf,
  };
  nodes.forEach((d, i) => {
    if (d.kind === 'subject') scene.r[i] = Math.max(scene.r[i], n > 1500 ? 6 : 11);
    // Cash and unknown parties sit beside their account as small markers.
    if (d.kind === 'outside') scene.r[i] = n > 1500 ? 2.5 : 5;
  });
  if (taint)
    kept.forEach((e, i) => {
      const t = taint.get(e.id);
      if (!t) return;
      scene.taint[i] = Number(t);
      scene.taintText[i] = formatTaint(t);
    });
  if (held) nodes.forEach((d, i) => BigInt(held.get(d.id) ?? 0) > 0n && (scene.nodeTaint[i] = 1));
  return scene;
}

/**
 * Links for the layout: every edge once per unordered pair (reciprocal flows pull once); `short`
 * marks the links of cash markers and of subjects to their accounts, kept close to their account.
 */
export function layoutLinks(scene: Scene): { links: Uint32Array; short: Uint8Array } {
  const seen = new Set<number>();
  const out: number[] = [];
  const short: number[] = [];
  for (let i = 0; i < scene.m; i++) {
    const [a, b] = scene.src[i] < scene.dst[i] ? [scene.src[i], scene.dst[i]] : [scene.dst[i], scene.src[i]];
    const key = a * scene.n + b;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(a, b);
    short.push(scene.kind[a] === NodeKind.Outside || scene.kind[b] === NodeKind.Outside || scene.edgeKind[i] === 1 ? 1 : 0);
  }
  return { links: Uint32Array.from(out), short: Uint8Array.from(short) };
}

export function setPositions(scene: Scene, positions: Float32Array): void {
  for (let i = 0; i < scene.n; i++) {
    scene.x[i] = positions[2 * i];
    scene.y[i] = positions[2 * i + 1];
  }
}

function percentile(xs: number[], p: number): number {
  const sorted = Float64Array.from(xs).sort();
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}
