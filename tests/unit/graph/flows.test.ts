import { afterEach, describe, expect, it } from 'vitest';
import { callError, tempCore } from '../../helpers/core.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

/** Two victims pay a mule, who pays two shells; one shell pays back the other; cash out. */
async function ring() {
  env = tempCore('graph');
  const { core } = env;
  const c = await core.call('cases.create', { number: 'TF-G', title: 'Graph', status: 'open' });
  const boss = await core.call('subjects.create', { caseId: c.id, kind: 'person', name: 'Boss' });
  const acc = (identifier: string, holderSubjectId?: string, external = false) =>
    core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier, currency: 'USD', holderSubjectId, external });
  const v1 = await acc('V1', undefined, true);
  const v2 = await acc('V2', undefined, true);
  const mule = await acc('MULE');
  const s1 = await acc('SHELL-1', boss.id);
  const s2 = await acc('SHELL-2', boss.id);
  const tx = (from: { id: string } | null, to: { id: string } | null, amount: string, occurredAt: string, reference = '') =>
    core.call('transactions.create', { caseId: c.id, fromAccountId: from?.id, toAccountId: to?.id, amount, currency: 'USD', occurredAt, reference });
  await tx(v1, mule, '100', '2024-01-01', 'V1-A');
  await tx(v1, mule, '300', '2024-01-03', 'V1-B');
  await tx(v2, mule, '50', '2024-01-04');
  await tx(mule, s1, '200', '2024-01-05');
  await tx(mule, s2, '200', '2024-01-06');
  await tx(s1, s2, '150', '2024-02-01');
  await tx(s2, null, '5', '2024-02-02', 'ATM');
  return { core, c, boss, v1, v2, mule, s1, s2 };
}

describe('money-trail graph queries', () => {
  it('aggregates flows per ordered pair: total, count, first and last date; subjects hold their accounts', async () => {
    const k = await ring();
    const g = await k.core.call('graph.flows', { caseId: k.c.id });
    const edge = g.edges.find((e) => e.source === k.v1.id && e.target === k.mule.id)!;
    expect(edge).toMatchObject({ kind: 'flow', totalMinor: '40000', count: 2, first: '2024-01-01', last: '2024-01-03', currency: 'USD' });
    expect(g.edges.filter((e) => e.kind === 'holds').map((e) => [e.source, e.target]).sort()).toEqual([[k.boss.id, k.s1.id], [k.boss.id, k.s2.id]].sort());
    // Cash out of SHELL-2 goes to a node of its own beside it, not to one hub shared by every account.
    expect(g.edges.find((e) => e.target === `outside:${k.s2.id}`)).toMatchObject({ source: k.s2.id, totalMinor: '500' });
    expect(g.nodes.map((n) => n.kind).sort()).toEqual(['account', 'account', 'account', 'account', 'account', 'outside', 'subject']);
    expect(g.nodes.find((n) => n.id === k.s1.id)!.label).toBe('Boss ···LL-1');
    expect(g.nodes.find((n) => n.id === k.v1.id)!.external).toBe(true);
  });

  it('filters by date range and minimum amount, and drills down into an edge', async () => {
    const k = await ring();
    const jan = await k.core.call('graph.flows', { caseId: k.c.id, from: '2024-01-02', to: '2024-01-31' });
    expect(jan.edges.filter((e) => e.kind === 'flow').length).toBe(4);
    expect(jan.edges.find((e) => e.source === k.v1.id)).toMatchObject({ totalMinor: '30000', count: 1 });
    const big = await k.core.call('graph.flows', { caseId: k.c.id, minAmountMinor: 15000 });
    expect(big.edges.filter((e) => e.kind === 'flow').map((e) => Number(e.totalMinor)).sort((a, b) => a - b)).toEqual([15000, 20000, 20000, 30000]);
    const drill = await k.core.call('graph.edgeTransactions', { filter: { caseId: k.c.id }, fromAccountId: k.v1.id, toAccountId: k.mule.id });
    expect(drill.total).toBe(2);
    expect(drill.rows.map((r) => r.reference)).toEqual(['V1-A', 'V1-B']);
    const cash = await k.core.call('graph.edgeTransactions', { filter: { caseId: k.c.id }, fromAccountId: k.s2.id, toAccountId: null });
    expect(cash.total).toBe(1);
    expect(cash.rows.map((r) => r.reference)).toEqual(['ATM']);
    const bad = await callError(k.core, 'graph.flows', { caseId: k.c.id, from: '2024-03-01', to: '2024-01-01' });
    expect(bad.issues[0]).toEqual({ path: 'to', message: 'the start date is after the end date' });
  });

  it('ranks key players by betweenness, with degree and weighted flow', async () => {
    const k = await ring();
    const r = await k.core.call('graph.keyPlayers', { filter: { caseId: k.c.id }, level: 'account' });
    expect(r.currency).toBe('USD');
    const top = r.players[0];
    // The mule stands between both victims and both shells. Cash is not a player: n = 5 accounts.
    expect(top.id).toBe(k.mule.id);
    expect(top).toMatchObject({ inDegree: 2, outDegree: 2, inflowMinor: '45000', outflowMinor: '40000' });
    // Brandes by hand: ordered pairs whose shortest paths run through MULE: V1, V2 to SHELL-1,
    // SHELL-2 = 4 of (n-1)(n-2) = 4 * 3 = 12.
    expect(top.betweenness).toBeCloseTo(4 / 12, 10);
    expect(r.players.map((p) => p.id)).not.toContain(`outside:${k.s2.id}`);
    // SHELL-2's cash-out counts in its volume, not as a counterparty.
    expect(r.players.find((p) => p.id === k.s2.id)).toMatchObject({ betweenness: 0, outDegree: 0, outflowMinor: '500', inflowMinor: '35000' });
    const entities = await k.core.call('graph.keyPlayers', { filter: { caseId: k.c.id }, level: 'entity' });
    // Folded into Boss, the shell-to-shell transfer disappears and Boss receives 400.
    expect(entities.players.find((p) => p.id === k.boss.id)).toMatchObject({ kind: 'subject', label: 'Boss', inflowMinor: '40000', outflowMinor: '500' });
  });

  it('gives the timeline per day and currency', async () => {
    const k = await ring();
    const t = await k.core.call('graph.timeline', { filter: { caseId: k.c.id } });
    expect(t.days.slice(0, 2)).toEqual([
      { day: '2024-01-01', currency: 'USD', totalMinor: '10000', count: 1 },
      { day: '2024-01-03', currency: 'USD', totalMinor: '30000', count: 1 },
    ]);
    expect(t.days.length).toBe(7);
  });
});
