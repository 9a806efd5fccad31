import { afterEach, describe, expect, it } from 'vitest';
import { callError, tempCore } from '../../helpers/core.js';
import { jointCase, vehicle } from './fixtures.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

describe('asset links to what funded it', () => {
  it('links accounts and transactions of the same case, with the amount funded', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core);
    const from = await core.call('accounts.create', { caseId, kind: 'bank', identifier: 'US-1111', currency: 'USD', holderName: 'Shell LLC' });
    const dealer = await core.call('accounts.create', { caseId, kind: 'bank', identifier: 'US-2222', currency: 'USD', holderName: 'Prestige Motors' });
    const tx = await core.call('transactions.create', { caseId, fromAccountId: from.id, toAccountId: dealer.id, amount: '41200.00', currency: 'USD', occurredAt: '2025-11-02', reference: 'INV-88' });
    const a = await core.call('assets.create', vehicle(caseId));
    const l1 = await core.call('assets.linkAdd', { assetId: a.id, transactionId: tx.id });
    expect(l1).toMatchObject({ kind: 'transaction', amountMinor: '4120000', currency: 'USD', label: '2025-11-02 INV-88' });
    const l2 = await core.call('assets.linkAdd', { assetId: a.id, accountId: from.id, amount: '41200.00', currency: 'USD', note: 'paid from' });
    expect(l2).toMatchObject({ kind: 'account', label: 'Shell LLC US-1111', amountMinor: '4120000' });
    expect((await core.call('assets.get', { id: a.id })).links.map((l) => l.kind)).toEqual(['transaction', 'account']);
    await core.call('assets.linkRemove', { id: l2.id });
    expect((await core.call('assets.get', { id: a.id })).links).toHaveLength(1);
  });

  it('takes the tainted part of the purchase from a saved LIBR trace: "bought with 41,200.00 of traced proceeds"', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core);
    const victim = await core.call('accounts.create', { caseId, kind: 'bank', identifier: 'V-1', currency: 'USD', external: true });
    const payroll = await core.call('accounts.create', { caseId, kind: 'bank', identifier: 'P-1', currency: 'USD', external: true });
    const mule = await core.call('accounts.create', { caseId, kind: 'bank', identifier: 'M-1', currency: 'USD', holderName: 'Mule' });
    const dealer = await core.call('accounts.create', { caseId, kind: 'bank', identifier: 'D-1', currency: 'USD', holderName: 'Dealer', external: true });
    const tx = (from: string, to: string, amount: string, occurredAt: string) =>
      core.call('transactions.create', { caseId, fromAccountId: from, toAccountId: to, amount, currency: 'USD', occurredAt });
    const clean = await tx(payroll.id, mule.id, '20000.00', '2025-10-01');
    const fraud = await tx(victim.id, mule.id, '50000.00', '2025-10-05');
    const car = await tx(mule.id, dealer.id, '61200.00', '2025-10-10');
    void clean;
    const a = await core.call('assets.create', vehicle(caseId));
    await core.call('assets.linkAdd', { assetId: a.id, transactionId: car.id });
    await core.call('taint.mark', { caseId, transactionIds: [fraud.id] });
    const trace = await core.call('trace.save', { caseId, method: 'libr', name: 'LIBR from the fraud' });
    const link = await core.call('assets.linkAdd', { assetId: a.id, traceId: trace.id });
    // LIBR: clean money is spent first, so 20,000.00 of the 61,200.00 is clean and 41,200.00 traced proceeds.
    expect(link).toMatchObject({ kind: 'trace', method: 'libr', amountMinor: '4120000', currency: 'USD', label: 'LIBR from the fraud' });
  });

  it('refuses a link to another case or to two things at once', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core);
    const other = await core.call('cases.create', { number: 'TF-OTHER', title: 'Other' });
    const foreign = await core.call('accounts.create', { caseId: other.id, kind: 'bank', identifier: 'X-1', currency: 'USD' });
    const mine = await core.call('accounts.create', { caseId, kind: 'bank', identifier: 'M-1', currency: 'USD' });
    const a = await core.call('assets.create', vehicle(caseId));
    expect((await callError(core, 'assets.linkAdd', { assetId: a.id, accountId: foreign.id })).issues[0]).toEqual({ path: 'accountId', message: 'the account belongs to another case' });
    expect((await callError(core, 'assets.linkAdd', { assetId: a.id, accountId: mine.id, transactionId: mine.id })).issues[0].path).toBe('transactionId');
    expect((await callError(core, 'assets.linkAdd', { assetId: a.id, accountId: mine.id, amount: '10' })).issues[0].path).toBe('currency');
    expect((await core.call('assets.get', { id: a.id })).links).toEqual([]);
  });
});
