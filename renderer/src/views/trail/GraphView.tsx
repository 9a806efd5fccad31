import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isOutside } from '../../../../core/graph/flows';
import type { Annotation, LayoutState } from '../../../../core/graph/layout-schemas';
import { useApi, useApiMutation, useClient } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/Misc';
import { formatCount, formatDate, formatMoney } from '../../i18n/format';
import { applyPositions, currentPositions, GraphCanvas } from './graph/GraphCanvas';
import { buildScene } from './graph/scene';
import { sceneSvg } from './graph/svg';
import type { Overlay } from './graph/overlay';
import { AnnotateBar, HiddenList, ImageExport, LayoutBar } from './ChartTools';
import { EdgeTransactions } from './EdgeTransactions';
import { saveImage } from './export-image';
import { KeyPlayers } from './KeyPlayers';
import { NodeDetail } from './NodeDetail';
import { NodeProvenance } from './NodeProvenance';
import { taintByEdge, type ShownTrace } from './state';

export interface ApiFilter {
  caseId: string;
  from?: string;
  to?: string;
  currency?: string;
  /** Decimal text of minor units. */
  minAmountMinor: string;
}

/** The layout last opened or saved in this case, reopened when the chart comes back (a reload included). */
const lastLayoutKey = (caseId: string) => `proceeds.chartLayout.${caseId}`;
let annotationSeq = 0;
const annotationId = () => `a${Date.now().toString(36)}${(annotationSeq++).toString(36)}`;

/**
 * The graph of subjects and accounts with the flows between them, key players beside it; an
 * analyst's chart: nodes moved and pinned, hidden and shown again, annotated, saved as named layouts.
 */
