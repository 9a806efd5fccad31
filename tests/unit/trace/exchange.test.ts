import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../core/core.js';
import { callError } from '../../helpers/core.js';
import { proceeds } from '../../helpers/cli.js';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

function open() {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'exchange-'));
  const db = path.join(dir, 'p.sqlite');
  return { db, core: new Core({ dbPath: db, actor: { user: 'tester', agency: 'Test' } }) };
}

describe('taint crosses a currency exchange', () => {
  it('a tainted USD wire that buys bitcoin leaves its taint in the wallet, at that exchange’s own rate', async () => {
    const { core } = open();
    const c = await core.call('cases.create', { number: 'TF-FX', title: 'FX', status: 'open' });
    const acc = (identifier: string, currency: string, external = false) =>
      core.call('accounts.create', { caseId: c.id, kind: currency === 'USD' ? 'bank' : 'crypto', identifier, currency, external });
    const [victim, mule, wallet, exchange] = [await acc('VICTIM', 'USD', true), await acc('MULE', 'USD'), await acc('bc1qwallet', 'BTC'), await acc('EXCHANGE', 'USD', true)];
    const tx = (input: Record<string, unknown>) => core.call('transactions.create', { caseId: c.id, currency: 'USD', ...input } as never);
    await tx({ fromAccountId: exchange.id, toAccountId: mule.id, amount: '6000.00', occurredAt: '2024-05-01', reference: 'SALARY' });
    const wire = await tx({ fromAccountId: victim.id, toAccountId: mule.id, amount: '10000.00', occurredAt: '2024-05-02T09:15:00-04:00', reference: 'WIRE' });
    // 8,000 USD buys 0.12 BTC: one transaction with both legs.
    const buy = await tx({ fromAccountId: mule.id, toAccountId: wallet.id, amount: '8000.00', toAmount: '0.12000000', toCurrency: 'BTC', occurredAt: '2024-05-03T14:00:00Z', reference: 'BUY-BTC' });
    expect(buy).toMatchObject({ amountMinor: '800000', currency: 'USD', toAmountMinor: '12000000', toCurrency: 'BTC' });
    await core.call('taint.mark', { caseId: c.id, transactionIds: [wire.id] });

    // FIFO: the 6,000 clean salary leaves first, so 2,000 of the 8,000 is tainted: 2/8 of 0.12 BTC.
    const fifo = await core.call('trace.run', { caseId: c.id, method: 'fifo' });
    expect(fifo.accounts.find((a) => a.identifier === 'bc1qwallet')).toMatchObject({ currency: 'BTC', taintedMinor: '3000000', balanceMinor: '12000000' });
    expect(fifo.transactions.find((t) => t.reference === 'BUY-BTC')).toMatchObject({ taintedMinor: '3000000', toCurrency: 'BTC' });
    expect(fifo.totals).toEqual([
      { currency: 'BTC', injectedMinor: '0', heldMinor: '3000000', externalMinor: '0', leftDataMinor: '0', exchangedOutMinor: '0', exchangedInMinor: '3000000', conserved: true },
      { currency: 'USD', injectedMinor: '1000000', heldMinor: '800000', externalMinor: '0', leftDataMinor: '0', exchangedOutMinor: '200000', exchangedInMinor: '0', conserved: true },
    ]);
    // Tainted-first: all 8,000 is tainted, so the whole 0.12 BTC.
    const tf = await core.call('trace.run', { caseId: c.id, method: 'tainted-first' });
    expect(tf.accounts.find((a) => a.identifier === 'bc1qwallet')!.taintedMinor).toBe('12000000');
    // LIBR: clean 6,000 spent first, as FIFO here.
    const libr = await core.call('trace.run', { caseId: c.id, method: 'libr' });
    expect(libr.accounts.find((a) => a.identifier === 'bc1qwallet')!.taintedMinor).toBe('3000000');
    // Pro-rata: 10/16 of the 8,000 = 5,000 tainted -> 0.075 BTC.
    const pr = await core.call('trace.run', { caseId: c.id, method: 'pro-rata' });
    expect(pr.accounts.find((a) => a.identifier === 'bc1qwallet')!.taintedMinor).toBe('7500000');
    core.close();
  });

  it('refuses an exchange into the wrong currency for the receiving account, or half an exchange', async () => {
    const { core } = open();
    const c = await core.call('cases.create', { number: 'TF-FX2', title: 'FX', status: 'open' });
    const usd = await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'U', currency: 'USD' });
    const cop = await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'C', currency: 'COP' });
    const base = { caseId: c.id, fromAccountId: usd.id, toAccountId: cop.id, amount: '100.00', currency: 'USD', occurredAt: '2024-01-01' };
    expect((await callError(core, 'transactions.create', base)).issues[0]).toMatchObject({ path: 'toAccountId', message: 'account is in COP, transaction in USD' });
    expect((await callError(core, 'transactions.create', { ...base, toAmount: '400000.00' })).issues[0].path).toBe('toCurrency');
    expect((await callError(core, 'transactions.create', { ...base, toAmount: '400000.001', toCurrency: 'COP' })).issues[0].path).toBe('toAmount');
    expect((await callError(core, 'transactions.create', { ...base, occurredAt: '2024-01-01T10:00+25:00' })).issues[0].path).toBe('occurredAt');
    const ok = await core.call('transactions.create', { ...base, toAmount: '400000.00', toCurrency: 'COP' });
    expect(ok.toAmountMinor).toBe('40000000');
    core.close();
  });
});

