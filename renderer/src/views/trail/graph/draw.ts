import { NodeKind, type Scene } from './scene';
import { overlaps, placeLabel, type Box } from './labels';
import { HIGHLIGHT_FILL, noteLines, type Overlay } from './overlay';

export interface View {
  /** d3-zoom transform: screen = graph * k + (x, y). */
  x: number;
  y: number;
  k: number;
  /** CSS pixel size of the canvas, and the device pixel ratio. */
  width: number;
  height: number;
  dpr: number;
}

export interface Highlight {
  node?: number;
  edge?: number;
}

const COLORS = {
  edge: 'rgba(74, 96, 128, 0.38)',
  edgeFaded: 'rgba(120, 134, 156, 0.14)',
  holds: 'rgba(120, 134, 156, 0.55)',
  taint: 'rgba(196, 32, 38, 0.85)',
  selected: '#1f5fbf',
  account: '#2f6fd0',
  subject: '#14213d',
  external: '#8a96a8',
  outside: '#b7791f',
  taintRing: '#c42026',
  label: '#1b2330',
  halo: 'rgba(255,255,255,0.9)',
};

/**
 * Draws the scene for one view: edges (curved slightly so A->B and B->A stay apart) batched by
 * style and width, arrowheads, nodes by kind, tainted amounts and labels where there is room.
 * Everything off screen is skipped. Widths and text stay the same size on screen at any zoom.
 */
export function drawScene(ctx: CanvasRenderingContext2D, graph: Scene, view: View, hl: Highlight = {}, overlay?: Overlay): void {
  const zoom = { x: view.x, y: view.y, k: view.k };
  const { dpr } = view;
  // Everything is drawn in screen pixels: with the zoom in the canvas transform instead, a
  // one-pixel line is no longer a hairline to the rasteriser and a zoomed-in frame costs 20x more.
  const scene = project(graph, view);
  const k = 1;
  view = { ...view, x: 0, y: 0, k: 1 };
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, view.width, view.height);
  if (overlay) drawBoxes(ctx, overlay, zoom);
  // The visible rectangle, with a margin for curves and arrowheads.
  const pad = 40;
  const [x0, y0, x1, y1] = [-pad, -pad, view.width + pad, view.height + pad];
  const visible = (i: number) => scene.x[i] >= x0 && scene.x[i] <= x1 && scene.y[i] >= y0 && scene.y[i] <= y1;
  // In a big graph, a thin flow passing through the view with both ends off screen is clutter, and
  // long off-screen curves are what a zoomed-in frame spends its time on: draw it when an end shows.
  const big = scene.m > 2000;
  const edgeVisible = (e: number) => {
    if (big && scene.width[e] <= 1.2 && !scene.taint[e]) return visible(scene.src[e]) || visible(scene.dst[e]);
    const [a, b] = [scene.src[e], scene.dst[e]];
    const [ax, ay, bx, by] = [scene.x[a], scene.y[a], scene.x[b], scene.y[b]];
    return !(Math.max(ax, bx) < x0 || Math.min(ax, bx) > x1 || Math.max(ay, by) < y0 || Math.min(ay, by) > y1);
  };

  // Pass 1: ordinary flows; pass 2: tainted flows on top.
  for (const tainted of [false, true]) {
    if (tainted && !scene.traced) break;
    drawEdges(ctx, scene, k, tainted, edgeVisible);
  }
  holdsEdges(ctx, scene, k, edgeVisible);
  if (hl.edge !== undefined) {
    ctx.beginPath();
    curve(ctx, scene, hl.edge, k);
    ctx.strokeStyle = COLORS.selected;
    ctx.lineWidth = (scene.width[hl.edge] + 3) / k;
    ctx.stroke();
  }

  if (overlay) drawHighlights(ctx, scene, overlay, visible);
  drawNodes(ctx, scene, k, visible, hl.node);
  if (overlay) drawPins(ctx, scene, overlay, visible);
  const notes = overlay ? drawNotes(ctx, overlay, zoom) : [];
  const taken = drawTaintLabels(ctx, scene, view, edgeVisible, notes);
  drawLabels(ctx, scene, view, visible, taken, hl.node);
}

