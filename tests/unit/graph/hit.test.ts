import { describe, expect, it } from 'vitest';
import { buildScene, layoutLinks } from '../../../renderer/src/views/trail/graph/scene.js';
import { buildHitIndex, hitEdge, hitNode } from '../../../renderer/src/views/trail/graph/hit.js';
import { controlPoint } from '../../../renderer/src/views/trail/graph/draw.js';
import { runLayout } from '../../../renderer/src/views/trail/graph/layout.js';
import { benchGraph } from '../../../bench/graph-data.js';

/** A small scene with hand-placed nodes: A (0,0) -> B (200,0), B -> C (200,200), subject S holds A. */
function small() {
  const scene = buildScene(
    [
      { id: 'A', kind: 'account', label: 'A', external: false },
      { id: 'B', kind: 'account', label: 'B', external: false },
      { id: 'C', kind: 'account', label: 'C', external: true },
      { id: 'S', kind: 'subject', label: 'S', external: false },
    ],
    [
      { id: 'A>B', kind: 'flow', source: 'A', target: 'B', totalMinor: '1000' },
      { id: 'B>C', kind: 'flow', source: 'B', target: 'C', totalMinor: '10' },
      { id: 'S>A', kind: 'holds', source: 'S', target: 'A', totalMinor: '0' },
    ],
    new Map([['A>B', 700n]]),
    (m) => `$${m}`,
  );
  const at: Record<string, [number, number]> = { A: [0, 0], B: [200, 0], C: [200, 200], S: [-100, 0] };
  scene.ids.forEach((id, i) => ([scene.x[i], scene.y[i]] = at[id]));
  return scene;
}

describe('the graph scene and its hit-testing', () => {
  it('builds typed arrays with widths by volume and the trace on its edges', () => {
    const s = small();
    expect(s.m).toBe(3);
    const ab = s.edgeIds.indexOf('A>B');
    const bc = s.edgeIds.indexOf('B>C');
    expect(s.width[ab]).toBeGreaterThan(s.width[bc]);
    expect([s.taint[ab], s.taintText[ab], s.taint[bc]]).toEqual([700, '$700', 0]);
    expect(s.traced).toBe(true);
  });

  it('finds the node under the pointer, and the curved edge near it, but nothing in empty space', () => {
    const s = small();
    const index = buildHitIndex(s);
    expect(s.ids[hitNode(index, s, 201, 1, 1)!]).toBe('B');
    // On the curve of A -> B at its midpoint (a quadratic bent to one side), not on the straight line.
    const e = s.edgeIds.indexOf('A>B');
    const [cx, cy] = controlPoint(s, e);
    const [mx, my] = [(0 + 2 * cx + 200) / 4, (0 + 2 * cy + 0) / 4];
    expect(my).not.toBe(0);
    expect(s.edgeIds[hitEdge(index, s, mx, my + 1, 4, 1)!]).toBe('A>B');
    expect(hitEdge(index, s, 100, 0 - my, 4, 1)).toBeUndefined();
    expect(hitNode(index, s, 100, 120, 1)).toBeUndefined();
    expect(hitEdge(index, s, 60, 150, 4, 1)).toBeUndefined();
    // A tolerance in screen pixels shrinks in graph units as one zooms in.
    expect(hitEdge(index, s, mx, my + 8, 4, 1)).toBe(e);
    expect(hitEdge(index, s, mx, my + 8, 4, 4)).toBeUndefined();
  });

  it('hit-tests a force-laid-out graph of 800 nodes exactly as a brute-force search would', () => {
    const g = benchGraph(800, 3000);
    const s = buildScene(g.nodes, g.edges, undefined, String);
    const { links, short } = layoutLinks(s);
    runLayout({ id: 1, n: s.n, links, short, ticks: 40 }, (m) => m.done && s.ids.forEach((_, i) => ([s.x[i], s.y[i]] = [m.positions[2 * i], m.positions[2 * i + 1]])));
    const index = buildHitIndex(s);
    for (let i = 0; i < s.n; i += 37) {
      const hit = hitNode(index, s, s.x[i] + 0.1, s.y[i], 0.5);
      // The nearest node whose disc contains the point, by brute force.
      let best = -1;
      let bestD = Infinity;
      for (let j = 0; j < s.n; j++) {
        const d = Math.hypot(s.x[j] - s.x[i] - 0.1, s.y[j] - s.y[i]);
        if (d <= s.r[j] + 0.5 && d < bestD) (best = j), (bestD = d);
      }
      expect(hit).toBe(best);
    }
  });
});
