import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames } from '../../core/core.js';
import { buildElectron } from '../../scripts/build-electron.mjs';
import { openDesktopPage, type DesktopPage } from '../electron/desktop-page.js';
import { e2eEnabled, SCREENSHOTS, waitForText } from './harness.js';

// The desktop app's own path (preload -> IPC guard -> core host), with the real renderer in real
// Chromium under the desktop CSP; see tests/electron/desktop-page.ts for what is simulated.
const outDir = path.resolve('dist', `electron-e2e-${process.pid}`);
let app: DesktopPage | undefined;

describe.runIf(e2eEnabled)('the desktop app, renderer over the preload', () => {
  beforeAll(async () => {
    const built = await buildElectron({ outDir, methodNames: methodNames() });
    app = await openDesktopPage({ rendererDir: path.resolve('dist/renderer'), preloadBundle: built.files.preload, screenshots: SCREENSHOTS });
  });
  afterAll(async () => {
    await app?.close();
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  it('runs on window.proceeds: demo, field errors from the core, a case, an exhibit uploaded and saved back', async () => {
    const { page, chain } = app!;
    await page.getByRole('heading', { name: 'Welcome to Proceeds' }).waitFor();
    expect(await page.evaluate(() => Object.keys((window as any).proceeds.api).length)).toBe(methodNames().length);

    await page.getByRole('button', { name: 'Load the demo case' }).click();
    const demo = () => chain.hostCore().reader.sqlite.prepare('SELECT number, title FROM cases').get() as { number: string; title: string } | undefined;
    await expect.poll(demo, { timeout: 60_000 }).toBeDefined();
    await page.getByRole('heading', { name: demo()!.title }).waitFor({ timeout: 60_000 });
    await page.getByRole('tab', { name: 'Transactions' }).click();
    await page.getByTestId('transactions-grid').locator('.ag-row').first().waitFor();
    await app!.screenshot('desktop-01-demo-transactions');
    await page.getByRole('link', { name: 'Cases' }).or(page.getByRole('button', { name: 'Cases' })).first().click();
    await waitForText(page.locator('.ag-root').first(), demo()!.number);
    const demoNumber = demo()!.number;

    // A Conflict from the core crosses the preload as a plain object and is shown on its field.
    await page.getByRole('button', { name: 'New case' }).click();
    await page.locator('input[name=number]').fill(demoNumber);
    await page.locator('input[name=title]').fill('Duplicate');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await waitForText(page.getByRole('alert').first(), 'already');
    await app!.screenshot('desktop-02-field-error');
    await page.locator('input[name=number]').fill('TF-DESK-1');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByRole('heading', { name: 'Duplicate' }).waitFor();

    // In the desktop app the file comes from main's native open dialog, which stages it for the core.
    const file = path.join(chain.dir, 'wire-receipt.pdf');
    const bytes = crypto.randomBytes(1_500_000);
    fs.writeFileSync(file, bytes);
    await page.getByRole('tab', { name: 'Exhibits' }).click();
    await page.getByRole('button', { name: 'Attach file' }).click();
    chain.mock.state.dialog.openResults.push({ canceled: false, filePaths: [file] });
    await page.locator('button', { hasText: 'Choose file' }).click();
    await page.locator('button', { hasText: 'wire-receipt.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Attach', exact: true }).click();
    await page.getByText('wire-receipt.pdf').first().waitFor();
    await waitForText(page.locator('.ag-root').last(), crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 12));
    await app!.screenshot('desktop-03-exhibit');
    // Download goes through main's save dialog, which copies the core's output where the user says.
    const saved = path.join(chain.downloads, 'receipt-copy.pdf');
    chain.mock.state.dialog.saveResults.push({ canceled: false, filePath: saved });
    await page.getByRole('button', { name: 'Download' }).first().click();
    await expect.poll(() => fs.existsSync(saved) && fs.readFileSync(saved).equals(bytes)).toBe(true);

    // zod probes whether eval is allowed (Function('')) and falls back when the CSP says no.
    expect((await app!.violations()).filter((v) => v !== 'script-src eval')).toEqual([]);
    expect(chain.warnings).toEqual([]);
  });

  it('blocks remote content by CSP and refuses calls from a subframe', async () => {
    const { page, chain } = app!;
    const fetched = await page.evaluate(() => fetch('https://example.com/').then(() => 'reached', (e) => String(e)));
    expect(fetched).not.toBe('reached');
    await page.evaluate(() => {
      const img = document.createElement('img');
      img.src = 'https://example.com/pixel.png';
      document.body.appendChild(img);
    });
    await expect.poll(() => app!.violations()).toEqual(expect.arrayContaining([expect.stringMatching(/^connect-src https:\/\/example.com/), expect.stringMatching(/^img-src https:\/\/example.com/)]));

    // The CSP lets no frame load, not even the app's own page.
    await page.evaluate(() => {
      const f = document.createElement('iframe');
      f.src = '/index.html';
      document.body.appendChild(f);
    });
    await expect.poll(() => app!.violations()).toEqual(expect.arrayContaining([expect.stringMatching(/^frame-src /)]));
    // An about:blank subframe still gets a preload (it runs in every frame), but main refuses
    // what it sends: it is not the main frame.
    await page.evaluate(() => document.body.appendChild(document.createElement('iframe')));
    await expect.poll(() => page.frames().length).toBe(3);
    const frame = page.frames().find((f) => f !== page.mainFrame() && f.url() === 'about:blank')!;
    await frame.waitForFunction(() => Boolean((window as any).proceeds));
    const answer = await frame.evaluate(() => (window as any).proceeds.api['cases.list']({}).then(() => 'served', (e: { code: string }) => e.code));
    expect(answer).toBe('Forbidden');
    expect(chain.warnings.at(-1)).toMatch(/subframe/);
  });
});
