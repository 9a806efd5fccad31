import { afterAll, describe, expect, it } from 'vitest';
import { openApp, closeBrowser, e2eEnabled, type App } from './harness.js';
import { seriousViolations, type AxeFinding } from './axe.js';

afterAll(closeBrowser);

/** axe-core on each main view of the demo case: no serious or critical violation. */
describe.runIf(e2eEnabled)('accessibility of the main views (axe-core in Chromium)', () => {
  let app: App;
  afterAll(async () => app?.close());

  it('cases, every case tab, dashboard, bundles and settings pass axe with no serious violation', async () => {
    let caseId = '';
    app = await openApp({ prepare: async (core) => { caseId = (await core.call('demo.load', { seed: 7 })).caseId; } });
    const { page } = app;
    const origin = new URL(page.url()).origin;
    const found: Record<string, AxeFinding[]> = {};
    const check = async (name: string, hash: string, ready: () => Promise<unknown>) => {
      await page.goto(`${origin}/${hash}`);
      await ready();
      await page.waitForFunction(() => !document.querySelector('.loading'));
      const v = await seriousViolations(page);
      if (v.length) found[name] = v;
    };
    await check('cases', '#/cases', () => page.getByTestId('cases-grid').locator('.ag-row').first().waitFor());
    for (const tab of ['overview', 'subjects', 'transactions', 'trail', 'assets', 'exhibits', 'bundles', 'audit']) {
      await check(`case/${tab}`, `#/case/${caseId}/${tab}`, () => page.getByRole('tabpanel').first().waitFor());
    }
    await check('dashboard', '#/dashboard', () => page.getByTestId('card-net').waitFor());
    await check('bundles', '#/bundles', () => page.getByRole('tabpanel').first().waitFor());
    await check('settings', '#/settings', () => page.getByRole('heading').first().waitFor());
    expect(found).toEqual({});
    // The checker itself sees a violation when there is one: an image with no text alternative is critical.
    await page.evaluate(() => { const img = document.createElement('img'); img.src = '/missing.png'; document.querySelector('main')!.append(img); });
    expect((await seriousViolations(page)).map((v) => v.id)).toContain('image-alt');
  }, 180_000);
});
