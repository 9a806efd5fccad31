import { afterAll, describe, expect, it } from 'vitest';
import { openApp, closeBrowser, e2eEnabled, waitForText, type App } from './harness.js';

afterAll(closeBrowser);

describe.runIf(e2eEnabled)('foundation, through the UI in Chromium', () => {
  let app: App;
  afterAll(async () => app?.close());

  it('creates a case, a subject, two accounts and a transaction, and shows them with their audit entries', async () => {
    app = await openApp();
    const { page } = app;
    await page.getByRole('heading', { name: 'Welcome to Proceeds' }).waitFor();
    await app.screenshot('01-welcome');

    await page.getByRole('button', { name: 'Create a case' }).click();
    await page.locator('input[name=number]').fill('TF-2026-042');
    await page.locator('input[name=title]').fill('Operation Harbor Light');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: 'Operation Harbor Light' }).waitFor();

    await page.getByRole('tab', { name: 'Subjects & accounts' }).click();
    await page.getByRole('button', { name: 'Add subject' }).click();
    await page.locator('input[name=name]').fill('Marco Ferreira');
    await page.locator('input[name=bornOn]').fill('1979-02-30');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await waitForText(page.getByRole('alert').first(), 'not a real date');
    await page.locator('input[name=bornOn]').fill('1979-02-28');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page.getByTestId('subjects-grid').getByText('Marco Ferreira').waitFor();

    for (const [identifier, holder] of [['US-021000021-4401', 'Marco Ferreira'], ['PT50 0002 0123 1234 5678 9015 4', '']]) {
      await page.getByRole('button', { name: 'Add account' }).click();
      await page.locator('input[name=identifier]').fill(identifier);
      if (holder) await page.locator('select[name=holderSubjectId]').selectOption({ label: holder });
      await page.getByRole('button', { name: 'Add', exact: true }).click();
      await page.getByTestId('accounts-grid').getByText(identifier).waitFor();
    }
    await app.screenshot('02-subjects-accounts');

    await page.getByRole('tab', { name: 'Transactions' }).click();
    await page.getByRole('button', { name: 'Enter transaction' }).click();
    await page.locator('select[name=fromAccountId]').selectOption({ index: 2 });
    await page.locator('select[name=toAccountId]').selectOption({ index: 1 });
    await page.locator('input[name=occurredAt]').fill('2026-03-07');
    await page.locator('input[name=amount]').fill('12,3x');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await waitForText(page.getByRole('alert').first(), 'is not a number');
    await page.locator('input[name=amount]').fill('48250.75');
    await page.locator('input[name=reference]').fill('WIRE-77001');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    const grid = page.getByTestId('transactions-grid');
    await grid.getByText('WIRE-77001').waitFor();
    await waitForText(grid, '48,250.75');
    await app.screenshot('03-transactions');

    await page.getByRole('tab', { name: 'Audit' }).click();
    const audit = page.getByTestId('audit-grid');
    await audit.getByText('transactions.create').waitFor();
    await waitForText(audit, 'subjects.create');
    await waitForText(audit, 'cases.create');
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await waitForText(page.getByTestId('audit-verify'), 'Chain intact');
    await app.screenshot('04-audit');

    // What the UI did is really in the database.
    const txs = app.core.reader.sqlite.prepare('SELECT amount_minor, currency FROM transactions').all();
    expect(txs).toEqual([{ amount_minor: '4825075', currency: 'USD' }]);
  });
});
