import { useTranslation } from 'react-i18next';
import type { Client } from '../../../../core/api';
import { HIGHLIGHT_COLORS } from '../../../../core/graph/layout-schemas';
import { useApi } from '../../api/hooks';
import { formatDate, formatMoney } from '../../i18n/format';
import { useNav } from '../../nav';

type Flows = Awaited<ReturnType<Client['graph.flows']>>;

export interface NodeActions {
  pinned: boolean;
  highlight?: string;
  hiddenNeighbours: number;
  onPin(): void;
  onHide(): void;
  onExpand(): void;
  onHighlight(color: string | undefined): void;
  onNote(): void;
  onClose(): void;
}

/**
 * The selected node of the chart: totals in and out, who it dealt with, tainted money it holds and,
 * for a subject or an account's holder, the subject's assets and traces (subjects.profile), with
 * the analyst's actions on the node.
 */
export function NodeDetail(props: { caseId: string; nodeId: string; flows: Flows; label(id: string): string; currency: string; heldMinor?: string; provenance?: React.ReactNode } & NodeActions) {
  const { t } = useTranslation('trail');
  const { go } = useNav();
  const node = props.flows.nodes.find((n) => n.id === props.nodeId);
  const subjectId = node?.kind === 'subject' ? node.id : node?.subjectId ?? undefined;
  const profile = useApi('subjects.profile', { id: subjectId ?? '' }, { enabled: Boolean(subjectId) });
  if (!node) return null;
  const money = (m: bigint | string) => formatMoney(m, props.currency);
  let [inflow, outflow] = [0n, 0n];
  const parties = new Map<string, { in: bigint; out: bigint }>();
  for (const e of props.flows.edges) {
    if (e.kind !== 'flow' || (e.source !== node.id && e.target !== node.id)) continue;
    const other = e.source === node.id ? e.target : e.source;
    const p = parties.get(other) ?? { in: 0n, out: 0n };
    if (e.target === node.id) ((p.in += BigInt(e.totalMinor)), (inflow += BigInt(e.totalMinor)));
    else ((p.out += BigInt(e.totalMinor)), (outflow += BigInt(e.totalMinor)));
    parties.set(other, p);
  }
  const top = [...parties].sort((a, b) => Number(b[1].in + b[1].out - (a[1].in + a[1].out))).slice(0, 8);
  const p = profile.data;
  return (
    <aside className="panel node-detail" data-testid="node-detail" aria-label={t('chart.detailTitle', { label: props.label(node.id) })}>
      <div className="panel__header">
        <h3>{props.label(node.id)} <span className="muted">· {t(`chart.kind.${node.kind}`)}</span></h3>
        <button className="link-button" onClick={props.onClose}>{t('chart.close')}</button>
      </div>
      {node.detail && <p className="muted mono">{node.detail}</p>}
      <dl className="facts">
        <dt>{t('chart.in')}</dt><dd>{money(inflow)}</dd>
        <dt>{t('chart.out')}</dt><dd>{money(outflow)}</dd>
        {props.heldMinor && BigInt(props.heldMinor) > 0n && (<><dt>{t('chart.holdsTainted')}</dt><dd className="taint">{money(props.heldMinor)}</dd></>)}
      </dl>
      <div className="node-detail__actions">
        <button className="button" onClick={props.onPin} aria-pressed={props.pinned}>{props.pinned ? t('chart.unpin') : t('chart.pin')}</button>
        <button className="button" onClick={props.onHide}>{t('chart.hide')}</button>
        <button className="button" onClick={props.onExpand} disabled={props.hiddenNeighbours === 0}>{t('chart.expand', { count: props.hiddenNeighbours })}</button>
        <button className="button" onClick={props.onNote}>{t('chart.noteHere')}</button>
        <label className="field field--inline">
          <span className="field__label">{t('chart.highlight')}</span>
          <select name="highlight" value={props.highlight ?? ''} onChange={(e) => props.onHighlight(e.target.value || undefined)}>
            <option value="">{t('chart.colors.none')}</option>
            {HIGHLIGHT_COLORS.map((c) => <option key={c} value={c}>{t(`chart.colors.${c}`)}</option>)}
          </select>
        </label>
      </div>
      {props.provenance}
      <h4>{t('chart.counterparties')}</h4>
      {top.length === 0 ? <p className="muted">{t('chart.none')}</p> : (
        <table className="table table--compact">
          <thead><tr><th>{t('chart.party')}</th><th className="num">{t('chart.received')}</th><th className="num">{t('chart.sent')}</th></tr></thead>
          <tbody>{top.map(([id, f]) => <tr key={id}><td>{props.label(id)}</td><td className="num">{f.in ? money(f.in) : ''}</td><td className="num">{f.out ? money(f.out) : ''}</td></tr>)}</tbody>
        </table>
      )}
      {p && (
        <>
          <h4>{t('chart.assets')}</h4>
          {p.assets.length === 0 ? <p className="muted">{t('chart.none')}</p> : <ul className="plain-list">{p.assets.map((a) => <li key={a.id}>{a.description} <span className="muted">· {formatMoney(a.valueSeizedMinor, a.currency)}</span></li>)}</ul>}
          <h4>{t('chart.traces')}</h4>
          {p.traces.length === 0 ? <p className="muted">{t('chart.none')}</p> : <ul className="plain-list">{p.traces.map((x) => <li key={x.id}>{x.name || x.method} <span className="muted">· {x.method} · {formatDate(x.createdAt.slice(0, 10))}</span></li>)}</ul>}
          <button className="button button--link" onClick={() => go({ view: 'case', caseId: props.caseId, tab: 'subjects', params: { subject: p.subject.id } })}>{t('chart.openProfile', { name: p.subject.name })}</button>
        </>
      )}
    </aside>
  );
}
