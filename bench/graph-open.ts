/**
 * The Money trail tab opening on the demo case, in the real app (core, web bridge, built renderer)
 * in headless Chromium: every main-thread task over 50 ms is recorded by a PerformanceObserver
 * ('longtask') from the click on the tab until the graph's layout is done and painted. For
 * comparison, the same is recorded for opening the Transactions tab of the same case.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, Page } from 'playwright-core';
import { Core } from '../core/core.js';
import { startBridge } from '../core/bridge/server.js';

export interface OpenReport {
  /** Long tasks (ms) between the click and the tab being ready. */
  trail: number[];
  transactions: number[];
  /** Click to graph laid out and painted, ms. */
  trailReadyMs: number;
  nodes: number;
}

const OBSERVE = `
  window.__longtasks = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longtasks.push(e.duration); }).observe({ type: 'longtask', buffered: true });
`;

const takeTasks = (page: Page) => page.evaluate(() => (window as unknown as { __longtasks: number[] }).__longtasks.splice(0));
const painted = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

export async function measureTrailOpen(browser: Browser, rendererDir: string, runs: number): Promise<OpenReport[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-trail-open-'));
  const core = new Core({ dbPath: path.join(dir, 'proceeds.sqlite') });
  const reports: OpenReport[] = [];
  try {
    await core.call('settings.setProfile', { user: 'Bench', agency: 'Bench', role: 'Financial investigator' });
    const demo = await core.call('demo.load', { seed: 7 });
    const bridge = await startBridge({ core, staticDir: rendererDir });
    try {
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
        const page = await context.newPage();
        await page.addInitScript(OBSERVE);
        await page.goto(bridge.appUrl);
        await page.getByRole('button', { name: 'Cases' }).click();
        await page.getByTestId('cases-grid').getByText(demo.number).click();
        await page.getByRole('tab', { name: 'Transactions' }).waitFor();
        await painted(page);
        await takeTasks(page);
        // Transactions first (the comparison), then the Money trail.
        await page.getByRole('tab', { name: 'Transactions' }).click();
        await page.locator('.ag-row').first().waitFor({ timeout: 60_000 });
        await painted(page);
        const transactions = await takeTasks(page);
        const t0 = performance.now();
        await page.getByRole('tab', { name: 'Money trail' }).click();
        const graph = page.locator('[data-testid=trail-graph][data-layout=done]');
        await graph.waitFor({ timeout: 120_000 });
        await painted(page);
        const trailReadyMs = performance.now() - t0;
        const trail = await takeTasks(page);
        reports.push({ trail, transactions, trailReadyMs, nodes: Number(await graph.getAttribute('data-nodes')) });
        await context.close();
      }
    } finally {
      await bridge.close();
    }
  } finally {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return reports;
}
