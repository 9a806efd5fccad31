import { describe, expect, it } from 'vitest';
import { buildScene } from '../../../renderer/src/views/trail/graph/scene.js';
import { sceneSvg } from '../../../renderer/src/views/trail/graph/svg.js';
import { nearestInDirection } from '../../../renderer/src/views/trail/graph/keyboard.js';
import { emptyOverlay } from '../../../renderer/src/views/trail/graph/overlay.js';

/** 40 accounts crowded into a small square (labels would pile up in the centre), one with a hostile name. */
function crowded() {
  const nodes = Array.from({ length: 40 }, (_, i) => ({ id: `n${i}`, kind: 'account' as const, label: i === 0 ? '<script>&"Ünïcødé 现金 شركة' : `Account number ${i}`, external: false }));
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, kind: 'flow' as const, source: 'n0', target: n.id, totalMinor: String(1000 + i) }));
  const scene = buildScene(nodes, edges, undefined, (m) => String(m));
  scene.ids.forEach((_, i) => ([scene.x[i], scene.y[i]] = [(i % 7) * 30, Math.floor(i / 7) * 25]));
  return scene;
}

describe('the chart as SVG', () => {
  it('names every node (escaped), draws notes and boxes, and places visible labels where none overlaps another', () => {
    const scene = crowded();
    const o = emptyOverlay();
    o.notes.push({ id: 'a', kind: 'note', x: 0, y: -40, text: 'Cash courier & co' });
    o.boxes.push({ id: 'b', kind: 'box', x: -20, y: -20, w: 100, h: 60, text: 'Front companies' });
    o.pinned.add(3);
    const svg = sceneSvg(scene, o, 'Money trail');
    for (let i = 1; i < 40; i++) expect(svg).toContain(`<title>Account number ${i}</title>`);
    expect(svg).toContain('<title>&lt;script&gt;&amp;&quot;Ünïcødé 现金 شركة</title>');
    expect(svg).not.toContain('<script>');
    expect(svg).toContain('Cash courier &amp; co');
    expect(svg).toContain('Front companies');
    // Each visible label's box from its anchor and the same width estimate: no two overlap.
    const labels = svg.slice(svg.indexOf('<g class="labels">'), svg.indexOf('<g class="notes">'));
    const boxes = [...labels.matchAll(/<text x="([\d.-]+)" y="([\d.-]+)" text-anchor="(\w+)"[^>]*>([^<]*)<\/text>/g)].map(([, x, y, a, t]) => {
      const w = t.length * 6.6;
      const x0 = a === 'middle' ? Number(x) - w / 2 : a === 'start' ? Number(x) : Number(x) - w;
      return [x0, Number(y) - 11, x0 + w, Number(y) + 3];
    });
    expect(boxes.length).toBeGreaterThan(10);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i], boxes[j]];
        expect(a[0] < b[2] && a[2] > b[0] && a[1] < b[3] && a[3] > b[1], `labels ${i} and ${j} overlap`).toBe(false);
      }
  });

  it('goes from node to node with the arrow keys, to the nearest one that way, and nowhere past the edge', () => {
    const scene = crowded();
    expect(scene.ids[nearestInDirection(scene, 8, 1, 0)!]).toBe('n9');
    expect(scene.ids[nearestInDirection(scene, 8, 0, 1)!]).toBe('n15');
    expect(nearestInDirection(scene, 0, -1, 0)).toBeUndefined();
  });
});
