/**
 * Sankey data of where the tainted money went, from a trace's edges. Pure (the renderer uses it).
 *
 * d3-sankey needs an acyclic graph, and laundering loops are real (A -> B -> C -> A). A loop is
 * broken where the depth-first walk from the sources closes it: that edge is redirected to a copy
 * of its target, "A (returned)", which is a sink. No money disappears from the picture, and the
 * return is visible as such.
 */

export interface SankeyEdgeInput {
  fromAccountId: string | null;
  toAccountId: string | null;
  /** Decimal text of minor units. */
  taintedMinor: string;
}

export interface SankeyNode {
  id: string;
  /** The account it stands for (null: outside the data). */
  accountId: string | null;
  kind: 'account' | 'source' | 'sink' | 'return';
}

export interface SankeyLink {
  source: string;
  target: string;
  /** For drawing only (widths): the exact amount is valueMinor. */
  value: number;
  valueMinor: string;
}

export interface SankeyData {
  nodes: SankeyNode[];
  links: SankeyLink[];
  /** Tainted money on the edges left out to keep the picture readable. */
  omittedMinor: string;
  /** How many loops were broken. */
  returns: number;
}

export const SOURCE = 'outside:source';
export const SINK = 'outside:sink';

export function sankeyData(edges: SankeyEdgeInput[], maxLinks = 60): SankeyData {
  const positive = edges.map((e) => ({ ...e, v: BigInt(e.taintedMinor) })).filter((e) => e.v > 0n && e.fromAccountId !== e.toAccountId);
  const kept = [...positive]
    .sort((a, b) => (b.v > a.v ? 1 : b.v < a.v ? -1 : key(a).localeCompare(key(b))))
    .slice(0, maxLinks);
  const omittedMinor = (positive.reduce((s, e) => s + e.v, 0n) - kept.reduce((s, e) => s + e.v, 0n)).toString();

  const out = new Map<string, { target: string; value: bigint }[]>();
  const indeg = new Map<string, number>();
  const ids = new Set<string>();
  for (const e of kept) {
    const s = e.fromAccountId ?? SOURCE;
    const t = e.toAccountId ?? SINK;
    ids.add(s).add(t);
    (out.get(s) ?? out.set(s, []).get(s)!).push({ target: t, value: e.v });
    indeg.set(t, (indeg.get(t) ?? 0) + 1);
  }
  // Walk from the sources first (where the taint entered), then anything left, in a fixed order.
  const order = [...ids].sort((a, b) => (indeg.get(a) ?? 0) - (indeg.get(b) ?? 0) || (a === SOURCE ? -1 : b === SOURCE ? 1 : a.localeCompare(b)));
  const state = new Map<string, 1 | 2>(); // 1: on the current path, 2: done
  const links: SankeyLink[] = [];
  const returned = new Set<string>();
  let returns = 0;
  for (const start of order) {
    if (state.has(start)) continue;
    // Iterative DFS: long layering chains must not overflow the stack.
    const stack: { node: string; i: number }[] = [{ node: start, i: 0 }];
    state.set(start, 1);
    while (stack.length) {
      const top = stack[stack.length - 1];
      const next = out.get(top.node)?.[top.i++];
      if (!next) {
        state.set(top.node, 2);
        stack.pop();
        continue;
      }
      if (state.get(next.target) === 1) {
        const copy = `${next.target}#return`;
        returned.add(next.target);
        returns++;
        links.push({ source: top.node, target: copy, value: Number(next.value), valueMinor: next.value.toString() });
        continue;
      }
      links.push({ source: top.node, target: next.target, value: Number(next.value), valueMinor: next.value.toString() });
      if (!state.has(next.target)) {
        state.set(next.target, 1);
        stack.push({ node: next.target, i: 0 });
      }
    }
  }
  const nodes: SankeyNode[] = [...ids].sort().map((id) => ({
    id,
    accountId: id === SOURCE || id === SINK ? null : id,
    kind: id === SOURCE ? 'source' : id === SINK ? 'sink' : 'account',
  }));
  for (const id of [...returned].sort()) nodes.push({ id: `${id}#return`, accountId: id === SOURCE || id === SINK ? null : id, kind: 'return' });
  return { nodes, links, omittedMinor, returns };
}

const key = (e: SankeyEdgeInput) => `${e.fromAccountId}>${e.toAccountId}`;

/** True when the links have no cycle (what d3-sankey requires); used by the tests. */
export function isAcyclic(links: SankeyLink[]): boolean {
  const out = new Map<string, string[]>();
  const indeg = new Map<string, number>();
  for (const l of links) {
    (out.get(l.source) ?? out.set(l.source, []).get(l.source)!).push(l.target);
    indeg.set(l.target, (indeg.get(l.target) ?? 0) + 1);
    if (!indeg.has(l.source)) indeg.set(l.source, 0);
  }
  const queue = [...indeg].filter(([, d]) => d === 0).map(([n]) => n);
  let seen = 0;
  while (queue.length) {
    const n = queue.pop()!;
    seen++;
    for (const t of out.get(n) ?? []) {
      indeg.set(t, indeg.get(t)! - 1);
      if (indeg.get(t) === 0) queue.push(t);
    }
  }
  return seen === indeg.size;
}
