import { afterEach, describe, expect, it } from 'vitest';
import { newId } from '../../../core/ids.js';
import { callError, tempCore } from '../../helpers/core.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

/** A small laundering case: victim -> mule (commingled with salary) -> shell -> car dealer (external). */
async function smallCase() {
  env = tempCore('trace');
  const { core } = env;
  const c = await core.call('cases.create', { number: 'TF-TRACE-1', title: 'Trace', status: 'open' });
  const acc = async (identifier: string, external = false, currency = 'USD') =>
    core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier, currency, external });
  const victim = await acc('VICTIM-1', true);
  const mule = await acc('MULE-1');
  const shell = await acc('SHELL-1');
  const dealer = await acc('DEALER-1', true);
  const employer = await acc('EMPLOYER-1', true);
  const tx = (from: { id: string } | null, to: { id: string } | null, amount: string, occurredAt: string, reference: string) =>
    core.call('transactions.create', { caseId: c.id, fromAccountId: from?.id, toAccountId: to?.id, amount, currency: 'USD', occurredAt, reference });
  const salary = await tx(employer, mule, '2000.00', '2024-01-02', 'SAL-1');
  const fraud = await tx(victim, mule, '10000.00', '2024-01-05', 'WIRE-VICTIM');
  const layer = await tx(mule, shell, '9000.00', '2024-01-06', 'L-1');
  const car = await tx(shell, dealer, '6000.00', '2024-01-08', 'CAR');
  const cash = await tx(mule, null, '500.00', '2024-01-09', 'ATM');
  return { core, c, victim, mule, shell, dealer, employer, salary, fraud, layer, car, cash };
}

const acct = (r: { accounts: { identifier: string; balanceMinor: string; taintedMinor: string }[] }, id: string) =>
  r.accounts.find((a) => a.identifier === id)!;