/** Boxes the analyst drew around a group: a dashed frame, its caption at the top left. */
function drawBoxes(ctx: CanvasRenderingContext2D, o: Overlay, z: { x: number; y: number; k: number }): void {
  ctx.font = '600 12px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  for (const b of o.boxes) {
    const [x, y, w, h] = [b.x * z.k + z.x, b.y * z.k + z.y, b.w * z.k, b.h * z.k];
    ctx.fillStyle = 'rgba(46, 144, 250, 0.06)';
    ctx.fillRect(x, y, w, h);
    ctx.setLineDash([6, 4]);
    ctx.strokeStyle = 'rgba(46, 100, 180, 0.8)';
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x, y, w, h);
    ctx.setLineDash([]);
    ctx.fillStyle = '#1d4f91';
    ctx.fillText(b.text, x + 6, y + 5);
  }
}

function drawHighlights(ctx: CanvasRenderingContext2D, scene: Scene, o: Overlay, visible: (i: number) => boolean): void {
  for (const [i, color] of o.highlights) {
    if (i >= scene.n || !visible(i)) continue;
    ctx.beginPath();
    ctx.arc(scene.x[i], scene.y[i], scene.r[i] + 9, 0, 2 * Math.PI);
    ctx.fillStyle = HIGHLIGHT_FILL[color] ?? color;
    ctx.globalAlpha = 0.45;
    ctx.fill();
    ctx.globalAlpha = 1;
  }
}

/** A pinned node carries a small dark pin head at its top right. */
function drawPins(ctx: CanvasRenderingContext2D, scene: Scene, o: Overlay, visible: (i: number) => boolean): void {
  ctx.beginPath();
  for (const i of o.pinned) {
    if (i >= scene.n || !visible(i)) continue;
    const [x, y] = [scene.x[i] + scene.r[i] * 0.75, scene.y[i] - scene.r[i] * 0.75];
    ctx.moveTo(x + 3.5, y);
    ctx.arc(x, y, 3.5, 0, 2 * Math.PI);
  }
  ctx.fillStyle = '#101828';
  ctx.fill();
  ctx.strokeStyle = '#ffffff';
  ctx.lineWidth = 1.2;
  ctx.stroke();
}

/** Sticky notes: a pale yellow card with the text, in screen pixels at any zoom. Returns their boxes. */
function drawNotes(ctx: CanvasRenderingContext2D, o: Overlay, z: { x: number; y: number; k: number }): Box[] {
  const boxes: Box[] = [];
  ctx.font = '12px system-ui, sans-serif';
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  for (const n of o.notes) {
    const lines = noteLines(n.text);
    const w = Math.max(40, ...lines.map((l) => ctx.measureText(l).width)) + 12;
    const h = lines.length * 15 + 8;
    const [x, y] = [n.x * z.k + z.x, n.y * z.k + z.y];
    ctx.fillStyle = '#fff7c2';
    ctx.strokeStyle = '#c9a400';
    ctx.lineWidth = 1;
    ctx.fillRect(x, y, w, h);
    ctx.strokeRect(x, y, w, h);
    ctx.fillStyle = '#3d3200';
    lines.forEach((l, j) => ctx.fillText(l, x + 6, y + 5 + j * 15));
    boxes.push([x, y, x + w, y + h]);
  }
  return boxes;
}

/** A note's box on screen (for dragging), as drawNotes lays it out. */
export function noteBox(ctx: CanvasRenderingContext2D, text: string, sx: number, sy: number): Box {
  ctx.font = '12px system-ui, sans-serif';
  const lines = noteLines(text);
  const w = Math.max(40, ...lines.map((l) => ctx.measureText(l).width)) + 12;
  return [sx, sy, sx + w, sy + lines.length * 15 + 8];
}

/**
 * Thin flows (one device pixel) go into one path, which the rasteriser draws fast as hairlines;
 * wider ones are stroked one by one, because stroking the outline of one path of thousands of
 * wide curves costs twenty times as much (measured: bench/graph.ts).
 */
