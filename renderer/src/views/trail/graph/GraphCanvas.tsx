import { useEffect, useRef, useState } from 'react';
import { select } from 'd3-selection';
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from 'd3-zoom';
import { drawScene, controlPoint } from './draw';
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
}

/** Positions survive a change of filter or trace: nodes seen before keep their place. */
const placed = new Map<string, [number, number]>();

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
      drawScene(ctx, s, { x: t.x, y: t.y, k: t.k, ...size.current, dpr: window.devicePixelRatio || 1 }, { edge: edge >= 0 ? edge : undefined, node });
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
      .on('zoom', (ev: { transform: ZoomTransform }) => {
        transform.current = ev.transform;
        setTip(undefined);
        draw();
      });
    zoomer.current = z;
    select(canvas.current!).call(z).on('dblclick.zoom', null);
  }, []);

  // Layout: reuse known positions; run d3-force in a worker for the rest.
  useEffect(() => {
    hit.current = null;
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
    worker.postMessage({ id: 1, n: scene.n, links, short, initial: fresh ? undefined : initial });
    return () => worker.terminate();
  }, [scene]);

  useEffect(draw, [props.selectedEdge, props.selectedNode]);

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

  // Automation hook for end-to-end tests: the tainted flows, and where an edge's midpoint is on screen.
  useEffect(() => {
    (window as unknown as { __proceedsGraph?: unknown }).__proceedsGraph = {
      taintedEdges: () =>
        scene.edgeIds.map((id, e) => ({ id, taint: scene.taint[e] })).filter((x) => x.taint > 0).sort((a, b) => b.taint - a.taint).map((x) => x.id),
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
        onClick={(ev) => {
          const p = pick(ev);
          if (p.node !== undefined) latest.current.onSelectNode(scene.ids[p.node]);
          else latest.current.onSelectEdge(p.edge !== undefined ? scene.edgeIds[p.edge] : undefined);
        }}
        onMouseMove={(ev) => {
          const p = pick(ev);
          const text = p.node !== undefined ? props.describeNode(p.node) : p.edge !== undefined ? props.describeEdge(p.edge) : undefined;
          canvas.current!.style.cursor = text ? 'pointer' : 'grab';
          setTip(text ? { x: p.sx!, y: p.sy!, text } : undefined);
        }}
        onMouseLeave={() => setTip(undefined)}
      />
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

function countTainted(scene: Scene): number {
  let n = 0;
  for (let e = 0; e < scene.m; e++) if (scene.taint[e] > 0) n++;
  return n;
}