export function GraphView({ filter, trace }: { filter: ApiFilter; trace?: ShownTrace }) {
  const { t } = useTranslation('trail');
  const client = useClient();
  const flows = useApi('graph.flows', filter, { placeholderData: (prev) => prev });
  const save = useApiMutation('layout.save');
  const [edge, setEdge] = useState<string>();
  const [node, setNode] = useState<string>();
  const [detail, setDetail] = useState<string>();
  const [focus, setFocus] = useState<{ id: string; at: number }>();
  const [layout, setLayout] = useState(1);
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [pinned, setPinned] = useState<Set<string>>(new Set());
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [layoutVersion, setLayoutVersion] = useState(0);
  const [relayout, setRelayout] = useState(0);
  const [layoutName, setLayoutName] = useState<string>();
  const [loadError, setLoadError] = useState<unknown>();
  const viewCenter = useRef<() => [number, number]>(() => [0, 0]);
  const currency = filter.currency ?? '';
  const money = (minor: string | bigint) => formatMoney(minor, currency);

  const scene = useMemo(() => {
    if (!flows.data) return undefined;
    const held = trace ? new Map(trace.result.accounts.filter((a) => a.currency === filter.currency).map((a) => [a.accountId, a.taintedMinor])) : undefined;
    const shown = hidden.size ? flows.data.nodes.filter((n) => !hidden.has(n.id)) : flows.data.nodes;
    return buildScene(shown, flows.data.edges, taintByEdge(trace, filter.currency), money, held);
  }, [flows.data, trace, filter.currency, hidden]);

  const overlay = useMemo<Overlay>(() => {
    const o: Overlay = { pinned: new Set(), highlights: new Map(), notes: [], boxes: [] };
    if (!scene) return o;
    for (const id of pinned) if (scene.indexOf.has(id)) o.pinned.add(scene.indexOf.get(id)!);
    for (const a of annotations) {
      if (a.kind === 'note') o.notes.push({ ...a });
      else if (a.kind === 'box') o.boxes.push({ ...a });
      else if (scene.indexOf.has(a.nodeId)) o.highlights.set(scene.indexOf.get(a.nodeId)!, a.color);
    }
    return o;
  }, [scene, pinned, annotations]);

  const nodesById = useMemo(() => new Map((flows.data?.nodes ?? []).map((n) => [n.id, n])), [flows.data]);
  const edgesById = useMemo(() => new Map((flows.data?.edges ?? []).map((e) => [e.id, e])), [flows.data]);
  const label = (id: string) => (isOutside(id) ? t('legend.outside') : nodesById.get(id)?.label ?? id);
  const flowOf = useMemo(() => {
    const m = new Map<string, { in: bigint; out: bigint }>();
    for (const e of flows.data?.edges ?? []) {
      if (e.kind !== 'flow') continue;
      (m.get(e.source) ?? m.set(e.source, { in: 0n, out: 0n }).get(e.source)!).out += BigInt(e.totalMinor);
      (m.get(e.target) ?? m.set(e.target, { in: 0n, out: 0n }).get(e.target)!).in += BigInt(e.totalMinor);
    }
    return m;
  }, [flows.data]);
  const neighbours = (id: string) => {
    const out = new Set<string>();
    for (const e of flows.data?.edges ?? []) {
      if (e.source === id) out.add(e.target);
      if (e.target === id) out.add(e.source);
    }
    return out;
  };

  const openLayout = async (id: string) => {
    setLoadError(undefined);
    try {
      const l = await client['layout.get']({ id });
      applyPositions(Object.entries(l.state.nodes).map(([k, v]) => [k, [v[0], v[1]]]));
      setPinned(new Set(Object.entries(l.state.nodes).filter(([, v]) => v[2] === 1).map(([k]) => k)));
      setHidden(new Set(l.state.hidden));
      setAnnotations(l.state.annotations);
      setLayoutName(l.name);
      setLayoutVersion((v) => v + 1);
      localStorage.setItem(lastLayoutKey(filter.caseId), id);
    } catch (e) {
      localStorage.removeItem(lastLayoutKey(filter.caseId));
      setLoadError(e);
    }
  };

  const saveLayout = async (name: string) => {
    const nodes: LayoutState['nodes'] = {};
    for (const [id, [x, y]] of currentPositions()) if (nodesById.has(id)) nodes[id] = [x, y, pinned.has(id) ? 1 : 0];
    const r = await save.mutateAsync({ caseId: filter.caseId, name, state: { nodes, hidden: [...hidden], annotations } });
    setLayoutName(r.name);
    localStorage.setItem(lastLayoutKey(filter.caseId), r.id);
  };

  // Back on the chart (a reload, another tab and back): the layout last opened or saved here.
  useEffect(() => {
    const id = localStorage.getItem(lastLayoutKey(filter.caseId));
    if (id) void openLayout(id);
  }, [filter.caseId]);

  const exportGraph = async (format: 'svg' | 'png') => {
    if (!scene) return;
    const title = layoutName ? `${t('chart.exportTitle')} · ${layoutName}` : t('chart.exportTitle');
    await saveImage(sceneSvg(scene, overlay, title), 'money-trail-graph', format);
  };

  const addAnnotation = (kind: 'note' | 'box', text: string, at?: [number, number]) => {
    const [x, y] = at ?? viewCenter.current();
    setAnnotations((as) => [...as, kind === 'note' ? { id: annotationId(), kind, x, y, text } : { id: annotationId(), kind, x: x - 120, y: y - 80, w: 240, h: 160, text }]);
  };
  const highlightOf = (id: string) => annotations.find((a): a is Extract<Annotation, { kind: 'highlight' }> => a.kind === 'highlight' && a.nodeId === id);

  if (flows.isLoading) return <Loading />;
  if (flows.error) return <ErrorBanner error={flows.error} />;
  if (!scene) return null;
  const selected = edge ? edgesById.get(edge) : undefined;
  const hiddenNeighbours = detail ? [...neighbours(detail)].filter((n) => hidden.has(n)) : [];
  const heldOf = (id: string) => trace?.result.accounts.find((a) => a.accountId === id && a.currency === filter.currency)?.taintedMinor;

  return (
    <div className="trail__main">
      <div className="trail__graph panel">
        <div className="chart-tools" data-testid="chart-tools">
          <LayoutBar caseId={filter.caseId} current={layoutName} onOpen={(id) => void openLayout(id)} onSave={saveLayout} />
          <AnnotateBar onAdd={addAnnotation} count={annotations.length} onClear={() => setAnnotations([])} />
          <button className="button" onClick={() => setRelayout((r) => r + 1)} title={t('chart.relayoutHint')}>{t('chart.relayout')}</button>
          <ImageExport testId="graph-export" onExport={exportGraph} />
          <HiddenList hidden={[...hidden]} label={label} onShow={(ids) => setHidden((h) => new Set([...h].filter((x) => !ids.includes(x))))} />
        </div>
        <ErrorBanner error={loadError} />
        {scene.n === 0 ? (
          <div className="empty-state">{t('graph.empty')}</div>
        ) : (
          <GraphCanvas
            scene={scene}
            selectedEdge={edge}
            selectedNode={node}
            focus={focus}
            overlay={overlay}
            layoutVersion={layoutVersion}
            relayout={relayout}
            chartLabel={t('chart.label')}
            onSelectEdge={(id) => {
              setEdge(id && edgesById.get(id)?.kind === 'flow' ? id : undefined);
              setNode(undefined);
            }}
            onSelectNode={(id) => {
              setNode(id);
              setEdge(undefined);
            }}
            onOpenNode={(id) => {
              setNode(id);
              setDetail(id);
            }}
            onNodeMoved={(id) => setPinned((p) => new Set(p).add(id))}
            onAnnotationMoved={(id, x, y) => setAnnotations((as) => as.map((a) => (a.id === id && a.kind !== 'highlight' ? { ...a, x, y } : a)))}
            onViewCenter={(f) => (viewCenter.current = f)}
            onLayoutProgress={setLayout}
            describeNode={(i) => {
              const n = nodesById.get(scene.ids[i]);
              const f = flowOf.get(scene.ids[i]) ?? { in: 0n, out: 0n };
              return t('graph.tipNode', { label: label(scene.ids[i]), detail: n?.detail ?? '', inflow: money(f.in), outflow: money(f.out) });
            }}
            describeEdge={(i) => {
              const e = edgesById.get(scene.edgeIds[i]);
              if (!e || e.kind !== 'flow') return `${label(scene.ids[scene.src[i]])} → ${label(scene.ids[scene.dst[i]])}`;
              const text = t('graph.tipEdge', {
                from: label(e.source), to: label(e.target), total: money(e.totalMinor), count: e.count, formatted: formatCount(e.count),
                first: formatDate(e.first), last: formatDate(e.last),
              });
              return scene.taintText[i] ? `${text}\n${t('graph.tipEdgeTaint', { amount: scene.taintText[i] })}` : text;
            }}
            fitLabel={t('graph.fit')}
          />
        )}
        <div className="graph-legend">
          <span><i className="dot dot--account" />{t('legend.account')}</span>
          <span><i className="dot dot--subject" />{t('legend.subject')}</span>
          <span><i className="dot dot--external" />{t('legend.external')}</span>
          <span><i className="dot dot--outside" />{t('legend.outside')}</span>
          {scene.traced && <span><i className="line line--taint" />{t('legend.tainted')}</span>}
          {scene.traced && <span><i className="ring" />{t('legend.holds')}</span>}
        </div>
        <div className="graph-status muted">
          {layout < 1 ? t('graph.layout', { percent: Math.round(layout * 100) }) : t('graph.summary', { nodes: formatCount(scene.n), edges: formatCount(flows.data!.edges.filter((e) => e.kind === 'flow').length) })}
          {' · '}
          {t('chart.hint')}
        </div>
        {selected && (
          <EdgeTransactions
            filter={filter}
            edge={selected}
            fromLabel={label(selected.source)}
            toLabel={label(selected.target)}
            tainted={scene.taintText[scene.edgeIds.indexOf(selected.id)]}
            onClose={() => setEdge(undefined)}
          />
        )}
      </div>
      <div className="trail__side">
        {detail && flows.data && nodesById.has(detail) && (
          <NodeDetail
            caseId={filter.caseId}
            nodeId={detail}
            flows={flows.data}
            label={label}
            currency={currency}
            heldMinor={heldOf(detail)}
            provenance={trace && <NodeProvenance caseId={filter.caseId} trace={trace} nodeId={detail} />}
            pinned={pinned.has(detail)}
            highlight={highlightOf(detail)?.color}
            hiddenNeighbours={hiddenNeighbours.length}
            onPin={() => setPinned((p) => { const n = new Set(p); if (n.has(detail)) n.delete(detail); else n.add(detail); return n; })}
            onHide={() => {
              setHidden((h) => new Set(h).add(detail));
              setDetail(undefined);
              setNode(undefined);
            }}
            onExpand={() => setHidden((h) => new Set([...h].filter((x) => !hiddenNeighbours.includes(x))))}
            onHighlight={(color) =>
              setAnnotations((as) => [...as.filter((a) => !(a.kind === 'highlight' && a.nodeId === detail)), ...(color ? [{ id: annotationId(), kind: 'highlight' as const, nodeId: detail, color: color as 'red', text: '' }] : [])])
            }
            onNote={() => {
              const i = scene.indexOf.get(detail);
              addAnnotation('note', label(detail), i === undefined ? undefined : [scene.x[i] + 20, scene.y[i] + 20]);
            }}
            onClose={() => setDetail(undefined)}
          />
        )}
        <KeyPlayers filter={filter} selected={node} onPick={(id) => {
          setNode(id);
          setDetail(id);
          setFocus({ id, at: Date.now() });
        }} />
      </div>
    </div>
  );
}