function drawEdges(ctx: CanvasRenderingContext2D, scene: Scene, k: number, tainted: boolean, edgeVisible: (e: number) => boolean): void {
  const color = tainted ? COLORS.taint : scene.traced ? COLORS.edgeFaded : COLORS.edge;
  const grow = tainted ? 1.4 : 1;
  // Arrowheads of thin flows are chevrons in the same hairline path: filling one path of
  // thousands of small triangles costs more than all the flows themselves (bench/graph.ts).
  const chevrons = true;
  ctx.strokeStyle = color;
  ctx.beginPath();
  const wide: number[] = [];
  for (let e = 0; e < scene.m; e++) {
    if ((scene.taint[e] > 0) !== tainted || scene.edgeKind[e] === 1 || !edgeVisible(e)) continue;
    if (scene.width[e] * grow > 1.2) {
      wide.push(e);
      continue;
    }
    curve(ctx, scene, e, k);
    if (chevrons) arrowhead(ctx, scene, e, k, 6, false);
  }
  ctx.lineWidth = 1 / k;
  ctx.stroke();
  ctx.fillStyle = tainted ? COLORS.taint : scene.traced ? COLORS.edgeFaded : 'rgba(74, 96, 128, 0.6)';
  for (const e of wide) {
    ctx.beginPath();
    curve(ctx, scene, e, k);
    ctx.lineWidth = (scene.width[e] * grow) / k;
    ctx.stroke();
    ctx.beginPath();
    arrowhead(ctx, scene, e, k, 5 + scene.width[e] * grow, true);
    ctx.fill();
  }
}

const projections = new WeakMap<Scene, Scene>();

/** The scene in screen pixels for this view (arrays reused from frame to frame). */
function project(scene: Scene, view: View): Scene {
  let p = projections.get(scene);
  if (!p) projections.set(scene, (p = { ...scene, x: new Float32Array(scene.n), y: new Float32Array(scene.n), r: new Float32Array(scene.n) }));
  for (let i = 0; i < scene.n; i++) {
    p.x[i] = scene.x[i] * view.k + view.x;
    p.y[i] = scene.y[i] * view.k + view.y;
    p.r[i] = Math.max(1.5, scene.r[i] * view.k);
  }
  return p;
}

/** The control point of edge e's curve: bent to the right of its direction by 12% of its length. */
export { labelOrder };

export function controlPoint(scene: Scene, e: number): [number, number] {
  const [a, b] = [scene.src[e], scene.dst[e]];
  const [ax, ay, bx, by] = [scene.x[a], scene.y[a], scene.x[b], scene.y[b]];
  return [(ax + bx) / 2 - (by - ay) * 0.12, (ay + by) / 2 + (bx - ax) * 0.12];
}

/**
 * Edge e's curve. A curve much longer than the screen (zoomed in) becomes a polyline along it:
 * the rasteriser cuts straight segments at the screen's edge, but splits a curve into pieces by its
 * whole length, on screen or not.
 */
function curve(ctx: CanvasRenderingContext2D, scene: Scene, e: number, k: number): void {
  const [a, b] = [scene.src[e], scene.dst[e]];
  const [cx, cy] = controlPoint(scene, e);
  const [ax, ay, bx, by] = [scene.x[a], scene.y[a], scene.x[b], scene.y[b]];
  ctx.moveTo(ax, ay);
  if (Math.abs(bx - ax) * k + Math.abs(by - ay) * k < 1200) {
    ctx.quadraticCurveTo(cx, cy, bx, by);
    return;
  }
  for (let s = 1; s <= 16; s++) {
    const t = s / 16;
    const [p, q, r] = [(1 - t) * (1 - t), 2 * (1 - t) * t, t * t];
    ctx.lineTo(p * ax + q * cx + r * bx, p * ay + q * cy + r * by);
  }
}

/** An arrowhead at the rim of the target node, along the curve's last tangent: a chevron or a triangle. */
function arrowhead(ctx: CanvasRenderingContext2D, scene: Scene, e: number, k: number, sizePx: number, closed: boolean): void {
  const b = scene.dst[e];
  const [cx, cy] = controlPoint(scene, e);
  let [dx, dy] = [scene.x[b] - cx, scene.y[b] - cy];
  const len = Math.hypot(dx, dy) || 1;
  [dx, dy] = [dx / len, dy / len];
  const size = sizePx / k;
  const tipX = scene.x[b] - dx * (scene.r[b] + 1 / k);
  const tipY = scene.y[b] - dy * (scene.r[b] + 1 / k);
  ctx.moveTo(tipX - dx * size - dy * size * 0.5, tipY - dy * size + dx * size * 0.5);
  ctx.lineTo(tipX, tipY);
  ctx.lineTo(tipX - dx * size + dy * size * 0.5, tipY - dy * size - dx * size * 0.5);
  if (closed) ctx.closePath();
}

