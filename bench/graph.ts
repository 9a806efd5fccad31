/**
 * npm run bench:graph — renders the 5,000-node, 20,000-flow graph in headless Chromium with the
 * app's canvas renderer (renderer/src/views/trail/graph/draw.ts) and, in the same run, the same
 * scene drawn with plain d3 on SVG; both go through the same scripted pan/zoom. Prints the frame
 * times (median and p95) of each and their ratio. Options: --frames N.
 */
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/chromium.js';
import { runLayout } from '../renderer/src/views/trail/graph/layout.js';
import { buildScene, layoutLinks } from '../renderer/src/views/trail/graph/scene.js';
import { benchGraph } from './graph-data.js';
import type { FrameReport } from './graph-page.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const frames = Number(args[args.indexOf('--frames') + 1]) || 240;

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const fmt = (n: number) => n.toFixed(1).padStart(7);

const graph = benchGraph();
console.log(`graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges; laying out with d3-force (as the app's worker does)...`);
let t0 = performance.now();
const scene = buildScene(graph.nodes, graph.edges, undefined, String);
let positions: number[] = [];
const { links, short } = layoutLinks(scene);
runLayout({ id: 1, n: scene.n, links, short }, (m) => m.done && (positions = Array.from(m.positions)));
console.log(`  layout: ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const bundle = await build({ entryPoints: [path.join(here, 'graph-page.ts')], bundle: true, write: false, format: 'iife', target: 'chrome120', logLevel: 'warning' });
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.setContent('<!doctype html><html><body style="margin:0;overflow:hidden"></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  const input = { nodes: graph.nodes, edges: graph.edges, positions, frames };
  const run = (which: 'runCanvas' | 'runSvg') =>
    page.evaluate(([w, i]) => (window as unknown as { bench: Record<string, (x: unknown) => Promise<FrameReport>> }).bench[w as string](i), [which, input] as const);
  t0 = performance.now();
  await run('runCanvas'); // warm-up: JIT, fonts
  const canvas = await run('runCanvas');
  const svg = await run('runSvg');
  console.log(`\nscripted pan/zoom, ${frames} frames at 1440x900 (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  console.log('renderer                    frame median   frame p95   draw median   draw p95   (ms)');
  console.log(`canvas (Proceeds)         ${fmt(q(canvas.intervals, 0.5))}     ${fmt(q(canvas.intervals, 0.95))}   ${fmt(q(canvas.work, 0.5))}   ${fmt(q(canvas.work, 0.95))}`);
  console.log(`plain d3 on SVG           ${fmt(q(svg.intervals, 0.5))}     ${fmt(q(svg.intervals, 0.95))}         -          -`);
  console.log(
    `\ncanvas frame time vs SVG: median ${(q(canvas.intervals, 0.5) / q(svg.intervals, 0.5)).toFixed(2)}x, p95 ${(q(canvas.intervals, 0.95) / q(svg.intervals, 0.95)).toFixed(2)}x` +
      ` (smaller is faster; 16.7 ms is one frame at 60 Hz)`,
  );
} finally {
  await browser.close();
}
