/**
 * npm run bench:grid — scrolling 100,000 transactions in headless Chromium: the app's grid
 * (ag-grid through renderer/src/components/Grid.tsx with the transactions tab's own columns and
 * infinite row model) against a plain HTML list of the same rows, scrolled by the same script,
 * interleaved in one browser. Prints the frame times (median, p95) and the ratio; target: the
 * grid's p95 frame within 2x of the plain list's. Options: --frames N, --rounds N, --step PX.
 */
import { build } from 'esbuild';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/chromium.js';
import type { ScrollReport } from './grid-page.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
const frames = opt('--frames') ?? 240;
const rounds = opt('--rounds') ?? 3;
const step = opt('--step') ?? 120;

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const median = (xs: number[]) => q(xs, 0.5);
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

const bundle = await build({
  entryPoints: [path.join(here, 'grid-page.tsx')], bundle: true, write: false, format: 'iife', target: 'chrome120', jsx: 'automatic', logLevel: 'warning',
  define: { 'process.env.NODE_ENV': '"production"' }, minify: true, loader: { '.css': 'empty' },
});
console.log(`load average ${load()} on ${os.cpus().length} cores`);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0"></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  const rows = await page.evaluate(() => (window as unknown as { bench: { rowCount: number } }).bench.rowCount);
  const run = (which: 'runGrid' | 'runList') =>
    page.evaluate(([w, o]) => (window as unknown as { bench: Record<string, (x: unknown) => Promise<ScrollReport>> }).bench[w as string](o), [which, { frames, step }] as const);
  await run('runGrid'); // warm-up: JIT, fonts
  await run('runList');
  const grid: number[][] = [];
  const list: number[][] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const g = (await run('runGrid')).intervals;
    const l = (await run('runList')).intervals;
    grid.push(g);
    list.push(l);
    ratios.push(q(g, 0.95) / q(l, 0.95));
    console.log(`round ${r + 1}: grid p95 ${q(g, 0.95).toFixed(1)} ms, plain list p95 ${q(l, 0.95).toFixed(1)} ms, ratio ${ratios.at(-1)!.toFixed(2)}x (load ${load()})`);
  }
  const [g, l] = [grid.flat(), list.flat()];
  console.log(`\n${rows.toLocaleString('en')} rows, ${frames} frames a round scrolling ${step} px a frame, ${rounds} rounds interleaved, 1440x900`);
  console.log('                frame median   frame p95  (ms)');
  console.log(`ag-grid (app)   ${median(g).toFixed(1).padStart(12)} ${q(g, 0.95).toFixed(1).padStart(11)}`);
  console.log(`plain list      ${median(l).toFixed(1).padStart(12)} ${q(l, 0.95).toFixed(1).padStart(11)}`);
  const ratio = median(ratios);
  console.log(`median of the rounds' p95 ratios: ${ratio.toFixed(2)}x (target <= 2x) ${ratio <= 2 ? 'OK' : 'OVER'}; load average ${load()}`);
} finally {
  await browser.close();
}
