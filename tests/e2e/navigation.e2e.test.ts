import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { Core } from '../../core/core.js';
import { openApp, closeBrowser, e2eEnabled, waitForText, type App } from './harness.js';

afterAll(closeBrowser);

let caseId = '';
async function prepare(core: Core) {
  const hsi = await core.call('agencies.create', { name: 'Homeland Security Investigations', code: 'HSI' });
  const c = await core.call('cases.create', { number: 'TF-2026-301', title: 'Operation Lantern', status: 'open', leadAgencyId: hsi.id });
  caseId = c.id;
  await core.call('assets.create', { caseId, type: 'cash', description: 'Cash in a gym bag', seizedOn: '2026-01-10', currency: 'USD', valueSeized: '12000.00', seizingAgencyId: hsi.id });
}

const hash = (page: Page) => page.evaluate(() => window.location.hash);
const activeTab = (page: Page) => page.getByRole('tab', { selected: true }).first().innerText();

async function until(cond: () => boolean, timeout = 5000): Promise<void> {
  const deadline = Date.now() + timeout;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Presses Tab until the focused element matches, as a keyboard user would; fails after `max` presses. */
async function tabTo(page: Page, matches: (el: Element) => boolean, max = 40, key = 'Tab'): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(key);
    if (await page.evaluate(`(${matches.toString()})(document.activeElement)`)) return;
  }
  throw new Error(`focus never reached the element after ${max} presses of ${key}`);
}

describe.runIf(e2eEnabled)('navigation keeps the place (Chromium)', () => {
  let app: App;
  afterAll(async () => app?.close());

  it('every view has an address; reload keeps it; back and forward move through it; dirty forms ask first', async () => {
    app = await openApp({ prepare });
    const { page } = app;
    await page.getByTestId('cases-grid').getByText('Operation Lantern').waitFor();
    expect(await hash(page)).toBe('#/cases');

    await page.getByTestId('cases-grid').getByText('Operation Lantern').click();
    await page.getByRole('heading', { name: 'Operation Lantern' }).waitFor();
    expect(await hash(page)).toBe(`#/case/${caseId}`);
    await page.getByRole('tab', { name: 'Assets' }).click();
    await page.getByText('Cash in a gym bag').click();
    await page.getByTestId('asset-values').waitFor();
    const assetHash = await hash(page);
    expect(assetHash).toMatch(new RegExp(`^#/case/${caseId}/assets\\?asset=[0-9a-f-]{36}$`));

    // Reload: same case, same tab, same asset.
    await page.reload();
    await page.getByTestId('asset-values').waitFor();
    expect(await hash(page)).toBe(assetHash);
    expect(await activeTab(page)).toBe('Assets');

    // Back: the asset list, then the overview, then the case list; forward again.
    await page.goBack();
    await waitForText(page.getByRole('tab', { selected: true }), 'Assets');
    expect(await page.getByTestId('asset-values').count()).toBe(0);
    await page.goBack();
    await waitForText(page.getByRole('tab', { selected: true }), 'Overview');
    await page.goBack();
    await page.getByTestId('cases-grid').waitFor();
    expect(await hash(page)).toBe('#/cases');
    await page.goForward();
    await page.getByRole('heading', { name: 'Operation Lantern' }).waitFor();
    expect(await activeTab(page)).toBe('Overview');
    await page.goForward();
    await page.goForward();
    await page.getByTestId('asset-values').waitFor();

    // The dashboard's filters are in the address too.
    await page.getByRole('button', { name: 'Dashboard' }).click();
    await page.getByTestId('dashboard-filters').locator('select[name=seizedBy]').selectOption({ label: 'Homeland Security Investigations (HSI)' });
    await page.waitForFunction(() => window.location.hash.includes('seizingAgencyId'));
    await page.reload();
    await waitForText(page.getByTestId('card-seized'), '$12,000.00');
    expect(await page.getByTestId('dashboard-filters').locator('select[name=seizedBy]').inputValue()).not.toBe('');
    await page.goBack();
    await page.getByTestId('asset-values').waitFor();

    // A half-typed custody event: Escape, Back and reload each ask; staying keeps every character.
    const asked: string[] = [];
    page.on('dialog', (d) => { asked.push(d.type()); void d.dismiss(); });
    await page.getByRole('button', { name: 'Add custody event' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('input[name=toCustodian]').fill('Evidence room B');
    await page.keyboard.press('Escape');
    await until(() => asked.length === 1);
    expect(asked).toEqual(['confirm']);
    expect(await dialog.locator('input[name=toCustodian]').inputValue()).toBe('Evidence room B');
    await page.goBack();
    await until(() => asked.length === 2);
    expect(asked).toEqual(['confirm', 'confirm']);
    expect(await hash(page)).toBe(assetHash);
    expect(await dialog.locator('input[name=toCustodian]').inputValue()).toBe('Evidence room B');
    await page.evaluate(() => { window.location.reload(); });
    await until(() => asked.length === 3);
    expect(asked).toEqual(['confirm', 'confirm', 'beforeunload']);
    expect(await dialog.locator('input[name=toCustodian]').inputValue()).toBe('Evidence room B');

    // Focus stays inside the open dialog however far one tabs.
    for (let i = 0; i < 15; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => Boolean(document.activeElement?.closest('dialog[open]')))).toBe(true);
    }
    // A clean dialog closes on Escape without asking.
    await dialog.locator('input[name=toCustodian]').fill('');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(asked).toHaveLength(3);
    await app.screenshot('nav-asset-after-escape');
  });

  it('the main investigator flow with the keyboard only', async () => {
    const { page } = app;
    await page.goto(`${new URL(page.url()).origin}/#/cases`);
    await page.getByTestId('cases-grid').getByText('Operation Lantern').waitFor();

    // New case: the button, the form, Enter submits.
    await tabTo(page, (el) => el.textContent === 'New case');
    await page.keyboard.press('Enter');
    await page.keyboard.type('TF-2026-302');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Operation Keys');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Operation Keys' }).waitFor();

    // Tabs: one tab stop, arrows move and select.
    await tabTo(page, (el) => el.getAttribute('role') === 'tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Overview');
    await page.keyboard.press('ArrowRight');
    expect(await activeTab(page)).toBe('Subjects & accounts');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-selected'))).toBe('true');
    await page.keyboard.press('End');
    expect(await activeTab(page)).toBe('Audit');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    expect(await activeTab(page)).toBe('Subjects & accounts');

    // A subject, typed and saved from the keyboard.
    await tabTo(page, (el) => el.textContent === 'Add subject');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Rosa Delgado');
    await page.keyboard.press('Enter');
    await page.getByTestId('subjects-grid').getByText('Rosa Delgado').waitFor();

    // Back to the list by the top bar, then Enter on a row opens the case.
    await tabTo(page, (el) => el.textContent === 'Cases', 60, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.getByTestId('cases-grid').getByText('Operation Lantern').waitFor();
    await tabTo(page, (el) => el.matches('.ag-cell, .ag-header-cell'));
    // Into the rows with the arrows: the grid sorts by nothing, so find the row by its text.
    for (let i = 0; i < 5; i++) {
      await page.keyboard.press('ArrowDown');
      const text = await page.evaluate(() => document.activeElement?.closest('.ag-row')?.textContent ?? '');
      if (text.includes('Operation Lantern')) break;
    }
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Operation Lantern' }).waitFor();
    expect(await hash(page)).toBe(`#/case/${caseId}`);
    await app.screenshot('nav-keyboard-case');
  });
});
