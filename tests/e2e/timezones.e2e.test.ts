import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../core/core.js';
import { openApp, closeBrowser, e2eEnabled, waitForText } from './harness.js';

afterAll(closeBrowser);

/** Bookings as banks write them: a date alone, a time with the bank's offset, and crypto at full precision. */
async function bookings(core: Core) {
  const c = await core.call('cases.create', { number: 'TF-TZ-1', title: 'Booked as the bank booked it', status: 'open' });
  const acc = (identifier: string, currency: string, external = false) =>
    core.call('accounts.create', { caseId: c.id, kind: currency === 'ETH' ? 'crypto' : 'bank', identifier, currency, external });
  const [payer, mule, src, wallet] = [await acc('PAYER-1', 'USD', true), await acc('MULE-1', 'USD'), await acc('0xsource', 'ETH', true), await acc('0xwallet', 'ETH')];
  const tx = (input: Record<string, unknown>) => core.call('transactions.create', { caseId: c.id, ...input } as never);
  await tx({ fromAccountId: payer.id, toAccountId: mule.id, amount: '2500.00', currency: 'USD', occurredAt: '2024-01-02', reference: 'DEP-DATE-ONLY' });
  await tx({ fromAccountId: mule.id, toAccountId: payer.id, amount: '100.00', currency: 'USD', occurredAt: '2024-01-02T12:20:00-05:00', reference: 'OFX-1220' });
  await tx({ fromAccountId: mule.id, toAccountId: payer.id, amount: '50.00', currency: 'USD', occurredAt: '2024-01-03T23:30:00+09:00', reference: 'LATE-TOKYO' });
  await tx({ fromAccountId: src.id, toAccountId: wallet.id, amount: '1000000.000000000000000001', currency: 'ETH', occurredAt: '2024-01-04', reference: 'WHALE' });
}

const ZONES = ['America/New_York', 'America/Mexico_City', 'Asia/Tokyo'];

describe.runIf(e2eEnabled)('dates as booked, in every time zone', () => {
  const seen: Record<string, string[]> = {};

  for (const timezoneId of ZONES)
    it(`shows the same booking dates and exact amounts in ${timezoneId}`, async () => {
      const app = await openApp({ prepare: bookings, timezoneId });
      try {
        const { page } = app;
        await page.getByRole('button', { name: 'Cases' }).click();
        await page.getByTestId('cases-grid').getByText('TF-TZ-1').click();
        await page.getByRole('tab', { name: 'Transactions' }).click();
        const grid = page.getByTestId('transactions-grid');
        await waitForText(grid, 'WHALE');
        const dates = await grid.locator('[col-id=occurredAt]').allInnerTexts();
        seen[timezoneId] = dates.filter((d) => d && d !== 'Date');
        // The OFX entry booked at 12:20 -05:00 shows 12:20 (the offset added where it differs from the viewer's).
        expect(seen[timezoneId][0]).toMatch(/^Jan 2, 2024, 12:20\s?PM( UTC−05:00)?$/);
        expect(seen[timezoneId][0].includes('UTC−05:00')).toBe(timezoneId !== 'America/New_York');
        // The date-only deposit stays on 2 Jan (it never becomes midnight UTC of the day before), and
        // sorts after the timed bookings of its day (docs/money-and-time.md).
        expect(seen[timezoneId][1]).toBe('Jan 2, 2024');
        expect(seen[timezoneId][2]).toMatch(/^Jan 3, 2024, 11:30\s?PM/);
        await waitForText(grid, '1,000,000.000000000000000001');
        await app.screenshot(`tz-${timezoneId.replace('/', '-')}`);

        // A filter on 3 Jan finds the booking dated 3 Jan, whatever the viewer's zone.
        await page.locator('input[name=bookedFrom]').fill('2024-01-03');
        await page.locator('input[name=bookedTo]').fill('2024-01-03');
        await waitForText(page.getByTestId('tx-count'), '1 transaction');
        await waitForText(grid, 'LATE-TOKYO');
      } finally {
        await app.close();
      }
    });

  it('agreed across the zones', () => {
    const [first, ...rest] = ZONES.map((z) => seen[z].map((d) => d.replace(/ UTC[−+]\d\d:\d\d$/, '')));
    for (const other of rest) expect(other).toEqual(first);
  });
});
