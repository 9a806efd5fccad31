import { useEffect, useRef, useState } from 'react';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { drawScene, controlPoint, noteBox } from './draw';
import { nearestInDirection } from './keyboard';
import type { Overlay } from './overlay';
import { buildHitIndex, hitEdge, hitNode, type HitIndex } from './hit';
import { layoutLinks, setPositions, type Scene } from './scene';
import type { LayoutMessage } from './layout';

export interface GraphCanvasProps {
  scene: Scene;
  selectedEdge?: string;
  selectedNode?: string;
  /** Zoom to this node (key players click). */
  focus?: { id: string; at: number };
  onSelectEdge(id: string | undefined): void;
  onSelectNode(id: string | undefined): void;
  /** Text for the hover tooltip. */
  describeNode(i: number): string;
  describeEdge(e: number): string;
  onLayoutProgress?(p: number): void;
  fitLabel: string;
  /** Pins, highlights, notes and boxes drawn over the graph. */
  overlay: Overlay;
  /** A node was dragged (or moved with the keyboard) to a new place: it is pinned there. */
  onNodeMoved(id: string): void;
  onAnnotationMoved(id: string, x: number, y: number): void;
  /** Enter on the selected node, or a double click: open its detail panel. */
  onOpenNode(id: string): void;
  /** Changes when a saved layout's positions were put in place (applyPositions) or a re-layout is asked for. */
  layoutVersion: number;
  /** Re-arrange the nodes that are not pinned (the pinned ones stay where they are). */
  relayout?: number;
  /** Text for the keyboard help and the chart's accessible name. */
  chartLabel: string;
  /** Hands the parent a way to ask where the middle of the view is (graph units), to place a new note. */
  onViewCenter?(f: () => [number, number]): void;
}

/** Positions survive a change of filter or trace: nodes seen before keep their place. */
const placed = new Map<string, [number, number]>();

/** Where each node is now (graph units), for saving a layout. */
export const currentPositions = (): Map<string, [number, number]> => new Map(placed);

/** Puts a saved layout's positions in place; nodes it does not name keep theirs (or get laid out). */
export function applyPositions(positions: Iterable<[string, [number, number]]>): void {
  for (const [id, p] of positions) placed.set(id, [p[0], p[1]]);
}

/** Forgets the positions of these nodes, so the next layout places them anew. */
export function forgetPositions(ids: Iterable<string>): void {
  for (const id of ids) placed.delete(id);
}

interface Drag {
  kind: 'node' | 'note' | 'box';
  index: number;
  id: string;
  /** Offset of the pointer from what is dragged (graph units). */
  dx: number;
  dy: number;
  moved: boolean;
  startX: number;
  startY: number;
}

/**
 * The money-trail graph: drawn on canvas (thousands of nodes), laid out by d3-force in a Web
 * Worker, panned and zoomed with d3-zoom, hit-tested through quadtrees.
 */
