import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isOutside } from '../../../../core/graph/flows';
import { useApi } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/Misc';
import { formatCount, formatDate, formatMoney } from '../../i18n/format';
import { GraphCanvas } from './graph/GraphCanvas';
import { buildScene } from './graph/scene';
import { EdgeTransactions } from './EdgeTransactions';
import { KeyPlayers } from './KeyPlayers';
import { taintByEdge, type ShownTrace } from './state';

export interface ApiFilter {
  caseId: string;
  from?: string;
  to?: string;
  currency?: string;
  /** Decimal text of minor units. */
  minAmountMinor: string;
}

/** The graph of subjects and accounts with the flows between them, key players beside it. */
export function GraphView({ filter, trace }: { filter: ApiFilter; trace?: ShownTrace }) {
  const { t } = useTranslation('trail');
  const flows = useApi('graph.flows', filter, { placeholderData: (prev) => prev });
  const [edge, setEdge] = useState<string>();
  const [node, setNode] = useState<string>();
  const [focus, setFocus] = useState<{ id: string; at: number }>();
  const [layout, setLayout] = useState(1);
  const currency = filter.currency ?? '';
  const money = (minor: string | bigint) => formatMoney(minor, currency);

  const scene = useMemo(() => {
    if (!flows.data) return undefined;
    const held = trace ? new Map(trace.result.accounts.filter((a) => a.currency === filter.currency).map((a) => [a.accountId, a.taintedMinor])) : undefined;
    return buildScene(flows.data.nodes, flows.data.edges, taintByEdge(trace, filter.currency), money, held);
  }, [flows.data, trace, filter.currency]);

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

  if (flows.isLoading) return <Loading />;
  if (flows.error) return <ErrorBanner error={flows.error} />;
  if (!scene) return null;
  const selected = edge ? edgesById.get(edge) : undefined;

  return (
    <div className="trail__main">
      <div className="trail__graph panel">
        {scene.n === 0 ? (
          <div className="empty-state">{t('graph.empty')}</div>
        ) : (
          <GraphCanvas
            scene={scene}
            selectedEdge={edge}
            selectedNode={node}
            focus={focus}
            onSelectEdge={(id) => {
              setEdge(id && edgesById.get(id)?.kind === 'flow' ? id : undefined);
              setNode(undefined);
            }}
            onSelectNode={(id) => {
              setNode(id);
              setEdge(undefined);
            }}
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
          {t('graph.hint')}
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
      <KeyPlayers filter={filter} selected={node} onPick={(id) => {
        setNode(id);
        setFocus({ id, at: Date.now() });
      }} />
    </div>
  );
}
