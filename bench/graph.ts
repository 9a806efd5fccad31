/**
 * npm run bench:graph — renders the 5,000-node, 20,000-flow graph in headless Chromium with the
 * app's canvas renderer (renderer/src/views/trail/graph/draw.ts) and, in the same run, the same
 * scene drawn with plain d3 on SVG; both go through the same scripted pan/zoom. Prints the frame
 * times (median and p95) of each and their ratio; target: the canvas's p95 frame at most 33 ms.
 * Then opens the Money trail tab of the demo case in the real app (built renderer) and reports the
 * main-thread long tasks (target: none over 200 ms), beside those of opening its Transactions tab.
 * Options: --frames N, --opens N (default 3), --skip-frames, --skip-open, --no-svg (canvas only: the SVG
 * baseline takes seconds a frame on a loaded machine).
 */
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import fs from 'node:fs';
import os from 'node:os';
import { chromium } from 'playwright-core';
import { buildRenderer } from '../scripts/build-renderer.js';
import { measureTrailOpen } from './graph-open.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../tests/e2e/chromium.js';
import { runLayout } from '../renderer/src/views/trail/graph/layout.js';
import { buildScene, layoutLinks } from '../renderer/src/views/trail/graph/scene.js';
import { benchGraph } from './graph-data.js';
import type { FrameReport } from './graph-page.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const frames = Number(args[args.indexOf('--frames') + 1]) || 240;
const opens = Number(args[args.indexOf('--opens') + 1]) || 3;
const skipFrames = args.includes('--skip-frames');
const skipOpen = args.includes('--skip-open');
const noSvg = args.includes('--no-svg');

const q = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const fmt = (n: number) => n.toFixed(1).padStart(7);

console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
try {
  if (!skipFrames) await frameBench();
  if (!skipOpen) await openBench();
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  await browser.close();
}

/** Layout is deterministic and slow (a minute on a loaded machine): computed once, kept in the temp dir. */
function layoutOnce(scene: ReturnType<typeof buildScene>): number[] {
  const file = path.join(os.tmpdir(), `proceeds-bench-graph-layout-${scene.n}-${scene.m}.json`);
  if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')) as number[];
  let positions: number[] = [];
  const { links, short } = layoutLinks(scene);
  runLayout({ id: 1, n: scene.n, links, short }, (m) => m.done && (positions = Array.from(m.positions)));
  fs.writeFileSync(file, JSON.stringify(positions));
  return positions;
}

async function frameBench(): Promise<void> {
  const graph = benchGraph();
  console.log(`graph: ${graph.nodes.length} nodes, ${graph.edges.length} edges; laying out with d3-force (as the app's worker does; cached across runs)...`);
  let t0 = performance.now();
  const scene = buildScene(graph.nodes, graph.edges, undefined, String);
  const positions = layoutOnce(scene);
  console.log(`  layout: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const bundle = await build({ entryPoints: [path.join(here, 'graph-page.ts')], bundle: true, write: false, format: 'iife', target: 'chrome120', logLevel: 'warning' });
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.setContent('<!doctype html><html><body style="margin:0;overflow:hidden"></body></html>');
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  const input = { nodes: graph.nodes, edges: graph.edges, positions, frames };
  const run = (which: 'runCanvas' | 'runSvg') =>
    page.evaluate(([w, i]) => (window as unknown as { bench: Record<string, (x: unknown) => Promise<FrameReport>> }).bench[w as string](i), [which, input] as const);
  t0 = performance.now();
  await run('runCanvas'); // warm-up: JIT, fonts
  // Interleaved, so load elsewhere on the machine hits both alike.
  const canvasRuns: FrameReport[] = [];
  const svgRuns: FrameReport[] = [];
  for (let r = 0; r < 2; r++) {
    canvasRuns.push(await run('runCanvas'));
    if (!noSvg) svgRuns.push(await run('runSvg'));
  }
  await page.close();
  const merge = (rs: FrameReport[]) => ({ intervals: rs.flatMap((x) => x.intervals), work: rs.flatMap((x) => x.work) });
  const [canvas, svg] = [merge(canvasRuns), merge(svgRuns.length ? svgRuns : [{ intervals: [NaN], work: [] }])];
  console.log(`\nscripted pan/zoom, 2 x ${frames} frames each, interleaved, at 1440x900 (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
  console.log('renderer                    frame median   frame p95   draw median   draw p95   (ms)');
  console.log(`canvas (Proceeds)         ${fmt(q(canvas.intervals, 0.5))}     ${fmt(q(canvas.intervals, 0.95))}   ${fmt(q(canvas.work, 0.5))}   ${fmt(q(canvas.work, 0.95))}`);
  console.log(`plain d3 on SVG           ${fmt(q(svg.intervals, 0.5))}     ${fmt(q(svg.intervals, 0.95))}         -          -`);
  console.log(
    `\ncanvas frame time vs SVG: median ${(q(canvas.intervals, 0.5) / q(svg.intervals, 0.5)).toFixed(2)}x, p95 ${(q(canvas.intervals, 0.95) / q(svg.intervals, 0.95)).toFixed(2)}x` +
      ` (smaller is faster; 16.7 ms is one frame at 60 Hz)`,
  );
  const p95 = q(canvas.intervals, 0.95);
  console.log(`canvas p95 frame ${p95.toFixed(1)} ms (target <= 33 ms): ${p95 <= 33 ? 'OK' : 'OVER'}`);
}

async function openBench(): Promise<void> {
  const dir = path.join(here, '../dist/renderer');
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.log('\nbuilding the renderer (dist/renderer)...');
    await buildRenderer();
  }
  const reports = await measureTrailOpen(browser, dir, opens);
  const longest = (xs: number[]) => (xs.length ? Math.max(...xs) : 0);
  console.log(`\nopening tabs of the demo case (${reports[0].nodes} nodes in the graph), ${opens} runs; main-thread tasks over 50 ms:`);
  console.log('run   Money trail: longest  count  ready (ms)    Transactions: longest  count');
  reports.forEach((r, i) =>
    console.log(`${String(i + 1).padEnd(6)}${fmt(longest(r.trail))}  ${String(r.trail.length).padStart(5)}  ${fmt(r.trailReadyMs)}       ${fmt(longest(r.transactions))}  ${String(r.transactions.length).padStart(5)}`),
  );
  const worst = q(reports.map((r) => longest(r.trail)), 0.5);
  const base = q(reports.map((r) => longest(r.transactions)), 0.5);
  console.log(`median longest task: Money trail ${worst.toFixed(0)} ms (target <= 200 ms: ${worst <= 200 ? 'OK' : 'OVER'}), Transactions ${base.toFixed(0)} ms; ratio ${(worst / Math.max(1, base)).toFixed(2)}x`);
}
