import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TRACE_METHODS } from '../../../core/trace/engine.js';
import { checkConservation } from '../../../core/trace/conservation.js';
import { apportion, takeWithClean } from '../../../core/trace/apportion.js';
import { big, type Amt } from '../../../core/trace/amount.js';

const bigs = (v: Amt[]) => v.map(big);
import { rng, trace, type Step } from './ledgers.js';

/** A random multi-account ledger: deposits from outside, transfers, cash-outs, some marked, some overdrafts. */
function randomSteps(seed: number, n: number, accounts = 8, labels = ['a', 'b', 'c']): Step[] {
  const r = rng(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const names = Array.from({ length: accounts }, (_, i) => `acct${i}`);
  const steps: Step[] = [];
  for (let i = 0; i < n; i++) {
    const kind = r();
    // Amounts up to ~10^12 minor units exercise the BigInt path of the apportionment too.
    const amount = 1 + Math.floor(r() * (r() < 0.1 ? 1e12 : 5000));
    const marked = r() < 0.12 ? (r() < 0.2 ? [pick(labels), pick(labels)].filter((x, j, a) => a.indexOf(x) === j) : [pick(labels)]) : undefined;
    if (kind < 0.3) steps.push({ from: r() < 0.3 ? 'ext' : null, to: pick(names), amount, marked });
    else if (kind < 0.9) {
      const from = pick(names);
      let to = pick([...names, 'ext']);
      if (to === from) to = 'ext';
      steps.push({ from, to, amount, marked });
    } else steps.push({ from: pick(names), to: null, amount, marked });
  }
  return steps;
}

/**
 * Random ledgers from fast-check: a failing ledger shrinks to the fewest, smallest steps that still
 * break the property, and the seed and path to replay it are in the failure message.
 */
const NAMES = Array.from({ length: 8 }, (_, i) => `acct${i}`);
// Amounts up to ~10^12 minor units exercise the BigInt path of the apportionment too.
const amountArb = fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: 5000 }) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 1e12 }) });
const markedArb = fc.option(fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 2 }), { freq: 8, nil: undefined });
const stepArb: fc.Arbitrary<Step> = fc.oneof(
  // A deposit, from outside or from nowhere.
  { weight: 3, arbitrary: fc.record({ from: fc.constantFrom<string | null>(null, 'ext'), to: fc.constantFrom<string | null>(...NAMES), amount: amountArb, marked: markedArb }) },
  // A transfer, or a payment out.
  {
    weight: 6,
    arbitrary: fc
      .record({ from: fc.constantFrom<string | null>(...NAMES), to: fc.constantFrom<string | null>(...NAMES, 'ext'), amount: amountArb, marked: markedArb })
      .map((s) => (s.to === s.from ? { ...s, to: 'ext' } : s)),
  },
  // A cash-out.
  { weight: 1, arbitrary: fc.record({ from: fc.constantFrom<string | null>(...NAMES), to: fc.constant(null), amount: amountArb, marked: markedArb }) },
);

describe('conservation over random ledgers (fast-check)', () => {
  for (const method of TRACE_METHODS)
    it(`${method}: tainted in = out + held per account, injected = held + external + left, overall`, () => {
      fc.assert(
        fc.property(fc.array(stepArb, { maxLength: 300 }), (steps) => {
          const t = trace(method, steps, { external: ['ext'], labels: ['a', 'b', 'c'] });
          const report = checkConservation(t.out);
          expect(report.problems).toEqual([]);
          // Held taint never exceeds what the account holds.
          for (let s = 0; s < t.ledger.slots; s++) {
            if (t.ledger.sink[s]) continue;
            const held = big(t.out.held[s * 3]) + big(t.out.held[s * 3 + 1]) + big(t.out.held[s * 3 + 2]);
            expect(held <= big(t.out.balance[s])).toBe(true);
          }
          // Every transaction carries at most its amount.
          t.out.tainted.event.forEach((event, i) => expect(t.out.tainted.taint[i].reduce((x: bigint, y) => x + big(y), 0n) <= BigInt(steps[event].amount)).toBe(true));
        }),
        { numRuns: 40 },
      );
    });

  it('is deterministic: the same ledger gives the same result', () => {
    const steps = randomSteps(99, 500);
    for (const method of TRACE_METHODS) {
      const a = trace(method, steps, { external: ['ext'] });
      const b = trace(method, steps, { external: ['ext'] });
      expect(Array.from(a.out.held)).toEqual(Array.from(b.out.held));
      expect(a.out.tainted).toEqual(b.out.tainted);
    }
  });
});

