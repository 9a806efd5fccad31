import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

describe('subjects.profile', () => {
  it('totals in and out per account and currency exactly, names counterparties, lists assets and transactions in booked order', async () => {
    const t = tempCore('profile');
    cleanup = t.cleanup;
    const { core } = t;
    const c = await core.call('cases.create', { number: 'TF-P-1', title: 'Profile' });
    const rosa = await core.call('subjects.create', { caseId: c.id, kind: 'person', name: 'Rosa Delgado' });
    const other = await core.call('subjects.create', { caseId: c.id, kind: 'organisation', name: 'Harbor Imports LLC' });
    const usd = await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'US-1', currency: 'USD', holderSubjectId: rosa.id });
    const eur = await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'DE-2', currency: 'EUR', holderSubjectId: rosa.id });
    const harbor = await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'US-9', currency: 'USD', holderSubjectId: other.id });
    const tx = (from: string | undefined, to: string | undefined, amount: string, occurredAt: string, extra: Record<string, string> = {}) =>
      core.call('transactions.create', { caseId: c.id, fromAccountId: from, toAccountId: to, amount, currency: 'USD', occurredAt, ...extra });
    // Past 2^53 minor units: a float sum would lose the last digits.
    await tx(harbor.id, usd.id, '90071992547409.93', '2024-03-02');
    await tx(harbor.id, usd.id, '0.10', '2024-03-01T10:00:00');
    await tx(usd.id, harbor.id, '250.00', '2024-03-03', { reference: 'BACK-1' });
    // Own transfer with an exchange: out of USD, into EUR.
    await tx(usd.id, eur.id, '100.00', '2024-03-04', { toAmount: '92.50', toCurrency: 'EUR' });
    await tx(undefined, usd.id, '5.00', '2024-03-01');
    const boat = await core.call('assets.create', { caseId: c.id, type: 'other', description: 'Boat', seizedOn: '2024-04-01', currency: 'USD', valueSeized: '1000.00' });
    await core.call('assets.linkAdd', { assetId: boat.id, accountId: usd.id });

    const p = await core.call('subjects.profile', { id: rosa.id });
    expect(p.subject.name).toBe('Rosa Delgado');
    const us = p.accounts.find((a) => a.identifier === 'US-1')!;
    expect(us.totals).toEqual([{ currency: 'USD', inMinor: '9007199254741503', outMinor: '35000', inCount: 3, outCount: 2 }]);
    expect(p.accounts.find((a) => a.identifier === 'DE-2')!.totals).toEqual([{ currency: 'EUR', inMinor: '9250', outMinor: '0', inCount: 1, outCount: 0 }]);
    const h = p.counterparties.find((x) => x.identifier === 'US-9')!;
    expect(h).toMatchObject({ name: 'Harbor Imports LLC', currency: 'USD', receivedFromMinor: '9007199254741003', sentToMinor: '25000', count: 3 });
    // The own transfer is no counterparty.
    expect(p.counterparties.map((x) => x.identifier)).not.toContain('DE-2');
    expect(p.assets.map((a) => a.description)).toEqual(['Boat']);
    expect(p.transactionCount).toBe(5);
    // Booked order: the dated 03-01 row comes after the timed 03-01 10:00 one.
    expect(p.timeline.map((x) => [x.occurredAt, x.direction, x.amountMinor])).toEqual([
      ['2024-03-01T10:00:00', 'in', '10'],
      ['2024-03-01', 'in', '500'],
      ['2024-03-02', 'in', '9007199254740993'],
      ['2024-03-03', 'out', '25000'],
      ['2024-03-04', 'own', '10000'],
    ]);
    await expect(core.call('subjects.profile', { id: harbor.id })).rejects.toThrow(/subject/);
  });
});
