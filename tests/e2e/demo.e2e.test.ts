import { afterAll, describe, expect, it } from 'vitest';
import { openApp, closeBrowser, e2eEnabled, waitForText, type App } from './harness.js';

afterAll(closeBrowser);

describe.runIf(e2eEnabled)('the demo case, loaded from the welcome screen', () => {
  let app: App;
  afterAll(async () => app?.close());

  it('loads from the first-launch offer and shows a usable case in every foundation view', async () => {
    app = await openApp();
    const { page } = app;
    await page.getByRole('button', { name: 'Load the demo case' }).click();
    await page.getByRole('tab', { name: 'Overview' }).waitFor({ timeout: 60_000 });
    const number = await page.locator('.workspace__number').innerText();
    expect(number).toMatch(/^TF-2024-\d+$/);
    await waitForText(page.getByTestId('participants'), 'HSI');
    await app.screenshot('10-demo-overview');

    await page.getByRole('tab', { name: 'Subjects & accounts' }).click();
    await page.getByTestId('accounts-grid').locator('.ag-row').first().waitFor();
    await app.screenshot('11-demo-subjects-accounts');

    await page.getByRole('tab', { name: 'Transactions' }).click();
    await page.getByTestId('transactions-grid').locator('.ag-row').first().waitFor();
    // The count is set in the render after the first page of rows: wait for it, not for the rows.
    await waitForText(page.getByTestId('tx-count'), 'transactions');
    const count = Number((await page.getByTestId('tx-count').innerText()).replace(/\D/g, ''));
    const inDb = (app.core.reader.sqlite.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;
    expect(count).toBe(inDb);
    expect(count).toBeGreaterThan(2000);
    await page.getByPlaceholder('Search reference, memo, counterparty').fill('WIRE-');
    await page.getByTestId('transactions-grid').locator('.ag-row').first().waitFor();
    await app.screenshot('12-demo-transactions');

    await page.getByRole('tab', { name: 'Audit' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await waitForText(page.getByTestId('audit-verify'), 'Chain intact');
    await app.screenshot('13-demo-audit');

    await page.getByRole('button', { name: 'Cases' }).click();
    await waitForText(page.getByTestId('cases-grid'), number);
    await app.screenshot('14-demo-case-list');
  });
});
