import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../core/core.js';
import { openApp, closeBrowser, e2eEnabled, waitForText, type App } from './harness.js';

afterAll(closeBrowser);

let caseId = '';
async function prepare(core: Core) {
  const c = await core.call('cases.create', { number: 'TF-2026-401', title: 'Operation Ledger' });
  caseId = c.id;
  const rosa = await core.call('subjects.create', { caseId, kind: 'person', name: 'Rosa Delgado', aliases: ['La Contadora'], identifiers: [{ type: 'passport', value: 'P1234567' }], country: 'CO' });
  const harbor = await core.call('subjects.create', { caseId, kind: 'organisation', name: 'Harbor Imports LLC' });
  const usd = await core.call('accounts.create', { caseId, kind: 'bank', identifier: 'US-021000021-4401', currency: 'USD', holderSubjectId: rosa.id, institution: 'First Harbor Bank' });
  const eur = await core.call('accounts.create', { caseId, kind: 'bank', identifier: 'DE89370400440532013000', currency: 'EUR', holderSubjectId: rosa.id });
  const h = await core.call('accounts.create', { caseId, kind: 'bank', identifier: 'US-9', currency: 'USD', holderSubjectId: harbor.id });
  const tx = (from: string, to: string, amount: string, occurredAt: string, extra: Record<string, string> = {}) =>
    core.call('transactions.create', { caseId, fromAccountId: from, toAccountId: to, amount, currency: 'USD', occurredAt, ...extra });
  await tx(h.id, usd.id, '48250.75', '2026-03-02', { reference: 'WIRE-1' });
  await tx(h.id, usd.id, '1000.00', '2026-03-05', { reference: 'WIRE-2' });
  await tx(usd.id, h.id, '250.00', '2026-03-06', { reference: 'BACK-1' });
  await tx(usd.id, eur.id, '100.00', '2026-03-07', { toAmount: '92.50', toCurrency: 'EUR' });
  const car = await core.call('assets.create', { caseId, type: 'other', description: 'Black SUV', seizedOn: '2026-04-01', currency: 'USD', valueSeized: '42000.00' });
  await core.call('assets.linkAdd', { assetId: car.id, accountId: usd.id });
}

describe.runIf(e2eEnabled)('a subject profile (Chromium)', () => {
  let app: App;
  afterAll(async () => app?.close());

  it('shows identifiers, exact totals per account and currency, counterparties, assets and the timeline; account counts are right', async () => {
    app = await openApp({ prepare });
    const { page } = app;
    await page.getByTestId('cases-grid').waitFor();
    await page.goto(`${new URL(page.url()).origin}/#/case/${caseId}/subjects`);
    const grid = page.getByTestId('subjects-grid');
    await grid.getByText('Rosa Delgado').waitFor();
    // The Accounts column counts the accounts each subject holds once they have loaded.
    const count = (name: string) => grid.locator('.ag-row', { hasText: name }).locator('[col-id=accountCount]').innerText();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid=subjects-grid] .ag-row')].some((r) => r.textContent?.includes('Rosa') && r.querySelector('[col-id=accountCount]')?.textContent === '2'));
    expect(await count('Rosa Delgado')).toBe('2');
    expect(await count('Harbor Imports')).toBe('1');

    await grid.getByText('Rosa Delgado').click();
    const profile = page.getByTestId('subject-profile');
    await waitForText(page.getByTestId('subject-identifiers'), 'passport: P1234567');
    expect(await page.evaluate(() => window.location.hash)).toMatch(/\/subjects\?subject=/);
    const accounts = page.getByTestId('subject-accounts');
    // In: 48,250.75 + 1,000.00; out: 250.00 + 100.00 (the exchange leaves in USD and arrives as EUR 92.50).
    await waitForText(accounts, '$49,250.75');
    const text = await accounts.innerText();
    expect(text).toContain('$350.00');
    expect(text).toContain('€92.50');
    expect(text).toContain('First Harbor Bank');
    await waitForText(page.getByTestId('subject-counterparties'), 'Harbor Imports LLC');
    expect(await page.getByTestId('subject-counterparties').innerText()).not.toContain('DE89370400440532013000');
    await waitForText(page.getByTestId('subject-timeline-count'), '4 of 4');
    const timeline = await page.getByTestId('subject-timeline').locator('.ag-row').evaluateAll((rows) =>
      rows.sort((a, b) => Number(a.getAttribute('row-index')) - Number(b.getAttribute('row-index'))).map((r) => r.querySelector('[col-id=reference]')?.textContent ?? ''));
    expect(timeline).toEqual(['WIRE-1', 'WIRE-2', 'BACK-1', '']);
    await app.screenshot('subject-profile');

    // The asset opens in the Assets tab; Back returns to the profile.
    await profile.getByRole('link', { name: 'Black SUV' }).click();
    await page.getByTestId('asset-values').waitFor();
    await page.goBack();
    await waitForText(page.getByTestId('subject-identifiers'), 'P1234567');
  });
});