describe('tracing through the contract, on a real database', () => {
  it('marks, runs by each method, and names accounts and transactions', async () => {
    const k = await smallCase();
    await k.core.call('taint.mark', { caseId: k.c.id, transactionIds: [k.fraud.id], label: 'fraud' });
    const fifo = await k.core.call('trace.run', { caseId: k.c.id, method: 'fifo' });
    // FIFO: the mule's salary (2,000) leaves first, so the 9,000 layer carries 7,000 tainted.
    expect(fifo.transactions.find((t) => t.reference === 'L-1')!.taintedMinor).toBe('700000');
    expect(acct(fifo, 'MULE-1')).toMatchObject({ balanceMinor: '250000', taintedMinor: '250000' });
    // The shell got 9,000 (7,000 tainted, in one lot) and paid 6,000 for the car: 6,000 * 7/9.
    expect(fifo.transactions.find((t) => t.reference === 'CAR')!.taintedMinor).toBe('466667');
    expect(acct(fifo, 'DEALER-1')).toMatchObject({ taintedMinor: '466667' });
    expect(fifo.totals).toEqual([
      { currency: 'USD', injectedMinor: '1000000', heldMinor: '483333', externalMinor: '466667', leftDataMinor: '50000', exchangedOutMinor: '0', exchangedInMinor: '0', conserved: true },
    ]);

    const libr = await k.core.call('trace.run', { caseId: k.c.id, method: 'libr' });
    // LIBR: clean money first: the layer carries 7,000 (all the clean 2,000 went first), the ATM 500 is tainted.
    expect(libr.transactions.find((t) => t.reference === 'ATM')!.taintedMinor).toBe('50000');
    const tf = await k.core.call('trace.run', { caseId: k.c.id, method: 'tainted-first' });
    expect(tf.transactions.find((t) => t.reference === 'L-1')!.taintedMinor).toBe('900000');
    expect(tf.transactions.find((t) => t.reference === 'CAR')!.taintedMinor).toBe('600000');
    expect(tf.edges.find((e) => e.toAccountId === k.dealer.id)).toMatchObject({ fromAccountId: k.shell.id, taintedMinor: '600000', count: 1 });
  });

  it('saves a trace with its method, marks, data version and result; audits it; re-runs identically', async () => {
    const k = await smallCase();
    await k.core.call('taint.mark', { caseId: k.c.id, transactionIds: [k.fraud.id] });
    const head = await k.core.call('audit.head', {});
    const saved = await k.core.call('trace.save', { caseId: k.c.id, method: 'pro-rata', name: 'Victim wire, pro-rata' });
    expect(saved.dataVersion).toBe(head.hash);
    expect(saved.markedCount).toBe(1);
    const list = await k.core.call('trace.list', { caseId: k.c.id });
    expect(list.map((t) => [t.name, t.method])).toEqual([['Victim wire, pro-rata', 'pro-rata']]);
    const got = await k.core.call('trace.get', { id: saved.id });
    expect(got.marked).toEqual([{ transactionId: k.fraud.id, label: 'tainted' }]);
    expect(got.result).toEqual(saved.result);
    expect(got.changesSince).toBe(0);
    const audit = await k.core.call('audit.list', { caseId: k.c.id });
    const row = audit.rows.find((r) => r.entity === 'trace')!;
    expect(JSON.parse(row.after).resultSha256).toBe(saved.resultSha256);
    expect((await k.core.call('audit.verify', {})).ok).toBe(true);

    const again = await k.core.call('trace.rerun', { id: saved.id });
    expect(again.identical).toBe(true);
    // New data changes the result, and the saved trace says its data has moved on.
    await k.core.call('transactions.create', { caseId: k.c.id, fromAccountId: k.mule.id, toAccountId: k.shell.id, amount: '100', currency: 'USD', occurredAt: '2024-01-10' });
    const after = await k.core.call('trace.rerun', { id: saved.id });
    expect(after.identical).toBe(false);
    expect(after.changesSince).toBe(1);
  });

  it('reports the tainted part of assets bought with linked transactions', async () => {
    const k = await smallCase();
    const assetId = newId();
    const w = env.core.writer.sqlite;
    w.prepare("INSERT INTO assets (id, case_id, type, description, seized_on, currency, value_seized_minor) VALUES (?, ?, 'vehicle', 'Porsche 911', '2024-02-01', 'USD', 600000)").run(assetId, k.c.id);
    w.prepare('INSERT INTO asset_links (id, asset_id, transaction_id) VALUES (?, ?, ?)').run(newId(), assetId, k.car.id);
    const r = await k.core.call('trace.run', { caseId: k.c.id, method: 'tainted-first', marks: [{ transactionId: k.fraud.id, label: 'fraud' }] });
    expect(r.assets).toEqual([
      { assetId, description: 'Porsche 911', currency: 'USD', purchaseMinor: '600000', taintedMinor: '600000', transactionIds: [k.car.id] },
    ]);
  });

  it('traces several labels at once and honours the until date and the labels filter', async () => {
    const k = await smallCase();
    await k.core.call('taint.mark', { caseId: k.c.id, transactionIds: [k.fraud.id], label: 'fraud' });
    await k.core.call('taint.mark', { caseId: k.c.id, transactionIds: [k.salary.id], label: 'tax evasion' });
    const both = await k.core.call('trace.run', { caseId: k.c.id, method: 'pro-rata' });
    expect(both.labels).toEqual(['fraud', 'tax evasion']);
    const layer = both.transactions.find((t) => t.reference === 'L-1')!;
    // 9,000 of 12,000 leaves pro-rata: 7,500 fraud, 1,500 tax evasion.
    expect(layer.taintedByLabel).toEqual(['750000', '150000']);
    const fraudOnly = await k.core.call('trace.run', { caseId: k.c.id, method: 'pro-rata', params: { labels: ['fraud'] } });
    expect(fraudOnly.labels).toEqual(['fraud']);
    const early = await k.core.call('trace.run', { caseId: k.c.id, method: 'pro-rata', params: { until: '2024-01-06' } });
    expect(early.transactionsTraced).toBe(3);
    expect(early.transactions.some((t) => t.reference === 'CAR')).toBe(false);
  });

  it('flags an outflow beyond the known balance', async () => {
    const k = await smallCase();
    const big = await k.core.call('transactions.create', { caseId: k.c.id, fromAccountId: k.shell.id, toAccountId: k.dealer.id, amount: '5000', currency: 'USD', occurredAt: '2024-01-20', reference: 'BIG' });
    const r = await k.core.call('trace.run', { caseId: k.c.id, method: 'fifo', marks: [{ transactionId: k.fraud.id, label: 'x' }] });
    expect(r.flags).toEqual([expect.objectContaining({ kind: 'overdraft', transactionId: big.id, reference: 'BIG', shortfallMinor: '200000' })]);
    expect(acct(r, 'SHELL-1')).toMatchObject({ balanceMinor: '0', unknownOriginMinor: '200000' });
  });

  it('refuses bad input with the field named, leaving the database as it was', async () => {
    const k = await smallCase();
    const count = (t: string) => (env.core.writer.sqlite.prepare(`SELECT count(*) n FROM ${t}`).get() as { n: number }).n;
    const before = [count('audit_log'), count('taint_marks'), count('traces')];
    expect((await callError(k.core, 'trace.run', { caseId: k.c.id, method: 'fifo' })).issues[0]).toEqual({ path: 'marks', message: 'mark at least one transaction as tainted' });
    expect((await callError(k.core, 'trace.run', { caseId: k.c.id, method: 'sideways', marks: [] })).issues.map((i) => i.path)).toEqual(['method', 'marks']);
    const other = newId();
    const bad = await callError(k.core, 'trace.save', { caseId: k.c.id, method: 'fifo', marks: [{ transactionId: k.fraud.id }, { transactionId: other }] });
    expect(bad.issues[0].path).toBe('marks.1.transactionId');
    const mark = await callError(k.core, 'taint.mark', { caseId: k.c.id, transactionIds: [k.fraud.id, other] });
    expect(mark.issues[0]).toEqual({ path: 'transactionIds.1', message: 'not a transaction of this case' });
    const late = await callError(k.core, 'trace.run', { caseId: k.c.id, method: 'fifo', marks: [{ transactionId: k.car.id }], params: { until: '2024-01-07' } });
    expect(late.issues[0].path).toBe('params.until');
    expect((await callError(k.core, 'trace.run', { caseId: k.c.id, method: 'fifo', marks: [{ transactionId: k.car.id }], params: { until: '2024-13-01' } })).issues[0].path).toBe('params.until');
    expect([count('audit_log'), count('taint_marks'), count('traces')]).toEqual(before);
  });

  it('resolves references and ids, naming the one it cannot find or that is ambiguous', async () => {
    const k = await smallCase();
    const r = await k.core.call('taint.resolve', { caseId: k.c.id, refs: ['WIRE-VICTIM', k.car.id] });
    expect(r.map((x) => x.transactionId)).toEqual([k.fraud.id, k.car.id]);
    expect((await callError(k.core, 'taint.resolve', { caseId: k.c.id, refs: ['CAR', 'NOPE'] })).issues[0].path).toBe('refs.1');
    await k.core.call('transactions.create', { caseId: k.c.id, fromAccountId: k.mule.id, amount: '1', currency: 'USD', occurredAt: '2024-01-11', reference: 'CAR' });
    expect((await callError(k.core, 'taint.resolve', { caseId: k.c.id, refs: ['CAR'] })).issues[0].message).toMatch(/several/);
  });

  it('lists and removes marks, with audit rows', async () => {
    const k = await smallCase();
    const r = await k.core.call('taint.mark', { caseId: k.c.id, transactionIds: [k.fraud.id, k.salary.id], label: 'fraud' });
    expect(r).toEqual({ added: 2, alreadyMarked: 0 });
    expect((await k.core.call('taint.mark', { caseId: k.c.id, transactionIds: [k.fraud.id], label: 'fraud' })).alreadyMarked).toBe(1);
    expect((await k.core.call('taint.list', { caseId: k.c.id })).map((m) => m.reference)).toEqual(['SAL-1', 'WIRE-VICTIM']);
    expect((await k.core.call('taint.unmark', { caseId: k.c.id, transactionIds: [k.salary.id] })).removed).toBe(1);
    expect((await k.core.call('taint.list', { caseId: k.c.id })).map((m) => m.reference)).toEqual(['WIRE-VICTIM']);
    const audit = await k.core.call('audit.list', { caseId: k.c.id });
    expect(audit.rows.filter((x) => x.entity === 'taint_mark').length).toBe(3);
  });

  it('keeps currencies apart', async () => {
    const k = await smallCase();
    const eur = await k.core.call('accounts.create', { caseId: k.c.id, kind: 'bank', identifier: 'DE-EUR-1', currency: 'EUR' });
    const eur2 = await k.core.call('accounts.create', { caseId: k.c.id, kind: 'bank', identifier: 'DE-EUR-2', currency: 'EUR' });
    const e1 = await k.core.call('transactions.create', { caseId: k.c.id, toAccountId: eur.id, amount: '300', currency: 'EUR', occurredAt: '2024-01-03' });
    await k.core.call('transactions.create', { caseId: k.c.id, fromAccountId: eur.id, toAccountId: eur2.id, amount: '100', currency: 'EUR', occurredAt: '2024-01-04' });
    // A currency the taint never touches is not listed in the totals (rows of zeros say nothing).
    const gbp = await k.core.call('accounts.create', { caseId: k.c.id, kind: 'bank', identifier: 'GB-1', currency: 'GBP' });
    await k.core.call('transactions.create', { caseId: k.c.id, toAccountId: gbp.id, amount: '5', currency: 'GBP', occurredAt: '2024-01-04' });
    const r = await k.core.call('trace.run', { caseId: k.c.id, method: 'fifo', marks: [{ transactionId: k.fraud.id }, { transactionId: e1.id }] });
    expect(r.totals.map((t) => [t.currency, t.injectedMinor])).toEqual([['EUR', '30000'], ['USD', '1000000']]);
    expect(acct(r, 'DE-EUR-2')).toMatchObject({ currency: 'EUR', taintedMinor: '10000' });
  });
});
