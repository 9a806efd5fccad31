import { ImageExport } from './ChartTools';
import { saveImage, svgDocument } from './export-image';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sankey, sankeyLeft, sankeyLinkHorizontal, type SankeyGraph } from 'd3-sankey';
import { select } from 'd3-selection';
import { sankeyData, type SankeyNode } from '../../../../core/graph/sankey';
import { formatMoney } from '../../i18n/format';
import type { ShownTrace } from './state';

type Node = SankeyNode & { name: string; tainted: boolean };
type Link = { source: string; target: string; value: number };

const HEIGHT = 560;

/** Where the tainted money went: a Sankey of the trace's flows, loops broken (see core/graph/sankey.ts). */
export function SankeyView(props: { trace?: ShownTrace; currency?: string; onGoTrace(): void }) {
  const { t } = useTranslation('trail');
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const [width, setWidth] = useState(1000);
  const { trace, currency } = props;

  const data = useMemo(() => {
    if (!trace || !currency) return undefined;
    const accounts = new Map(trace.result.accounts.filter((a) => a.currency === currency).map((a) => [a.accountId, a]));
    const s = sankeyData(trace.result.edges.filter((e) => e.currency === currency), 45);
    const name = (n: SankeyNode) => {
      if (n.kind === 'source') return t('sankey.source');
      if (n.kind === 'sink') return t('sankey.sink');
      const a = accounts.get(n.accountId!);
      const base = a ? (a.holderName ? `${a.holderName} · ${a.identifier}` : a.identifier) : n.accountId!;
      return n.kind === 'return' ? t('sankey.returned', { name: base }) : base;
    };
    const nodes: Node[] = s.nodes.map((n) => ({ ...n, name: name(n), tainted: BigInt(accounts.get(n.accountId ?? '')?.taintedMinor ?? 0) > 0n }));
    return { ...s, nodes };
  }, [trace, currency]);

  useEffect(() => {
    if (!wrap.current) return;
    const ro = new ResizeObserver(() => wrap.current && setWidth(wrap.current.getBoundingClientRect().width));
    ro.observe(wrap.current);
    return () => ro.disconnect();
  }, [data !== undefined]);

  useEffect(() => {
    if (!data || !svg.current) return;
    const root = select(svg.current);
    root.selectAll('*').remove();
    if (data.links.length === 0) return;
    const layout = sankey<Node, Link>()
      .nodeId((d) => d.id)
      .nodeAlign(sankeyLeft)
      .nodeWidth(14)
      .nodePadding(18)
      .extent([[8, 8], [width - 8, HEIGHT - 8]]);
    const graph: SankeyGraph<Node, Link> = layout({ nodes: data.nodes.map((d) => ({ ...d })), links: data.links.map((l) => ({ ...l })) });
    const money = (v: number) => formatMoney(v, currency!);
    const color = (n: Node) => (n.kind === 'source' ? '#b42318' : n.kind === 'sink' ? '#b7791f' : n.kind === 'return' ? '#7a5af8' : n.tainted ? '#c42026' : '#2f6fd0');

    root
      .append('g')
      .attr('fill', 'none')
      .selectAll('path')
      .data(graph.links)
      .join('path')
      .attr('class', 'sankey__link')
      .attr('d', sankeyLinkHorizontal())
      .attr('stroke', (l) => ((l.target as Node).kind === 'return' ? 'rgba(122, 90, 248, 0.35)' : 'rgba(196, 32, 38, 0.28)'))
      .attr('stroke-width', (l) => Math.max(1, l.width ?? 1))
      .append('title')
      .text((l) => `${(l.source as Node).name} → ${(l.target as Node).name}\n${money(l.value)}`);

    const node = root.append('g').selectAll('g').data(graph.nodes).join('g');
    node
      .append('rect')
      .attr('x', (d) => d.x0!)
      .attr('y', (d) => d.y0!)
      .attr('height', (d) => Math.max(1, d.y1! - d.y0!))
      .attr('width', (d) => d.x1! - d.x0!)
      .attr('fill', color)
      .append('title')
      .text((d) => `${d.name}\n${money(d.value ?? 0)}`);
    // Two short lines (name, amount), only where the node is tall enough, biggest first, none over another.
    const boxes: [number, number, number, number][] = [];
    const labelled = new Set(
      [...graph.nodes]
        .filter((d) => d.y1! - d.y0! >= 16)
        .sort((a, b) => (b.value ?? 0) - (a.value ?? 0))
        .filter((d) => {
          const left = d.x0! < width / 2;
          const w = 7 * Math.min(30, Math.max(d.name.length, 14));
          const mid = (d.y0! + d.y1!) / 2;
          const box: [number, number, number, number] = left ? [d.x1! + 4, mid - 14, d.x1! + 6 + w, mid + 18] : [d.x0! - 6 - w, mid - 14, d.x0! - 4, mid + 18];
          if (boxes.some((o) => box[0] < o[2] && box[2] > o[0] && box[1] < o[3] && box[3] > o[1])) return false;
          boxes.push(box);
          return true;
        }),
    );
    const label = node
      .filter((d) => labelled.has(d))
      .append('text')
      .attr('class', 'sankey__label')
      .attr('x', (d) => (d.x0! < width / 2 ? d.x1! + 6 : d.x0! - 6))
      .attr('y', (d) => (d.y0! + d.y1!) / 2)
      .attr('text-anchor', (d) => (d.x0! < width / 2 ? 'start' : 'end'));
    label
      .append('tspan')
      .attr('dy', '-0.2em')
      .text((d) => (d.name.length > 30 ? d.name.slice(0, 29) + '…' : d.name));
    label
      .append('tspan')
      .attr('class', 'sankey__amount')
      .attr('x', (d) => (d.x0! < width / 2 ? d.x1! + 6 : d.x0! - 6))
      .attr('dy', '1.15em')
      .text((d) => money(d.value ?? 0));
  }, [data, width]);

  if (!trace || !currency)
    return (
      <div className="empty-state panel">
        <p>{t('sankey.empty')}</p>
        <button className="button button--primary" onClick={props.onGoTrace}>{t('sankey.goTrace')}</button>
      </div>
    );
  return (
    <section className="panel sankey" data-testid="sankey">
      <div className="panel__header">
        <h2>{t('sankey.title')}</h2>
        <span className="muted">{t('sankey.currency', { currency })}</span>
        <ImageExport testId="sankey-export" onExport={(f) => saveImage(svgDocument(svg.current!), 'money-trail-sankey', f)} />
      </div>
      <div ref={wrap} className="sankey__chart">
        <svg ref={svg} width={width} height={HEIGHT} role="img" aria-label={t('sankey.title')} />
      </div>
      <div className="sankey-legend muted">
        <span><i className="swatch" style={{ background: '#b42318' }} />{t('sankey.legendSource')}</span>
        <span><i className="swatch" style={{ background: '#c42026' }} />{t('sankey.legendHolds')}</span>
        <span><i className="swatch" style={{ background: '#2f6fd0' }} />{t('sankey.legendPassed')}</span>
        <span><i className="swatch" style={{ background: '#7a5af8' }} />{t('sankey.legendReturned')}</span>
        <span><i className="swatch" style={{ background: '#b7791f' }} />{t('sankey.sink')}</span>
      </div>
      <p className="muted">
        {data && data.returns > 0 && t('sankey.loops', { count: data.returns })}{' '}
        {data && BigInt(data.omittedMinor) > 0n && t('sankey.omitted', { amount: formatMoney(data.omittedMinor, currency) })}
      </p>
    </section>
  );
}
