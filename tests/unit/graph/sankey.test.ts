import { describe, expect, it } from 'vitest';
import { isAcyclic, sankeyData, SINK, SOURCE } from '../../../core/graph/sankey.js';

describe('Sankey data of the tainted money', () => {
  it('breaks a laundering loop by redirecting the closing edge to a "returned" copy, keeping every amount', () => {
    const edges = [
      { fromAccountId: null, toAccountId: 'A', taintedMinor: '1000' },
      { fromAccountId: 'A', toAccountId: 'B', taintedMinor: '900' },
      { fromAccountId: 'B', toAccountId: 'C', taintedMinor: '800' },
      { fromAccountId: 'C', toAccountId: 'A', taintedMinor: '700' },
      { fromAccountId: 'C', toAccountId: null, taintedMinor: '50' },
    ];
    const s = sankeyData(edges);
    expect(isAcyclic(s.links)).toBe(true);
    expect(s.returns).toBe(1);
    expect(s.links).toContainEqual({ source: 'C', target: 'A#return', value: 700, valueMinor: '700' });
    expect(s.links.reduce((a, l) => a + l.value, 0)).toBe(3450);
    expect(s.nodes.find((n) => n.id === 'A#return')).toEqual({ id: 'A#return', accountId: 'A', kind: 'return' });
    expect(s.nodes.find((n) => n.id === SOURCE)!.kind).toBe('source');
    expect(s.nodes.find((n) => n.id === SINK)!.kind).toBe('sink');
  });

  it('stays acyclic on random dense graphs full of loops, and keeps the largest links', () => {
    let seed = 42;
    const r = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let round = 0; round < 30; round++) {
      const edges = Array.from({ length: 200 }, () => ({
        fromAccountId: `n${Math.floor(r() * 30)}`,
        toAccountId: `n${Math.floor(r() * 30)}`,
        taintedMinor: '1' + Math.floor(r() * 1000),
      }));
      const s = sankeyData(edges, 60);
      expect(isAcyclic(s.links)).toBe(true);
      expect(s.links.length).toBeLessThanOrEqual(60);
      const total = edges.filter((e) => e.fromAccountId !== e.toAccountId).reduce((a, e) => a + Number(e.taintedMinor), 0);
      expect(s.links.reduce((a, l) => a + l.value, 0) + Number(s.omittedMinor)).toBe(total);
    }
  });

  it('isAcyclic sees a cycle', () => {
    expect(isAcyclic([{ source: 'a', target: 'b', value: 1, valueMinor: '1' }, { source: 'b', target: 'a', value: 1, valueMinor: '1' }])).toBe(false);
  });
});