function holdsEdges(ctx: CanvasRenderingContext2D, scene: Scene, k: number, edgeVisible: (e: number) => boolean): void {
  ctx.beginPath();
  for (let e = 0; e < scene.m; e++) {
    if (scene.edgeKind[e] !== 1 || !edgeVisible(e)) continue;
    ctx.moveTo(scene.x[scene.src[e]], scene.y[scene.src[e]]);
    ctx.lineTo(scene.x[scene.dst[e]], scene.y[scene.dst[e]]);
  }
  ctx.setLineDash([4 / k, 3 / k]);
  ctx.strokeStyle = COLORS.holds;
  ctx.lineWidth = 1.2 / k;
  ctx.stroke();
  ctx.setLineDash([]);
}

function drawNodes(ctx: CanvasRenderingContext2D, scene: Scene, k: number, visible: (i: number) => boolean, selected?: number): void {
  const fills = [COLORS.account, COLORS.subject, COLORS.external, COLORS.outside];
  for (let kind = 0; kind < 4; kind++) {
    ctx.beginPath();
    for (let i = 0; i < scene.n; i++) {
      if (scene.kind[i] !== kind || !visible(i)) continue;
      const [x, y, r] = [scene.x[i], scene.y[i], scene.r[i]];
      if (kind === NodeKind.Subject) ctx.rect(x - r, y - r, 2 * r, 2 * r);
      else if (kind === NodeKind.Outside) (ctx.moveTo(x, y - r), ctx.lineTo(x + r, y), ctx.lineTo(x, y + r), ctx.lineTo(x - r, y), ctx.closePath());
      else (ctx.moveTo(x + r, y), ctx.arc(x, y, r, 0, 2 * Math.PI));
    }
    ctx.fillStyle = fills[kind];
    ctx.fill();
    if (scene.n < 3000) {
      ctx.strokeStyle = '#ffffff';
      ctx.lineWidth = 1.5 / k;
      ctx.stroke();
    }
  }
  if (scene.traced) {
    ctx.beginPath();
    for (let i = 0; i < scene.n; i++) {
      if (!scene.nodeTaint[i] || !visible(i)) continue;
      const r = scene.r[i] + 3 / k;
      ctx.moveTo(scene.x[i] + r, scene.y[i]);
      ctx.arc(scene.x[i], scene.y[i], r, 0, 2 * Math.PI);
    }
    ctx.strokeStyle = COLORS.taintRing;
    ctx.lineWidth = 2.5 / k;
    ctx.stroke();
  }
  if (selected !== undefined) {
    ctx.beginPath();
    const r = scene.r[selected] + 5 / k;
    ctx.arc(scene.x[selected], scene.y[selected], r, 0, 2 * Math.PI);
    ctx.strokeStyle = COLORS.selected;
    ctx.lineWidth = 3 / k;
    ctx.stroke();
  }
}

/** Text in screen pixels: switch to the identity transform, place at the projected point. */
function screenText(ctx: CanvasRenderingContext2D, view: View, draw: () => void): void {
  ctx.save();
  ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
  draw();
  ctx.restore();
}

