/**
 * Renders assets/icon.svg to assets/build/icon.png (512x512) with the same headless Chromium the
 * tests use, so the icon needs no image tool: `npx tsx assets/build/make-icon.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../../tests/e2e/chromium.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const svg = fs.readFileSync(path.join(here, '../icon.svg'), 'utf8');
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 512, height: 512 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.screenshot({ path: path.join(here, 'icon.png'), omitBackground: true, clip: { x: 0, y: 0, width: 512, height: 512 } });
await browser.close();
