import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../core/core.js';
import { openApp, closeBrowser, e2eEnabled, waitForText } from './harness.js';

afterAll(closeBrowser);

async function accounts(core: Core) {
  const c = await core.call('cases.create', { number: 'TF-FX-UI', title: 'Dollars into bitcoin', status: 'open' });
  await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'US-MULE-77', currency: 'USD', holderName: 'Mule LLC' });
  await core.call('accounts.create', { caseId: c.id, kind: 'crypto', identifier: 'bc1qmulewallet', currency: 'BTC' });
}

describe.runIf(e2eEnabled)('an exchange entered by hand', () => {
  it('asks for what the receiving account got when the two accounts are in different currencies, and shows both legs', async () => {
    const app = await openApp({ prepare: accounts, timezoneId: 'America/Bogota' });
    try {
      const { page } = app;
      await page.getByRole('button', { name: 'Cases' }).click();
      await page.getByTestId('cases-grid').getByText('TF-FX-UI').click();
      await page.getByRole('tab', { name: 'Transactions' }).click();
      await page.getByRole('button', { name: 'Enter transaction' }).click();
      await page.locator('select[name=fromAccountId]').selectOption({ label: 'Mule LLC · US-MULE-77 (USD)' });
      await page.locator('select[name=toAccountId]').selectOption({ label: 'bc1qmulewallet (BTC)' });
      // The received leg appears only now, in the wallet's currency.
      await page.locator('input[name=toAmount]').waitFor();
      expect(await page.locator('input[name=toCurrency]').inputValue()).toBe('BTC');
      await page.locator('input[name=occurredAt]').fill('2024-05-03T14:00-05:00');
      await page.locator('input[name=amount]').fill('8000.00');
      await page.locator('input[name=toAmount]').fill('0.120000001');
      await page.locator('input[name=reference]').fill('BUY-BTC-1');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      // Nine decimals for bitcoin is refused, never rounded.
      await waitForText(page.getByRole('alert').first(), 'BTC has 8 decimal places');
      await page.locator('input[name=toAmount]').fill('0.12000000');
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      const grid = page.getByTestId('transactions-grid');
      await waitForText(grid, 'BUY-BTC-1');
      await waitForText(grid, '$8,000.00');
      await waitForText(grid, 'BTC');
      const received = await grid.locator('[col-id=toAmountMinor]').allInnerTexts();
      expect(received.some((t) => t.includes('0.12000000'))).toBe(true);
      // Booked in Bogotá's own offset: shown as booked, no offset label needed for a viewer there.
      const dates = await grid.locator('[col-id=occurredAt]').allInnerTexts();
      expect(dates).toContain('May 3, 2024, 2:00 PM');
      await app.screenshot('tx-exchange');
    } finally {
      await app.close();
    }
  });
});
