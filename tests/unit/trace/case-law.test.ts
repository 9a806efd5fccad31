import { describe, expect, it } from 'vitest';
import { trace } from './ledgers.js';

/**
 * Worked examples from the case law, as the courts stated them. Amounts are whole units here;
 * the engine works in minor units, which changes nothing to the arithmetic.
 */
describe('Barlow Clowes International v Vaughan [1992] 4 All ER 22: one fund, two investors', () => {
  // Investor A pays in 1,000, then investor B 2,000; 600 is paid out.
  const steps = (outTo: string | null) => [
    { from: null, to: 'fund', amount: 1000, marked: ['A'] },
    { from: null, to: 'fund', amount: 2000, marked: ['B'] },
    { from: 'fund', to: outTo, amount: 600 },
  ];

  it('FIFO (the rule in Clayton\'s case) takes the 600 from A, the first in: A 400, B 2,000', () => {
    const t = trace('fifo', steps(null));
    expect([t.held('fund', 'A'), t.held('fund', 'B')]).toEqual([400, 2000]);
  });

  it('LIFO takes it from B, the last in: A 1,000, B 1,400', () => {
    const t = trace('lifo', steps(null));
    expect([t.held('fund', 'A'), t.held('fund', 'B')]).toEqual([1000, 1400]);
  });

  it('pro-rata (the rule the Court of Appeal preferred) shares the loss: A 800, B 1,600', () => {
    const t = trace('pro-rata', steps(null));
    expect([t.held('fund', 'A'), t.held('fund', 'B')]).toEqual([800, 1600]);
  });

  it('the 600 that left is traced too, whatever the method, and where it went', () => {
    const fifo = trace('fifo', steps('payee'));
    expect([fifo.held('payee', 'A'), fifo.held('payee', 'B')]).toEqual([600, 0]);
    const pr = trace('pro-rata', steps('payee'));
    expect([pr.held('payee', 'A'), pr.held('payee', 'B')]).toEqual([200, 400]);
  });
});

describe("James Roscoe (Bolton) Ltd v Winder [1915] 1 Ch 62: the lowest intermediate balance", () => {
  // 455 of the company's money paid into Wigham's account; the balance fell to 25; he then paid in
  // 333 of his own money. Only 25 is traceable: later deposits do not restore the trust money.
  const steps = [
    { from: null, to: 'wigham', amount: 455, marked: ['roscoe'] },
    { from: 'wigham', to: null, amount: 430 },
    { from: null, to: 'wigham', amount: 333 },
  ];

  it('LIBR leaves 25 traceable, not 358', () => {
    const t = trace('libr', steps);
    expect(t.balance('wigham')).toBe(358);
    expect(t.held('wigham')).toBe(25);
  });

  it('every method agrees on 25 here: none lets the clean 333 become tainted', () => {
    for (const m of ['fifo', 'lifo', 'pro-rata', 'tainted-first'] as const) expect(trace(m, steps).held('wigham')).toBe(25);
  });
});

describe("Re Hallett's Estate (1880) 13 Ch D 696: the wrongdoer is presumed to spend his own money first", () => {
  // 1,000 of his own, then 1,000 of the trust's; he spends 1,200.
  const steps = [
    { from: null, to: 'trustee', amount: 1000 },
    { from: null, to: 'trustee', amount: 1000, marked: ['trust'] },
    { from: 'trustee', to: null, amount: 1200 },
  ];

  it('LIBR (clean first): 800 of the trust money is still there', () => {
    expect(trace('libr', steps).held('trustee')).toBe(800);
  });

  it('FIFO would spend his own 1,000 first too, then 200 of the trust: 800', () => {
    expect(trace('fifo', steps).held('trustee')).toBe(800);
  });

  it('LIFO and tainted-first spend the trust money first: 0 and 0 would be left', () => {
    expect(trace('lifo', steps).held('trustee')).toBe(0);
    expect(trace('tainted-first', steps).held('trustee')).toBe(0);
  });

  it('pro-rata: 1,200 taken half and half leaves 400', () => {
    expect(trace('pro-rata', steps).held('trustee')).toBe(400);
  });
});

describe('Re Oatway [1903] 2 Ch 356 and US v Banco Cafetero Panama, 797 F.2d 1154 (2d Cir. 1986): tainted first', () => {
  // Own 4,077 and trust 3,000 mixed; 2,137 withdrawn to buy shares; the rest dissipated. The
  // claimant may say the share purchase was made with the trust money ("drugs-in, first-out").
  const steps = [
    { from: null, to: 'oatway', amount: 4077 },
    { from: null, to: 'oatway', amount: 3000, marked: ['trust'] },
    { from: 'oatway', to: 'shares', amount: 2137 },
    { from: 'oatway', to: null, amount: 4940 },
  ];

  it('tainted-first: the share purchase carried 2,137 of the trust money, the rest 863', () => {
    const t = trace('tainted-first', steps);
    expect(t.carried(2)).toBe(2137);
    expect(t.carried(3)).toBe(863);
    expect(t.held('shares')).toBe(2137);
  });

  it('LIBR ("drugs-in, last-out") would say the shares were bought with clean money', () => {
    const t = trace('libr', steps);
    expect(t.carried(2)).toBe(0);
    expect(t.carried(3)).toBe(3000);
  });
});

describe("Clayton's case (Devaynes v Noble, 1816): first in, first out on a running account", () => {
  it('withdrawals exhaust the earliest deposits first, across several victims', () => {
    const t = trace('fifo', [
      { from: null, to: 'bank', amount: 500, marked: ['v1'] },
      { from: null, to: 'bank', amount: 700 },
      { from: null, to: 'bank', amount: 300, marked: ['v2'] },
      { from: 'bank', to: null, amount: 900 },
    ]);
    // 500 of v1, then 400 of the clean 700: v2's 300 is untouched.
    expect(t.carried(3, 'v1')).toBe(500);
    expect(t.held('bank', 'v1')).toBe(0);
    expect(t.held('bank', 'v2')).toBe(300);
    expect(t.balance('bank')).toBe(600);
  });
});

describe('Bishopsgate Investment Management v Homan [1995] Ch 211: an emptied account loses the trace', () => {
  it('once the balance is nil, later deposits are not tainted, by any method', () => {
    const steps = [
      { from: null, to: 'acct', amount: 1000, marked: ['pension'] },
      { from: 'acct', to: null, amount: 1000 },
      { from: null, to: 'acct', amount: 5000 },
    ];
    for (const m of ['fifo', 'lifo', 'pro-rata', 'libr', 'tainted-first'] as const) expect(trace(m, steps).held('acct')).toBe(0);
  });
});
