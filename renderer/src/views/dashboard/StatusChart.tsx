import { oneOf } from '../../components/choice';
import type { AssetStatus } from '../../../../core/assets/lifecycle';
import { scaleBand, scaleLinear, stack } from 'd3';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../i18n/format';
import { STATUS_COLORS, STATUS_ORDER } from './colors';
import { toDrawable } from '../assets/minor';

/** valueMinor is decimal text of minor units: bars are drawn from its nearest double, labels from the exact text. */
interface Point { period: string; status: AssetStatus; currency: string; count: number; valueMinor: string }

const W = 640;
const H = 260;
const M = { top: 10, right: 10, bottom: 28, left: 78 };

/** Stacked bars: per month, the value of the assets that reached each status (one currency). */
export function StatusChart({ points, currency, onPick }: { points: Point[]; currency: string; onPick?: (period: string, status: AssetStatus) => void }) {
  const { t } = useTranslation('dashboard');
  const { t: ta } = useTranslation('assets');
  const mine = points.filter((p) => p.currency === currency);
  if (mine.length === 0) return <p className="muted">{t('series.empty')}</p>;
  const periods = [...new Set(mine.map((p) => p.period))].sort();
  const rows = periods.map((period) => {
    const row: Record<string, number | string> = { period };
    for (const s of STATUS_ORDER) row[s] = toDrawable(mine.find((p) => p.period === period && p.status === s)?.valueMinor);
    return row;
  });
  const series = stack<Record<string, number | string>>().keys(STATUS_ORDER as unknown as string[]).value((d, k) => Number(d[k]))(rows);
  const max = Math.max(1, ...series.flatMap((s) => s.map((d) => d[1])));
  const x = scaleBand().domain(periods).range([M.left, W - M.right]).padding(0.18);
  const y = scaleLinear().domain([0, max]).nice().range([H - M.bottom, M.top]);
  // Label roughly a dozen months at most, so a five-year range stays readable.
  const every = Math.max(1, Math.ceil(periods.length / 12));
  // Axis ticks are drawing positions (doubles); BigInt of a whole double is its exact value, never "1e+24".
  const short = (tick: number) => formatMoney(BigInt(Math.round(tick)), currency).replace(/[.,]\d+(?=\D*$)/, '');
  const exact = (period: string, status: string) => mine.find((p) => p.period === period && p.status === status)?.valueMinor ?? '0';
  return (
    <div data-testid="status-chart">
      <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('series.title')}>
        {y.ticks(5).map((v) => (
          <g key={v}>
            <line x1={M.left} x2={W - M.right} y1={y(v)} y2={y(v)} stroke="#eef1f5" />
            <text x={M.left - 6} y={y(v) + 4} textAnchor="end">{short(v)}</text>
          </g>
        ))}
        {series.map((s) => (
          <g key={s.key} fill={STATUS_COLORS[s.key]}>
            {s.map((d) => (
              <rect key={String(d.data.period)} x={x(String(d.data.period))} width={x.bandwidth()} y={y(d[1])} height={Math.max(0, y(d[0]) - y(d[1]))}
                onClick={() => { const status = oneOf(STATUS_ORDER, s.key); if (status) onPick?.(String(d.data.period), status); }} style={{ cursor: onPick ? 'pointer' : undefined }}>
                <title>{`${d.data.period} · ${ta(`statuses.${s.key}`)}: ${formatMoney(exact(String(d.data.period), s.key), currency)}`}</title>
              </rect>
            ))}
          </g>
        ))}
        {periods.map((p, i) => (i % every === 0 ? <text key={p} x={(x(p) ?? 0) + x.bandwidth() / 2} y={H - 10} textAnchor="middle">{p}</text> : null))}
      </svg>
      <div className="legend">
        {STATUS_ORDER.map((s) => <span key={s}><span className="legend__swatch" style={{ background: STATUS_COLORS[s] }} />{ta(`statuses.${s}`)}</span>)}
      </div>
    </div>
  );
}
