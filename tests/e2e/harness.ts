import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { Core } from '../../core/core.js';
import { startBridge, type Bridge } from '../../core/bridge/server.js';
import { CHROMIUM, CHROMIUM_ARGS, chromiumAvailable } from './chromium.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOTS = path.join(root, 'tests/screenshots');

export interface App {
  page: Page;
  core: Core;
  bridge: Bridge;
  dir: string;
  /** Saves tests/screenshots/<name>.png (full page) and returns its path. */
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

let browser: Browser | undefined;

/**
 * The person every e2e run works as, set through the contract as the first-launch dialog would:
 * audit rows, custody entries, reports and screenshots name her.
 */
export const E2E_PROFILE = { user: 'Ana Torres', agency: 'Test Task Force', role: 'Financial investigator' } as const;

/** Skip marker: end-to-end tests are skipped (loudly, in global setup) only when Chromium is absent outside CI. */
export const e2eEnabled = chromiumAvailable();

async function getBrowser(): Promise<Browser> {
  browser ??= await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  return browser;
}

/**
 * The real app: a real Core on a fresh SQLite file, the real web bridge, the built renderer,
 * in headless Chromium. `prepare` runs on the core before the page opens (e.g. load the demo).
 */
export async function openApp(
  opts: {
    prepare?: (core: Core) => Promise<void>;
    /** false: a first launch (nobody has said who they are yet). */
    profile?: false;
    width?: number; height?: number; timezoneId?: string; locale?: string;
  } = {},
): Promise<App> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-e2e-'));
  const core = new Core({ dbPath: path.join(dir, 'proceeds.sqlite') });
  if (opts.profile !== false) await core.call('settings.setProfile', E2E_PROFILE);
  await opts.prepare?.(core);
  const bridge = await startBridge({ core, staticDir: path.join(root, 'dist/renderer') });
  const context = await (await getBrowser()).newContext({
    viewport: { width: opts.width ?? 1440, height: opts.height ?? 900 }, acceptDownloads: true, timezoneId: opts.timezoneId, locale: opts.locale,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(bridge.appUrl);
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  return {
    page,
    core,
    bridge,
    dir,
    screenshot: async (name) => {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    close: async () => {
      await context.close();
      await bridge.close();
      core.close();
      fs.rmSync(dir, { recursive: true, force: true });
      if (errors.length) throw new Error(`page errors: ${errors.join('\n')}`);
    },
  };
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}

/** Waits until the element's visible text contains `text` (playwright-core has no expect()). */
export async function waitForText(locator: import('playwright-core').Locator, text: string, timeout = 15_000): Promise<void> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.first().innerText({ timeout: Math.max(1, deadline - Date.now()) }).catch(() => '')) ?? '';
    if (last.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected to see "${text}", saw: ${last.slice(0, 500)}`);
}

/**
 * Polls `check` until it returns a truthy value (returned) or the time is up (throws naming `what`).
 * For conditions that are not text: a canvas painted, a count reached.
 */
export async function waitUntil<T>(what: string, check: () => Promise<T> | T, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await check();
    if (last) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what} (last: ${String(last)})`);
}

/** Resolves after the page has painted two more frames: what is on the canvas now is on screen. */
export async function afterPaint(page: import('playwright-core').Page): Promise<void> {
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}
