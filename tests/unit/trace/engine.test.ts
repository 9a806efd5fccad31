import { describe, expect, it } from 'vitest';
import { TRACE_METHODS } from '../../../core/trace/engine.js';
import { checkConservation } from '../../../core/trace/conservation.js';
import { trace } from './ledgers.js';

describe('the engine follows the money across hops', () => {
  // 1,000 tainted into A (which held 500 clean); A pays 900 to B; B pays 400 to C and 300 to X (external).
  const steps = [
    { from: null, to: 'A', amount: 500 },
    { from: 'victim', to: 'A', amount: 1000, marked: ['fraud'] },
    { from: 'A', to: 'B', amount: 900 },
    { from: null, to: 'B', amount: 100 },
    { from: 'B', to: 'C', amount: 400 },
    { from: 'B', to: 'X', amount: 300 },
  ];

  it('FIFO: A spends its older clean 500 first, so B gets 400 tainted of 900', () => {
    const t = trace('fifo', steps, { external: ['X'] });
    expect(t.carried(2)).toBe(400);
    expect(t.held('A')).toBe(600);
    // B: lots [900 (400 tainted), 100 clean]. 400 out takes 400/900 of the first lot: 177.8 -> 178
    // (largest remainder); then 300 of what is left of it (500, 222 tainted): 133.2 -> 133.
    expect(t.carried(4)).toBe(178);
    expect(t.carried(5)).toBe(133);
    expect(t.held('B')).toBe(400 - 178 - 133);
    expect(t.held('C')).toBe(178);
    expect(t.held('X')).toBe(133);
  });

  it('tainted-first: the whole 900 to B is tainted and follows to C and X', () => {
    const t = trace('tainted-first', steps, { external: ['X'] });
    expect(t.carried(2)).toBe(900);
    expect(t.carried(4)).toBe(400);
    expect(t.carried(5)).toBe(300);
    expect(t.held('C')).toBe(400);
    expect(t.held('X')).toBe(300);
    expect(t.held('B')).toBe(200);
    expect(t.held('A')).toBe(100);
  });

  it('LIBR: A spends its 500 clean first, B likewise its clean 100', () => {
    const t = trace('libr', steps, { external: ['X'] });
    expect(t.carried(2)).toBe(400);
    expect(t.held('A')).toBe(600);
    // B holds 900 with 400 tainted, then +100 clean = 1000 (400 tainted). 400 out: clean 600 covers it.
    expect(t.carried(4)).toBe(0);
    // 300 out: clean left 200, so 100 comes from the taint.
    expect(t.carried(5)).toBe(100);
    expect(t.held('B')).toBe(300);
  });

  it('conserves the taint exactly, for every method', () => {
    for (const m of TRACE_METHODS) {
      const t = trace(m, steps, { external: ['X'] });
      const report = checkConservation(t.out);
      expect(report.problems, m).toEqual([]);
      expect(report.groups.get(0)!.injected, m).toEqual([1000n]);
    }
  });
});

describe('the rules for missing data and marks', () => {
  it('an outflow beyond the balance takes the shortfall as clean money of unknown origin, flagged', () => {
    const t = trace('pro-rata', [
      { from: null, to: 'A', amount: 300, marked: ['x'] },
      { from: 'A', to: 'B', amount: 1000 },
    ]);
    expect(t.out.overdrafts).toEqual({ event: [1], slot: [0], shortfall: [700] });
    expect(t.out.unknownOrigin[0]).toBe(700);
    expect(t.carried(1)).toBe(300);
    expect(t.balance('A')).toBe(0);
    expect(checkConservation(t.out).ok).toBe(true);
  });

  it('a marked transaction is tainted in full whatever its sender held; the difference is what it injected', () => {
    const t = trace('fifo', [
      { from: null, to: 'A', amount: 100, marked: ['first'] },
      { from: null, to: 'A', amount: 400 },
      { from: 'A', to: 'B', amount: 250, marked: ['second'] },
    ]);
    expect(t.carried(2, 'second')).toBe(250);
    expect(t.carried(2, 'first')).toBe(0);
    expect(t.held('A', 'first')).toBe(0);
    const g = checkConservation(t.out).groups.get(0)!;
    // 'first' was relabelled away when the marked 250 left A carrying it.
    expect(g.injected).toEqual([0n, 250n]);
    expect(g.held).toEqual([0n, 250n]);
  });

  it('several labels on one transaction share it evenly, remainder by largest remainder', () => {
    const t = trace('pro-rata', [{ from: null, to: 'A', amount: 101, marked: ['a', 'b'] }]);
    expect([t.held('A', 'a'), t.held('A', 'b')]).toEqual([51, 50]);
  });

  it('external accounts collect: what they send on is clean', () => {
    const t = trace('tainted-first', [
      { from: null, to: 'X', amount: 700, marked: ['x'] },
      { from: 'X', to: 'A', amount: 700 },
    ], { external: ['X'] });
    expect(t.held('X')).toBe(700);
    expect(t.held('A')).toBe(0);
    expect(t.balance('X')).toBe(0);
  });

  it('money sent to no account leaves the data with its taint', () => {
    const t = trace('tainted-first', [
      { from: null, to: 'A', amount: 700, marked: ['x'] },
      { from: 'A', to: null, amount: 200 },
    ]);
    expect(checkConservation(t.out).groups.get(0)!.leftData).toEqual([200n]);
  });

  it('FIFO keeps lot order through partial withdrawals', () => {
    const t = trace('fifo', [
      { from: null, to: 'A', amount: 100 },
      { from: null, to: 'A', amount: 100, marked: ['x'] },
      { from: null, to: 'A', amount: 100 },
      { from: 'A', to: null, amount: 150 },
      { from: 'A', to: null, amount: 100 },
    ]);
    expect([t.carried(3), t.carried(4)]).toEqual([50, 50]);
    expect(t.held('A')).toBe(0);
  });

  it('LIFO takes the newest first and keeps older taint', () => {
    const t = trace('lifo', [
      { from: null, to: 'A', amount: 100, marked: ['x'] },
      { from: null, to: 'A', amount: 100 },
      { from: 'A', to: null, amount: 50 },
      { from: null, to: 'A', amount: 30, marked: ['x'] },
      { from: 'A', to: null, amount: 100 },
    ]);
    expect(t.carried(2)).toBe(0);
    // newest 30 tainted, then 50 clean left, then 20 of the first tainted lot
    expect(t.carried(4)).toBe(50);
    expect(t.held('A')).toBe(80);
  });
});