describe('1,000,000 ETH in wei (10^24) end to end', () => {
  it('is stored, listed, traced and printed by the CLI exactly', async () => {
    const { core, db } = open();
    const c = await core.call('cases.create', { number: 'TF-ETH', title: 'Whale', status: 'open' });
    const acc = (identifier: string, external = false) => core.call('accounts.create', { caseId: c.id, kind: 'crypto', identifier, currency: 'ETH', external });
    const [src, hot, cold] = [await acc('0xsource', true), await acc('0xhot'), await acc('0xcold')];
    const inflow = await core.call('transactions.create', { caseId: c.id, fromAccountId: src.id, toAccountId: hot.id, amount: '1000000', currency: 'ETH', occurredAt: '2024-06-01T00:00:00Z', reference: 'WHALE' });
    // One wei short of 0.999... of it moves on: nothing rounds.
    await core.call('transactions.create', { caseId: c.id, fromAccountId: hot.id, toAccountId: cold.id, amount: '999999.999999999999999999', currency: 'ETH', occurredAt: '2024-06-02', reference: 'MOVE' });
    expect(inflow.amountMinor).toBe('1000000000000000000000000');
    const list = await core.call('transactions.list', { caseId: c.id });
    expect(list.rows.map((r) => r.amountMinor)).toEqual(['1000000000000000000000000', '999999999999999999999999']);
    await core.call('taint.mark', { caseId: c.id, transactionIds: [inflow.id] });
    for (const method of ['fifo', 'pro-rata', 'libr'] as const) {
      const r = await core.call('trace.run', { caseId: c.id, method });
      expect(r.accounts.find((a) => a.identifier === '0xcold')!.taintedMinor, method).toBe('999999999999999999999999');
      expect(r.accounts.find((a) => a.identifier === '0xhot')!.taintedMinor, method).toBe('1');
    }
  await core.call('settings.setProfile', { user: 'tester', agency: 'Test' });
    core.close();
    const out = proceeds(['--db', db, 'trace', '--case', 'TF-ETH', '--method', 'fifo', '--json']);
    expect(out.stderr).toBe('');
    // Decimal text: every digit survives any JSON reader.
    const json = out.json();
    expect(json.accounts.find((a: { account: string }) => a.account === '0xcold').tainted_minor).toBe('999999999999999999999999');
    expect(json.transactions.find((t: { reference: string }) => t.reference === 'WHALE').amount_minor).toBe('1000000000000000000000000');
    const text = proceeds(['--db', db, 'trace', '--case', 'TF-ETH', '--method', 'fifo']);
    expect(text.stdout).toContain('999999.999999999999999999 ETH');
  });
});
