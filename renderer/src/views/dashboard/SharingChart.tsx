import { scaleBand, scaleLinear } from 'd3';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '../../i18n/format';
import { toDrawable } from '../assets/minor';

/** shareMinor is decimal text: bar lengths come from its nearest double, labels from the exact text. */
interface Share { agencyId: string; name: string; code: string; currency: string; shareMinor: string; recordedMinor: string; projectedMinor: string }

const W = 560;
const ROW = 26;
const LEFT = 170;
const RIGHT = 220;

/**
 * Horizontal bars: each agency's share of net proceeds in one currency, largest first. The recorded
 * part (decided) is solid, the projected part (current policy, nothing decided) hatched-light, and
 * the label names both, so a projection is never read as a decision.
 */
export function SharingChart({ shares, currency }: { shares: Share[]; currency: string }) {
  const { t } = useTranslation('dashboard');
  const mine = shares.filter((s) => s.currency === currency && BigInt(s.shareMinor) > 0n).slice(0, 20);
  if (mine.length === 0) return null;
  const H = mine.length * ROW + 8;
  const x = scaleLinear().domain([0, Math.max(...mine.map((s) => toDrawable(s.shareMinor)))]).range([0, W - LEFT - RIGHT]);
  const y = scaleBand().domain(mine.map((s) => s.agencyId)).range([4, H - 4]).padding(0.22);
  return (
    <svg className="chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('sharing.title')} data-testid="sharing-chart">
      {mine.map((s) => (
        <g key={s.agencyId} transform={`translate(0, ${y(s.agencyId)})`}>
          <text x={LEFT - 8} y={y.bandwidth() / 2 + 4} textAnchor="end">{s.name.length > 24 ? s.name.slice(0, 23) + '…' : s.name}</text>
          <rect x={LEFT} width={x(toDrawable(s.recordedMinor))} height={y.bandwidth()} fill="#1e7b47" data-kind="recorded" />
          <rect x={LEFT + x(toDrawable(s.recordedMinor))} width={Math.max(1, x(toDrawable(s.projectedMinor)))} height={y.bandwidth()} fill="#a9d6b9" stroke="#1e7b47" strokeDasharray="3 2" data-kind="projected" />
          <text className="bar-label" x={LEFT + x(toDrawable(s.shareMinor)) + 6} y={y.bandwidth() / 2 + 4}>
            {BigInt(s.projectedMinor) === 0n ? formatMoney(s.recordedMinor, currency)
              : BigInt(s.recordedMinor) === 0n ? t('sharing.projectedLabel', { amount: formatMoney(s.projectedMinor, currency) })
              : t('sharing.bothLabel', { recorded: formatMoney(s.recordedMinor, currency), projected: formatMoney(s.projectedMinor, currency) })}
          </text>
        </g>
      ))}
    </svg>
  );
}