/** Tainted amounts on the flows, largest first, skipping any that would overlap one already drawn. */
function drawTaintLabels(ctx: CanvasRenderingContext2D, scene: Scene, view: View, edgeVisible: (e: number) => boolean, notes: Box[]): Box[] {
  const boxes: Box[] = [...notes];
  if (!scene.traced) return boxes;
  const order = taintOrder(scene);
  screenText(ctx, view, () => {
    ctx.font = '600 11.5px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    for (const e of order) {
      if (boxes.length >= 14) break;
      const text = scene.taintText[e];
      if (!text || !edgeVisible(e)) continue;
      const [a, b] = [scene.src[e], scene.dst[e]];
      const [cx, cy] = controlPoint(scene, e);
      // The curve's midpoint: (a + 2c + b) / 4.
      const sx = ((scene.x[a] + 2 * cx + scene.x[b]) / 4) * view.k + view.x;
      const sy = ((scene.y[a] + 2 * cy + scene.y[b]) / 4) * view.k + view.y;
      const w = ctx.measureText(text).width + 8;
      const box: Box = [sx - w / 2, sy - 8, sx + w / 2, sy + 8];
      if (overlaps(boxes, box)) continue;
      boxes.push(box);
      ctx.fillStyle = 'rgba(255,255,255,0.92)';
      ctx.fillRect(sx - w / 2, sy - 8, w, 16);
      ctx.strokeStyle = 'rgba(196, 32, 38, 0.6)';
      ctx.lineWidth = 1;
      ctx.strokeRect(sx - w / 2, sy - 8, w, 16);
      ctx.fillStyle = '#9b1b1f';
      ctx.fillText(text, sx, sy);
    }
  });
  return boxes;
}


const taintOrders = new WeakMap<Scene, number[]>();
function taintOrder(scene: Scene): number[] {
  let o = taintOrders.get(scene);
  if (!o) {
    o = [];
    for (let e = 0; e < scene.m; e++) if (scene.taint[e] > 0) o.push(e);
    o.sort((a, b) => scene.taint[b] - scene.taint[a]);
    taintOrders.set(scene, o);
  }
  return o;
}

/**
 * Labels of the biggest nodes first, each below, above, right or left of its node, wherever it
 * overlaps no label, amount, note or other node already drawn; a label with no free spot is left
 * out (its node's tooltip and detail panel still name it).
 */
function drawLabels(ctx: CanvasRenderingContext2D, scene: Scene, view: View, visible: (i: number) => boolean, taken: Box[], selected?: number): void {
  const budget = scene.n > 1500 ? Math.floor(40 + 60 * view.k) : 400;
  const order = labelOrder(scene);
  const boxes: Box[] = [...taken];
  // Node discs on screen, so a label never sits on another node (small graphs: the check is cheap).
  const discs: Box[] = [];
  if (scene.n <= 1500) for (let i = 0; i < scene.n; i++) if (visible(i)) discs.push([scene.x[i] - scene.r[i], scene.y[i] - scene.r[i], scene.x[i] + scene.r[i], scene.y[i] + scene.r[i]]);
  screenText(ctx, view, () => {
    ctx.lineJoin = 'round';
    ctx.textBaseline = 'top';
    let drawn = 0;
    for (const i of selected !== undefined ? [selected, ...order] : order) {
      if (drawn >= budget) break;
      if (!visible(i) || !scene.labels[i]) continue;
      const text = scene.labels[i].length > 28 ? scene.labels[i].slice(0, 27) + '…' : scene.labels[i];
      ctx.font = scene.kind[i] === NodeKind.Subject ? '600 12px system-ui, sans-serif' : '12px system-ui, sans-serif';
      const w = ctx.measureText(text).width;
      const spot = placeLabel(scene.x[i], scene.y[i], scene.r[i], w, 14, boxes, (b) => overlaps(discs, b));
      if (!spot) continue;
      boxes.push(spot.box);
      const tx = spot.x;
      ctx.textAlign = spot.align;
      ctx.strokeStyle = COLORS.halo;
      ctx.lineWidth = 3;
      ctx.strokeText(text, tx, spot.y);
      ctx.fillStyle = scene.kind[i] === NodeKind.Subject ? COLORS.subject : COLORS.label;
      ctx.fillText(text, tx, spot.y);
      drawn++;
    }
  });
}

const orders = new WeakMap<Scene, number[]>();
function labelOrder(scene: Scene): number[] {
  let o = orders.get(scene);
  if (!o) {
    o = Array.from({ length: scene.n }, (_, i) => i).sort(
      (a, b) =>
        Number(scene.nodeTaint[b]) - Number(scene.nodeTaint[a]) ||
        Number(scene.kind[b] === NodeKind.Subject) - Number(scene.kind[a] === NodeKind.Subject) ||
        scene.volume[b] - scene.volume[a],
    );
    orders.set(scene, o);
  }
  return o;
}
