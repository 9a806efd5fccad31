/**
 * Runs in headless Chromium (bundled by bench/graph.ts): draws the same scene with the app's canvas
 * renderer and with plain d3 on SVG, through the same scripted pan/zoom, and reports frame times.
 */
import { select } from 'd3-selection';
import { drawScene } from '../renderer/src/views/trail/graph/draw.js';
import { buildScene, type SceneEdgeInput, type SceneNodeInput } from '../renderer/src/views/trail/graph/scene.js';
import { controlPoint } from '../renderer/src/views/trail/graph/draw.js';

interface Input {
  nodes: SceneNodeInput[];
  edges: SceneEdgeInput[];
  positions: number[];
  frames: number;
}

export interface FrameReport {
  /** Time between successive animation frames (what the user sees), ms. */
  intervals: number[];
  /** Time spent in our drawing code per frame (canvas only), ms. */
  work: number[];
}

const W = 1440;
const H = 900;

/** The scripted camera: a slow zoom in and out while panning around the graph. */
function camera(i: number, frames: number, fit: { x: number; y: number; k: number }) {
  const t = i / frames;
  const k = fit.k * (1 + 2.5 * Math.sin(Math.PI * t) ** 2);
  const angle = 2 * Math.PI * t;
  const cx = Math.cos(angle) * 400;
  const cy = Math.sin(angle) * 300;
  return { x: W / 2 - cx * k + (fit.x - W / 2), y: H / 2 - cy * k + (fit.y - H / 2), k };
}

function frameLoop(frames: number, step: (i: number) => number): Promise<FrameReport> {
  return new Promise((resolve) => {
    const intervals: number[] = [];
    const work: number[] = [];
    let last = 0;
    let i = 0;
    const tick = (now: number) => {
      if (last) intervals.push(now - last);
      last = now;
      if (i >= frames) return resolve({ intervals, work });
      work.push(step(i++));
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

function sceneOf(input: Input) {
  const scene = buildScene(input.nodes, input.edges, undefined, String);
  for (let i = 0; i < scene.n; i++) {
    scene.x[i] = input.positions[2 * i];
    scene.y[i] = input.positions[2 * i + 1];
  }
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let i = 0; i < scene.n; i++) (x0 = Math.min(x0, scene.x[i])), (x1 = Math.max(x1, scene.x[i])), (y0 = Math.min(y0, scene.y[i])), (y1 = Math.max(y1, scene.y[i]));
  const k = 0.9 * Math.min(W / (x1 - x0), H / (y1 - y0));
  return { scene, fit: { k, x: W / 2 - ((x0 + x1) / 2) * k, y: H / 2 - ((y0 + y1) / 2) * k } };
}

async function runCanvas(input: Input): Promise<FrameReport> {
  document.body.innerHTML = '';
  const { scene, fit } = sceneOf(input);
  const canvas = document.createElement('canvas');
  const dpr = window.devicePixelRatio || 1;
  canvas.width = W * dpr;
  canvas.height = H * dpr;
  canvas.style.width = `${W}px`;
  canvas.style.height = `${H}px`;
  document.body.appendChild(canvas);
  const ctx = canvas.getContext('2d')!;
  return frameLoop(input.frames, (i) => {
    const t0 = performance.now();
    drawScene(ctx, scene, { ...camera(i, input.frames, fit), width: W, height: H, dpr });
    return performance.now() - t0;
  });
}

/** The same scene as plain d3 would draw it: one SVG element per edge, node and label. */
async function runSvg(input: Input): Promise<FrameReport> {
  document.body.innerHTML = '';
  const { scene, fit } = sceneOf(input);
  const svg = select(document.body).append('svg').attr('width', W).attr('height', H);
  svg
    .append('defs')
    .append('marker')
    .attr('id', 'arrow')
    .attr('viewBox', '0 -5 10 10')
    .attr('refX', 10)
    .attr('markerWidth', 6)
    .attr('markerHeight', 6)
    .attr('orient', 'auto')
    .append('path')
    .attr('d', 'M0,-5L10,0L0,5')
    .attr('fill', 'rgba(74, 96, 128, 0.6)');
  const g = svg.append('g');
  const edges = Array.from({ length: scene.m }, (_, e) => e);
  g.selectAll('path')
    .data(edges)
    .join('path')
    .attr('d', (e) => {
      const [a, b] = [scene.src[e], scene.dst[e]];
      const [cx, cy] = controlPoint(scene, e);
      return `M${scene.x[a]},${scene.y[a]}Q${cx},${cy} ${scene.x[b]},${scene.y[b]}`;
    })
    .attr('fill', 'none')
    .attr('stroke', 'rgba(74, 96, 128, 0.38)')
    .attr('stroke-width', (e) => scene.width[e])
    .attr('vector-effect', 'non-scaling-stroke')
    .attr('marker-end', (e) => (scene.edgeKind[e] === 0 ? 'url(#arrow)' : null));
  const nodes = Array.from({ length: scene.n }, (_, i) => i);
  g.selectAll('circle')
    .data(nodes)
    .join('circle')
    .attr('cx', (i) => scene.x[i])
    .attr('cy', (i) => scene.y[i])
    .attr('r', (i) => scene.r[i])
    .attr('fill', (i) => ['#2f6fd0', '#14213d', '#8a96a8', '#b7791f'][scene.kind[i]])
    .attr('stroke', '#fff')
    .attr('vector-effect', 'non-scaling-stroke');
  const labelled = [...nodes].sort((a, b) => scene.volume[b] - scene.volume[a]).slice(0, 100);
  g.selectAll('text')
    .data(labelled)
    .join('text')
    .attr('x', (i) => scene.x[i])
    .attr('y', (i) => scene.y[i] + scene.r[i] + 12)
    .attr('text-anchor', 'middle')
    .attr('font-size', 12)
    .text((i) => scene.labels[i]);
  return frameLoop(input.frames, (i) => {
    const t0 = performance.now();
    const c = camera(i, input.frames, fit);
    g.attr('transform', `translate(${c.x},${c.y}) scale(${c.k})`);
    return performance.now() - t0;
  });
}

(window as unknown as Record<string, unknown>).bench = { runCanvas, runSvg };
