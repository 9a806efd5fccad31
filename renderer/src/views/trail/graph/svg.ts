import { controlPoint } from './draw';
import { overlaps, placeLabel, type Box } from './labels';
import { HIGHLIGHT_FILL, noteLines, type Overlay } from './overlay';
import { NodeKind, type Scene } from './scene';

const esc = (s: string) => s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
const FILL = ['#2f6fd0', '#14213d', '#8a96a8', '#b7791f'];
/** Text width estimate for placement (no canvas to measure with): 6.6 px a character at 12 px. */
const textWidth = (s: string) => s.length * 6.6;

/**
 * The whole graph as a standalone SVG document (every node, not just those in view): flows,
 * arrowheads, nodes, tainted amounts, labels placed so none collides, and the analyst's boxes,
 * highlights, pins and notes. Each node carries its full label in a <title> too.
 */
export function sceneSvg(scene: Scene, overlay: Overlay, title: string): string {
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  const grow = (x: number, y: number) => ((x0 = Math.min(x0, x)), (y0 = Math.min(y0, y)), (x1 = Math.max(x1, x)), (y1 = Math.max(y1, y)));
  for (let i = 0; i < scene.n; i++) (grow(scene.x[i] - scene.r[i], scene.y[i] - scene.r[i]), grow(scene.x[i] + scene.r[i], scene.y[i] + scene.r[i]));
  for (const b of overlay.boxes) (grow(b.x, b.y), grow(b.x + b.w, b.y + b.h));
  for (const n of overlay.notes) grow(n.x, n.y);
  if (!Number.isFinite(x0)) [x0, y0, x1, y1] = [0, 0, 100, 100];
  // Graph units to output pixels: the picture about 1600 px wide, labels 12 px.
  const k = Math.min(4, 1600 / Math.max(1, x1 - x0));
  const pad = 90;
  const X = (x: number) => (x - x0) * k + pad;
  const Y = (y: number) => (y - y0) * k + pad + 24;
  const width = Math.ceil((x1 - x0) * k + 2 * pad);
  const height = Math.ceil((y1 - y0) * k + 2 * pad + 24);
  const out: string[] = [];
  out.push(`<?xml version="1.0" encoding="UTF-8"?>`);
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`);
  out.push(`<title>${esc(title)}</title><rect width="100%" height="100%" fill="#ffffff"/>`);
  out.push(`<text x="${pad}" y="28" font-size="15" font-weight="600" fill="#1b2330">${esc(title)}</text>`);
  for (const b of overlay.boxes)
    out.push(`<g class="box"><rect x="${X(b.x)}" y="${Y(b.y)}" width="${b.w * k}" height="${b.h * k}" fill="rgba(46,144,250,0.06)" stroke="#2e64b4" stroke-dasharray="6 4"/><text x="${X(b.x) + 6}" y="${Y(b.y) + 16}" font-weight="600" fill="#1d4f91">${esc(b.text)}</text></g>`);
  out.push('<g class="flows" fill="none">');
  for (let e = 0; e < scene.m; e++) {
    const [a, b] = [scene.src[e], scene.dst[e]];
    const [cx, cy] = controlPoint(scene, e);
    const tainted = scene.taint[e] > 0;
    const color = scene.edgeKind[e] === 1 ? 'rgba(120,134,156,0.55)' : tainted ? 'rgba(196,32,38,0.85)' : scene.traced ? 'rgba(120,134,156,0.25)' : 'rgba(74,96,128,0.45)';
    if (scene.edgeKind[e] === 1) {
      out.push(`<line x1="${X(scene.x[a])}" y1="${Y(scene.y[a])}" x2="${X(scene.x[b])}" y2="${Y(scene.y[b])}" stroke="${color}" stroke-dasharray="4 3"/>`);
      continue;
    }
    // The arrowhead at the target's rim, along the curve's last tangent.
    let [dx, dy] = [scene.x[b] - cx, scene.y[b] - cy];
    const len = Math.hypot(dx, dy) || 1;
    [dx, dy] = [dx / len, dy / len];
    const [tx, ty] = [X(scene.x[b] - dx * scene.r[b]), Y(scene.y[b] - dy * scene.r[b])];
    const s = 5 + scene.width[e];
    out.push(
      `<path d="M${X(scene.x[a])},${Y(scene.y[a])} Q${X(cx)},${Y(cy)} ${X(scene.x[b])},${Y(scene.y[b])}" stroke="${color}" stroke-width="${(scene.width[e] * (tainted ? 1.4 : 1)).toFixed(2)}"/>` +
        `<path d="M${tx - dx * s - dy * s * 0.5},${ty - dy * s + dx * s * 0.5} L${tx},${ty} L${tx - dx * s + dy * s * 0.5},${ty - dy * s - dx * s * 0.5}Z" fill="${color}"/>`,
    );
  }
  out.push('</g><g class="nodes">');
  for (const [i, c] of overlay.highlights) if (i < scene.n) out.push(`<circle cx="${X(scene.x[i])}" cy="${Y(scene.y[i])}" r="${scene.r[i] * k + 9}" fill="${HIGHLIGHT_FILL[c] ?? c}" fill-opacity="0.45"/>`);
  for (let i = 0; i < scene.n; i++) {
    const [x, y, r] = [X(scene.x[i]), Y(scene.y[i]), Math.max(2, scene.r[i] * k)];
    const shape =
      scene.kind[i] === NodeKind.Subject
        ? `<rect x="${x - r}" y="${y - r}" width="${2 * r}" height="${2 * r}"`
        : scene.kind[i] === NodeKind.Outside
          ? `<path d="M${x},${y - r} L${x + r},${y} L${x},${y + r} L${x - r},${y}Z"`
          : `<circle cx="${x}" cy="${y}" r="${r}"`;
    const ring = scene.nodeTaint[i] ? `<circle cx="${x}" cy="${y}" r="${r + 3}" fill="none" stroke="#c42026" stroke-width="2.5"/>` : '';
    const pin = overlay.pinned.has(i) ? `<circle cx="${x + r * 0.75}" cy="${y - r * 0.75}" r="3.5" fill="#101828" stroke="#fff"/>` : '';
    out.push(`<g class="node" data-id="${esc(scene.ids[i])}"><title>${esc(scene.labels[i])}</title>${shape} fill="${FILL[scene.kind[i]]}" stroke="#ffffff" stroke-width="1.5"/>${ring}${pin}</g>`);
  }
  out.push('</g><g class="labels">');
  const taken: Box[] = [];
  // Tainted amounts first, then node labels biggest first, each where it collides with nothing.
  for (let e = 0; e < scene.m; e++) {
    const text = scene.taintText[e];
    if (!text) continue;
    const [a, b] = [scene.src[e], scene.dst[e]];
    const [cx, cy] = controlPoint(scene, e);
    const [mx, my] = [X((scene.x[a] + 2 * cx + scene.x[b]) / 4), Y((scene.y[a] + 2 * cy + scene.y[b]) / 4)];
    const w = textWidth(text) + 8;
    const box: Box = [mx - w / 2, my - 8, mx + w / 2, my + 8];
    if (overlaps(taken, box)) continue;
    taken.push(box);
    out.push(`<rect x="${box[0]}" y="${box[1]}" width="${w}" height="16" fill="#ffffff" fill-opacity="0.92" stroke="rgba(196,32,38,0.6)"/><text x="${mx}" y="${my + 4}" text-anchor="middle" font-weight="600" fill="#9b1b1f">${esc(text)}</text>`);
  }
  const discs: Box[] = Array.from({ length: scene.n }, (_, i) => {
    const r = Math.max(2, scene.r[i] * k);
    return [X(scene.x[i]) - r, Y(scene.y[i]) - r, X(scene.x[i]) + r, Y(scene.y[i]) + r] as Box;
  });
  const noteBoxes: Box[] = [];
  for (const n of overlay.notes) {
    const lines = noteLines(n.text);
    const w = Math.max(40, ...lines.map(textWidth)) + 12;
    const h = lines.length * 15 + 8;
    noteBoxes.push([X(n.x), Y(n.y), X(n.x) + w, Y(n.y) + h]);
  }
  taken.push(...noteBoxes);
  const order = Array.from({ length: scene.n }, (_, i) => i).sort((a, b) => Number(scene.kind[b] === NodeKind.Subject) - Number(scene.kind[a] === NodeKind.Subject) || scene.volume[b] - scene.volume[a]);
  for (const i of order) {
    const label = scene.labels[i];
    if (!label) continue;
    const text = label.length > 28 ? label.slice(0, 27) + '…' : label;
    const r = Math.max(2, scene.r[i] * k);
    const spot = placeLabel(X(scene.x[i]), Y(scene.y[i]), r, textWidth(text), 14, taken, (b) => overlaps(discs, b));
    if (!spot) continue;
    taken.push(spot.box);
    const anchor = spot.align === 'center' ? 'middle' : spot.align === 'left' ? 'start' : 'end';
    const weight = scene.kind[i] === NodeKind.Subject ? ' font-weight="600"' : '';
    out.push(`<text x="${spot.x}" y="${spot.box[1] + 11}" text-anchor="${anchor}"${weight} fill="#1b2330" stroke="#ffffff" stroke-width="3" paint-order="stroke">${esc(text)}</text>`);
  }
  out.push('</g><g class="notes">');
  overlay.notes.forEach((n, j) => {
    const [bx, by, bx1, by1] = noteBoxes[j];
    out.push(`<g class="note"><rect x="${bx}" y="${by}" width="${bx1 - bx}" height="${by1 - by}" fill="#fff7c2" stroke="#c9a400"/>`);
    noteLines(n.text).forEach((l, li) => out.push(`<text x="${bx + 6}" y="${by + 16 + li * 15}" fill="#3d3200">${esc(l)}</text>`));
    out.push('</g>');
  });
  out.push('</g></svg>');
  return out.join('\n');
}
