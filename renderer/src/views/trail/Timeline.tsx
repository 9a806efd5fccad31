import { ImageExport } from './ChartTools';
import { saveImage, svgDocument } from './export-image';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { axisBottom, axisLeft } from 'd3-axis';
import { brushX, type BrushBehavior } from 'd3-brush';
import { scaleLinear, scaleUtc } from 'd3-scale';
import { select } from 'd3-selection';
import { utcDay } from 'd3-time';
import { minorDigits } from '../../../../core/money';
import { formatDate } from '../../i18n/format';

interface Day {
  day: string;
  /** Decimal text of minor units; bar heights only, so a Number is fine here. */
  totalMinor: string;
  count: number;
}

const HEIGHT = 150;
const M = { top: 12, right: 16, bottom: 24, left: 64 };
const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Daily volume of the case's flows, with a brush: dragging across it sets the date range of the
 * graph, key players and Sankey.
 */
export function Timeline(props: { days: Day[]; currency: string; range?: [string, string]; onRange(r: [string, string] | undefined): void }) {
  const { t, i18n } = useTranslation('trail');
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const brush = useRef<BrushBehavior<unknown>>(null);
  const [width, setWidth] = useState(900);
  const latest = useRef(props);
  latest.current = props;

  useEffect(() => {
    const ro = new ResizeObserver(() => wrap.current && setWidth(wrap.current.getBoundingClientRect().width));
    ro.observe(wrap.current!);
    return () => ro.disconnect();
  }, []);

  useEffect(() => {
    const days = props.days;
    const root = select(svg.current!);
    root.selectAll('*').remove();
    if (days.length === 0) return;
    const first = new Date(days[0].day + 'T00:00:00Z');
    const last = utcDay.offset(new Date(days[days.length - 1].day + 'T00:00:00Z'), 1);
    const x = scaleUtc().domain([first, last]).range([M.left, width - M.right]);
    const unit = 10 ** (minorDigits(props.currency) ?? 2);
    const max = Math.max(...days.map((d) => Number(d.totalMinor))) / unit;
    const y = scaleLinear().domain([0, max || 1]).nice().range([HEIGHT - M.bottom, M.top]);
    const barWidth = Math.max(1, x(utcDay.offset(first, 1)) - x(first) - 1);
    const compact = new Intl.NumberFormat(i18n.language, { notation: 'compact', maximumFractionDigits: 1 });

    root
      .append('g')
      .attr('class', 'timeline__bars')
      .selectAll('rect')
      .data(days)
      .join('rect')
      .attr('x', (d) => x(new Date(d.day + 'T00:00:00Z')))
      .attr('y', (d) => y(Number(d.totalMinor) / unit))
      .attr('width', barWidth)
      .attr('height', (d) => y(0) - y(Number(d.totalMinor) / unit))
      .append('title')
      .text((d) => `${formatDate(d.day)}: ${compact.format(Number(d.totalMinor) / unit)} ${props.currency} (${d.count})`);
    root.append('g').attr('class', 'axis').attr('transform', `translate(0,${HEIGHT - M.bottom})`).call(axisBottom(x).ticks(Math.max(2, Math.floor(width / 110))));
    root
      .append('g')
      .attr('class', 'axis')
      .attr('transform', `translate(${M.left},0)`)
      .call(axisLeft(y).ticks(4).tickFormat((v) => `${compact.format(Number(v))}`));

    const b = brushX<unknown>()
      .extent([[M.left, M.top], [width - M.right, HEIGHT - M.bottom]])
      .on('end', (ev: { selection: [number, number] | null; sourceEvent?: unknown }) => {
        if (!ev.sourceEvent) return; // moved by code, not by the user
        if (!ev.selection) return latest.current.onRange(undefined);
        const [a, z] = ev.selection.map((px) => x.invert(px));
        latest.current.onRange([iso(utcDay.floor(a)), iso(utcDay.offset(utcDay.ceil(z), -1))]);
      });
    brush.current = b;
    const g = root.append('g').attr('class', 'timeline__brush').call(b);
    const r = latest.current.range;
    if (r) g.call(b.move, [x(new Date(r[0] + 'T00:00:00Z')), x(utcDay.offset(new Date(r[1] + 'T00:00:00Z'), 1))]);
  }, [props.days, props.currency, props.range?.[0], props.range?.[1], width]);

  return (
    <section className="timeline panel" data-testid="timeline">
      <div className="timeline__header">
        <h2>
          {t('timeline.title')} <span className="muted">· {t('timeline.volume')} ({props.currency})</span>
        </h2>
        <span className="muted">
          {props.range ? t('timeline.range', { from: formatDate(props.range[0]), to: formatDate(props.range[1]) }) : t('timeline.all')}
          {props.range && (
            <button className="link-button" onClick={() => props.onRange(undefined)}>{t('timeline.clear')}</button>
          )}
        </span>
      </div>
      <div ref={wrap} className="timeline__chart">
        <svg ref={svg} width={width} height={HEIGHT} role="img" aria-label={t('timeline.hint')} />
      </div>
      <p className="muted timeline__hint">{t('timeline.hint')}</p>
      <ImageExport testId="timeline-export" onExport={(f) => saveImage(svgDocument(svg.current!), 'money-trail-timeline', f)} />
    </section>
  );
}