export function GraphCanvas(props: GraphCanvasProps) {
  const { scene } = props;
  const wrap = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const transform = useRef<ZoomTransform>(zoomIdentity);
  const zoomer = useRef<ZoomBehavior<HTMLCanvasElement, unknown>>(null);
  const hit = useRef<HitIndex>(null);
  const frame = useRef(0);
  const size = useRef({ width: 800, height: 600 });
  const latest = useRef(props);
  latest.current = props;
  const [tip, setTip] = useState<{ x: number; y: number; text: string }>();
  const [layoutDone, setLayoutDone] = useState(false);
  const drag = useRef<Drag | null>(null);
  const suppressClick = useRef(false);
  const [announce, setAnnounce] = useState('');
  /** Fit the graph into view once the canvas has its size (a remount reuses cached positions). */
  const needsFit = useRef(true);
  const fitRef = useRef<(animate: boolean) => void>(() => undefined);

  const draw = () => {
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const ctx = canvas.current?.getContext('2d');
      if (!ctx) return;
      const { scene: s, selectedEdge, selectedNode } = latest.current;
      const t = transform.current;
      const edge = selectedEdge ? s.edgeIds.indexOf(selectedEdge) : -1;
      const node = selectedNode ? s.indexOf.get(selectedNode) : undefined;
      drawScene(ctx, s, { x: t.x, y: t.y, k: t.k, ...size.current, dpr: window.devicePixelRatio || 1 }, { edge: edge >= 0 ? edge : undefined, node }, latest.current.overlay);
    });
  };

  /** Sizes the canvas to its box, sharp on high-DPI screens. */
  const measure = () => {
    // The observer can fire once more after the view is gone (leaving the tab, closing a review).
    if (!wrap.current || !canvas.current) return;
    const { width, height } = wrap.current.getBoundingClientRect();
    const dpr = window.devicePixelRatio || 1;
    size.current = { width, height };
    canvas.current.width = Math.round(width * dpr);
    canvas.current.height = Math.round(height * dpr);
  };

  useEffect(() => {
    const ro = new ResizeObserver(() => {
      measure();
      draw();
    });
    ro.observe(wrap.current!);
    return () => ro.disconnect();
  }, []);

  // Pan and zoom.
  useEffect(() => {
    const z = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([0.02, 12])
      .clickDistance(4)
      // A press on a node, a note or a box's caption drags that, not the whole chart.
      .filter((ev: MouseEvent) => (!ev.ctrlKey || ev.type === 'wheel') && !ev.button && !(ev.type !== 'wheel' && drag.current))
      .on('zoom', (ev: { transform: ZoomTransform }) => {
        transform.current = ev.transform;
        setTip(undefined);
        draw();
      });
    zoomer.current = z;
    select(canvas.current!).call(z).on('dblclick.zoom', null);
  }, []);

  // Layout: reuse known positions; run d3-force in a worker for the rest (pinned nodes held still).
  const lastRelayout = useRef(props.relayout);
  useEffect(() => {
    hit.current = null;
    if (props.relayout !== lastRelayout.current) {
      lastRelayout.current = props.relayout;
      scene.ids.forEach((id, i) => !latest.current.overlay.pinned.has(i) && placed.delete(id));
    }
    const missing = scene.ids.filter((id) => !placed.has(id)).length;
    const initial = new Float32Array(scene.n * 2);
    scene.ids.forEach((id, i) => {
      const p = placed.get(id);
      if (p) [initial[2 * i], initial[2 * i + 1]] = p;
    });
    setPositions(scene, initial);
    if (missing === 0) {
      hit.current = buildHitIndex(scene);
      setLayoutDone(true);
      if (needsFit.current) {
        needsFit.current = false;
        measure();
        fitRef.current(false);
      }
      draw();
      return;
    }
    needsFit.current = false;
    setLayoutDone(false);
    const fresh = missing === scene.n;
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (ev: MessageEvent<LayoutMessage>) => {
      setPositions(scene, ev.data.positions);
      latest.current.onLayoutProgress?.(ev.data.progress);
      if (fresh) {
        measure();
        fit(false);
      }
      if (ev.data.done) {
        scene.ids.forEach((id, i) => placed.set(id, [scene.x[i], scene.y[i]]));
        hit.current = buildHitIndex(scene);
        setLayoutDone(true);
        worker.terminate();
      }
      draw();
    };
    const { links, short } = layoutLinks(scene);
    const fixed = Uint8Array.from(scene.ids, (_, i) => (latest.current.overlay.pinned.has(i) && placed.has(scene.ids[i]) ? 1 : 0));
    worker.postMessage({ id: 1, n: scene.n, links, short, initial: fresh ? undefined : initial, fixed });
    return () => worker.terminate();
  }, [scene, props.layoutVersion, props.relayout]);

  useEffect(draw, [props.selectedEdge, props.selectedNode, props.overlay]);
  useEffect(() => props.onViewCenter?.(() => transform.current.invert([size.current.width / 2, size.current.height / 2])), []);

  // Zoom onto a node picked elsewhere (key players).
  useEffect(() => {
    const i = props.focus ? scene.indexOf.get(props.focus.id) : undefined;
    if (i === undefined || !zoomer.current) return;
    const k = Math.max(transform.current.k, 1.2);
    const t = zoomIdentity.translate(size.current.width / 2 - scene.x[i] * k, size.current.height / 2 - scene.y[i] * k).scale(k);
    select(canvas.current!).transition().duration(450).call(zoomer.current.transform, t);
  }, [props.focus]);

  /** Fits the whole graph in view. */
  const fit = (fitRef.current = (animate: boolean) => {
    if (!zoomer.current || scene.n === 0) return;
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (let i = 0; i < scene.n; i++) {
      x0 = Math.min(x0, scene.x[i] - scene.r[i]);
      x1 = Math.max(x1, scene.x[i] + scene.r[i]);
      y0 = Math.min(y0, scene.y[i] - scene.r[i]);
      y1 = Math.max(y1, scene.y[i] + scene.r[i]);
    }
    const { width, height } = size.current;
    const k = Math.min(4, 0.9 * Math.min(width / Math.max(1, x1 - x0), height / Math.max(1, y1 - y0 + 30)));
    const t = zoomIdentity.translate(width / 2 - ((x0 + x1) / 2) * k, height / 2 - ((y0 + y1) / 2) * k).scale(k);
    const sel = select(canvas.current!);
    if (animate) sel.transition().duration(400).call(zoomer.current.transform, t);
    else sel.call(zoomer.current.transform, t);
  });

  const pick = (ev: React.MouseEvent) => {
    const idx = hit.current;
    if (!idx) return {};
    const rect = canvas.current!.getBoundingClientRect();
    const [gx, gy] = transform.current.invert([ev.clientX - rect.left, ev.clientY - rect.top]);
    const k = transform.current.k;
    const node = hitNode(idx, scene, gx, gy, 3 / k);
    if (node !== undefined) return { node, sx: ev.clientX - rect.left, sy: ev.clientY - rect.top };
    return { edge: hitEdge(idx, scene, gx, gy, 5, k), sx: ev.clientX - rect.left, sy: ev.clientY - rect.top };
  };

  const graphPoint = (ev: { clientX: number; clientY: number }) => {
    const rect = canvas.current!.getBoundingClientRect();
    return transform.current.invert([ev.clientX - rect.left, ev.clientY - rect.top]);
  };

  /** What a press at this point grabs: a note, a box's caption strip, or a node. */
  const grab = (ev: React.PointerEvent): Drag | null => {
    const ctx = canvas.current?.getContext('2d');
    const rect = canvas.current!.getBoundingClientRect();
    const [sx, sy] = [ev.clientX - rect.left, ev.clientY - rect.top];
    const [gx, gy] = graphPoint(ev);
    const t = transform.current;
    const o = latest.current.overlay;
    const base = { moved: false, startX: ev.clientX, startY: ev.clientY };
    for (let j = o.notes.length - 1; j >= 0 && ctx; j--) {
      const n = o.notes[j];
      const b = noteBox(ctx, n.text, n.x * t.k + t.x, n.y * t.k + t.y);
      if (sx >= b[0] && sx <= b[2] && sy >= b[1] && sy <= b[3]) return { kind: 'note', index: j, id: n.id, dx: gx - n.x, dy: gy - n.y, ...base };
    }
    for (let j = o.boxes.length - 1; j >= 0; j--) {
      const b = o.boxes[j];
      const [bx, by] = [b.x * t.k + t.x, b.y * t.k + t.y];
      if (sx >= bx && sx <= bx + b.w * t.k && sy >= by && sy <= by + 22) return { kind: 'box', index: j, id: b.id, dx: gx - b.x, dy: gy - b.y, ...base };
    }
    const idx = hit.current;
    const node = idx ? hitNode(idx, scene, gx, gy, 3 / t.k) : undefined;
    if (node !== undefined) return { kind: 'node', index: node, id: scene.ids[node], dx: gx - scene.x[node], dy: gy - scene.y[node], ...base };
    return null;
  };

  const onPointerDown = (ev: React.PointerEvent) => {
    if (ev.button !== 0) return;
    drag.current = grab(ev);
    if (drag.current) canvas.current!.setPointerCapture(ev.pointerId);
  };

  const onPointerMove = (ev: React.PointerEvent) => {
    const d = drag.current;
    if (!d) return false;
    if (!d.moved && Math.hypot(ev.clientX - d.startX, ev.clientY - d.startY) < 4) return true;
    d.moved = true;
    const [gx, gy] = graphPoint(ev);
    const o = latest.current.overlay;
    if (d.kind === 'node') [scene.x[d.index], scene.y[d.index]] = [gx - d.dx, gy - d.dy];
    else if (d.kind === 'note') Object.assign(o.notes[d.index], { x: gx - d.dx, y: gy - d.dy });
    else Object.assign(o.boxes[d.index], { x: gx - d.dx, y: gy - d.dy });
    canvas.current!.style.cursor = 'grabbing';
    setTip(undefined);
    draw();
    return true;
  };

  const onPointerUp = () => {
    const d = drag.current;
    drag.current = null;
    if (!d?.moved) return;
    suppressClick.current = true;
    if (d.kind === 'node') {
      placed.set(d.id, [scene.x[d.index], scene.y[d.index]]);
      hit.current = buildHitIndex(scene);
      latest.current.onNodeMoved(d.id);
    } else {
      const a = d.kind === 'note' ? latest.current.overlay.notes[d.index] : latest.current.overlay.boxes[d.index];
      latest.current.onAnnotationMoved(d.id, a.x, a.y);
    }
  };

  /** Brings node i into view if it is off screen (keyboard moves). */
  const reveal = (i: number) => {
    const t = transform.current;
    const [sx, sy] = t.apply([scene.x[i], scene.y[i]]);
    const { width, height } = size.current;
    if (sx > 30 && sy > 30 && sx < width - 30 && sy < height - 30) return;
    select(canvas.current!).call(zoomer.current!.transform, zoomIdentity.translate(width / 2 - scene.x[i] * t.k, height / 2 - scene.y[i] * t.k).scale(t.k));
  };

  /**
   * Keyboard: arrows go to the nearest node that way, Shift+arrows move the selected node (and pin
   * it), Enter or Space opens its detail panel, Escape clears the selection.
   */
  const onKeyDown = (ev: React.KeyboardEvent) => {
    const dirs: Record<string, [number, number]> = { ArrowLeft: [-1, 0], ArrowRight: [1, 0], ArrowUp: [0, -1], ArrowDown: [0, 1] };
    const current = props.selectedNode !== undefined ? scene.indexOf.get(props.selectedNode) : undefined;
    if (ev.key in dirs) {
      ev.preventDefault();
      const [dx, dy] = dirs[ev.key];
      if (current !== undefined && ev.shiftKey) {
        const step = 12 / transform.current.k;
        scene.x[current] += dx * step;
        scene.y[current] += dy * step;
        placed.set(scene.ids[current], [scene.x[current], scene.y[current]]);
        hit.current = buildHitIndex(scene);
        latest.current.onNodeMoved(scene.ids[current]);
        draw();
        return;
      }
      const next = current === undefined ? firstNode(scene) : nearestInDirection(scene, current, dx, dy);
      if (next === undefined) return;
      latest.current.onSelectNode(scene.ids[next]);
      reveal(next);
      setAnnounce(props.describeNode(next).replace(/\n/g, ', '));
    } else if ((ev.key === 'Enter' || ev.key === ' ') && current !== undefined) {
      ev.preventDefault();
      latest.current.onOpenNode(scene.ids[current]);
    } else if (ev.key === 'Escape') latest.current.onSelectNode(undefined);
  };

  // Automation hook for end-to-end tests: the tainted flows, and where an edge's midpoint is on screen.
  useEffect(() => {
    (window as unknown as { __proceedsGraph?: unknown }).__proceedsGraph = {
      taintedEdges: () =>
        scene.edgeIds.map((id, e) => ({ id, taint: scene.taint[e] })).filter((x) => x.taint > 0).sort((a, b) => b.taint - a.taint).map((x) => x.id),
      nodePoint: (id: string) => {
        const i = scene.indexOf.get(id);
        return i === undefined ? null : transform.current.apply([scene.x[i], scene.y[i]]);
      },
      nodeIds: () => [...scene.ids],
      graphPosition: (id: string) => {
        const i = scene.indexOf.get(id);
        return i === undefined ? null : [scene.x[i], scene.y[i]];
      },
      edgePoint: (id: string) => {
        const e = scene.edgeIds.indexOf(id);
        if (e < 0) return null;
        const [cx, cy] = controlPoint(scene, e);
        const [a, b] = [scene.src[e], scene.dst[e]];
        const t = transform.current;
        return t.apply([(scene.x[a] + 2 * cx + scene.x[b]) / 4, (scene.y[a] + 2 * cy + scene.y[b]) / 4]);
      },
    };
  }, [scene]);

  return (
    <div className="graph-canvas" ref={wrap}>
      <canvas
        ref={canvas}
        data-testid="trail-graph"
        data-nodes={scene.n}
        data-edges={scene.m}
        data-tainted-edges={countTainted(scene)}
        data-layout={layoutDone ? 'done' : 'running'}
        tabIndex={0}
        role="application"
        aria-label={props.chartLabel}
        aria-roledescription="graph"
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (drag.current = null)}
        onDoubleClick={(ev) => {
          const p = pick(ev);
          if (p.node !== undefined) latest.current.onOpenNode(scene.ids[p.node]);
        }}
        onClick={(ev) => {
          if (suppressClick.current) {
            suppressClick.current = false;
            return;
          }
          const p = pick(ev);
          if (p.node !== undefined) {
            latest.current.onSelectNode(scene.ids[p.node]);
            latest.current.onOpenNode(scene.ids[p.node]);
          } else latest.current.onSelectEdge(p.edge !== undefined ? scene.edgeIds[p.edge] : undefined);
        }}
        onPointerMove={(ev) => {
          if (onPointerMove(ev)) return;
          const p = pick(ev);
          const text = p.node !== undefined ? props.describeNode(p.node) : p.edge !== undefined ? props.describeEdge(p.edge) : undefined;
          canvas.current!.style.cursor = text ? 'pointer' : 'grab';
          setTip(text ? { x: p.sx!, y: p.sy!, text } : undefined);
        }}
        onMouseLeave={() => setTip(undefined)}
      />
      <div className="sr-only" aria-live="polite" data-testid="graph-announce">{announce}</div>
      <button className="button graph-canvas__fit" onClick={() => fit(true)} aria-label={props.fitLabel} title={props.fitLabel}>⤢</button>
      {tip && (
        <div className="graph-tip" style={{ left: tip.x + 14, top: tip.y + 14 }}>
          {tip.text.split('\n').map((line, i) => (
            <div key={i} className={i === 0 ? 'graph-tip__title' : undefined}>{line}</div>
          ))}
        </div>
      )}
    </div>
  );
}

/** Where keyboard navigation starts: the biggest node. */
function firstNode(scene: Scene): number | undefined {
  let best: number | undefined;
  for (let i = 0; i < scene.n; i++) if (best === undefined || scene.volume[i] > scene.volume[best]) best = i;
  return best;
}

function countTainted(scene: Scene): number {
  let n = 0;
  for (let e = 0; e < scene.m; e++) if (scene.taint[e] > 0) n++;
  return n;
}