describe('the methods bound one another on a single account', () => {
  it('LIBR keeps the most taint, tainted-first the least, the others in between (and never above the lowest balance)', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed);
      const steps: Step[] = [];
      for (let i = 0; i < 80; i++) {
        const amount = 1 + Math.floor(r() * 1000);
        if (r() < 0.55) steps.push({ from: null, to: 'A', amount, marked: r() < 0.4 ? ['x'] : undefined });
        else steps.push({ from: 'A', to: null, amount });
      }
      const held = Object.fromEntries(TRACE_METHODS.map((m) => [m, trace(m, steps).held('A')]));
      for (const m of ['fifo', 'lifo', 'pro-rata'] as const) {
        expect(held[m], `seed ${seed} ${m}`).toBeLessThanOrEqual(held.libr);
        expect(held[m], `seed ${seed} ${m}`).toBeGreaterThanOrEqual(held['tainted-first']);
      }
    }
  });

  it('LIBR equals the lowest balance since the taint arrived when no more taint comes in', () => {
    const r = rng(7);
    const steps: Step[] = [{ from: null, to: 'A', amount: 5000, marked: ['x'] }];
    let balance = 5000;
    let lowest = 5000;
    for (let i = 0; i < 200; i++) {
      const amount = 1 + Math.floor(r() * 400);
      if (r() < 0.5) (steps.push({ from: null, to: 'A', amount }), (balance += amount));
      else if (amount <= balance) (steps.push({ from: 'A', to: null, amount }), (balance -= amount), (lowest = Math.min(lowest, balance)));
    }
    expect(trace('libr', steps).held('A')).toBe(lowest);
  });
});

describe('largest remainder apportionment', () => {
  it('adds up exactly and gives ties to the earlier share (clean first)', () => {
    expect(apportion(1, [1, 1], 2, [])).toEqual([1, 0]);
    expect(apportion(10, [1, 1, 1], 3, [])).toEqual([4, 3, 3]);
    expect(apportion(600, [1000, 2000], 3000, [])).toEqual([200, 400]);
    // 7 * 2/7, 7 * 5/7 exactly; 5 * (1/3, 1/3, 1/3) -> 2, 2, 1
    expect(apportion(5, [3, 3, 3], 9, [])).toEqual([2, 2, 1]);
    // The same through the BigInt path (products past 2^53) gives the same shares.
    expect(bigs(apportion(10n ** 20n + 1n, [10n ** 20n, 10n ** 20n], 2n * 10n ** 20n, []))).toEqual([5n * 10n ** 19n + 1n, 5n * 10n ** 19n]);
  });

  it('takeWithClean gives the same shares as apportion with the clean money as share 0', () => {
    const r = rng(11);
    for (let i = 0; i < 2000; i++) {
      // Every other round in BigInt sizes, so both paths are held to the same rule.
      const scale = i % 2 ? 10n ** 15n : 1n;
      const parts = Array.from({ length: 1 + Math.floor(r() * 6) }, () => BigInt(Math.floor(r() * (r() < 0.3 ? 5 : 1e6))) * scale);
      const clean = BigInt(Math.floor(r() * 1e6)) * scale;
      const total = clean + parts.reduce((a, b) => a + b, 0n);
      if (total === 0n) continue;
      const amount = (BigInt(Math.floor(r() * 1e6)) * total) / 1_000_000n;
      const n = (x: bigint): Amt => (x <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(x) : x);
      const expected = bigs(apportion(n(amount), [clean, ...parts].map(n), n(total), new Array(parts.length + 1)).slice(1));
      const left = parts.map(n);
      const taken = takeWithClean(n(amount), n(clean), left, n(total));
      expect(taken ? bigs(taken) : parts.map(() => 0n)).toEqual(expected);
      expect(bigs(left)).toEqual(parts.map((p, k) => p - expected[k]));
    }
  });

  it('is exact for amounts up to 10^30 minor units', () => {
    const r = rng(3);
    const big = () => BigInt(Math.floor(r() * 1e15)) * 10n ** 15n + BigInt(Math.floor(r() * 1e15));
    for (let i = 0; i < 500; i++) {
      const w = [big(), big(), big()];
      const total = w[0] + w[1] + w[2];
      const amount = (total * BigInt(Math.floor(r() * 1e6))) / 1_000_000n;
      const shares = bigs(apportion(amount, w, total, []));
      expect(shares.reduce((a, b) => a + b, 0n)).toBe(amount);
      shares.forEach((s, k) => expect(s <= w[k]).toBe(true));
      // Each share is within one unit of the exact quotient.
      shares.forEach((s, k) => {
        const q = (amount * w[k]) / total;
        expect(s === q || s === q + 1n).toBe(true);
      });
    }
  });
});

describe('the account index of the scan', () => {
  it('finds every id it was given, nothing else, and survives hash collisions', async () => {
    const { IdIndex } = await import('../../../core/trace/id-index.js');
    const { v7 } = await import('uuid');
    const idx = new IdIndex(4);
    const ids = Array.from({ length: 5000 }, () => v7());
    ids.forEach((id, i) => idx.set(id, i));
    ids.forEach((id, i) => expect(idx.get(id)).toBe(i));
    expect(idx.get(v7())).toBeUndefined();
    expect(idx.get('not-an-id')).toBeUndefined();
  });
});

describe('the account index when ids share their random tail', () => {
  it('falls back to exact string keys and still finds each one', async () => {
    const { IdIndex } = await import('../../../core/trace/id-index.js');
    const idx = new IdIndex();
    const a = '018cee8a-0000-7000-8000-0123456789ab';
    const b = '018cee8b-1111-7111-8000-0123456789ab';
    idx.set(a, 0);
    idx.set(b, 1);
    expect([idx.get(a), idx.get(b)]).toEqual([0, 1]);
  });
});
