import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp, closeBrowser, e2eEnabled, waitForText, type App } from './harness.js';

afterAll(closeBrowser);
const run = promisify(execFile);

describe.runIf(e2eEnabled)('live views (Chromium)', () => {
  let app: App;
  afterAll(async () => app?.close());

  it('a case created by the CLI, a separate process on the same file, appears in the open window within a second', async () => {
    app = await openApp({ prepare: async (core) => void (await core.call('cases.create', { number: 'TF-2026-501', title: 'Operation Window' })) });
    const { page } = app;
    const grid = page.getByTestId('cases-grid');
    await grid.getByText('Operation Window').waitFor();
    await run(process.execPath, [path.resolve('cli/proceeds.mjs'), '--db', path.join(app.dir, 'proceeds.sqlite'), 'case', 'create', '--number', 'TF-2026-502', '--title', 'Operation Relay']);
    // No reload, no click: the core noticed the other process's commit and the list refreshed itself.
    await waitForText(grid, 'Operation Relay', 1000);
    await app.screenshot('live-cli-case');
  });

  it("an asset's values changed by the CLI update its row in the open drill-down, re-read by id, not the grid's pages", async () => {
    let assetId = '';
    const second = await openApp({
      prepare: async (core) => {
        const c = await core.call('cases.create', { number: 'TF-2026-503', title: 'Operation Ledger' });
        for (const d of ['Bayliner 2850 (boat)', 'Rolex Submariner', '2021 Tesla Model Y']) {
          const a = await core.call('assets.create', { caseId: c.id, type: 'other', description: d, seizedOn: '2024-02-01', currency: 'USD', valueSeized: '10000.00' });
          if (d.startsWith('Rolex')) assetId = a.id;
        }
      },
    });
    try {
      const { page } = second;
      // What the page asks the core from here on: the bridge's WebSocket frames name each method.
      const asked: string[] = [];
      page.on('websocket', (ws) => ws.on('framesent', (f) => { const m = /"method":"([^"]+)"/.exec(String(f.payload)); if (m) asked.push(m[1]); }));
      await page.reload();
      await page.getByRole('button', { name: 'Dashboard' }).click();
      await page.getByTestId('card-seized').click();
      const drill = page.getByTestId('drill-grid');
      const row = drill.locator('.ag-row', { hasText: 'Rolex Submariner' });
      await waitForText(row, '$10,000.00');
      const pagesRead = asked.filter((m) => m === 'dashboard.assets').length;
      await run(process.execPath, [path.resolve('cli/proceeds.mjs'), '--db', path.join(second.dir, 'proceeds.sqlite'), 'asset', 'values', assetId, '--costs', '2500.00']);
      await waitForText(row, '$7,500.00');
      expect(asked).toContain('dashboard.assetsByIds');
      expect(asked.filter((m) => m === 'dashboard.assets').length).toBe(pagesRead);
      await second.screenshot('live-cli-asset-row');
    } finally {
      await second.close();
    }
  });
});
