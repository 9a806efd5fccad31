import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseAmount } from '../../../../core/money';
import { TRACE_METHODS } from '../../../../core/trace/kinds';
import { useApi, useClient } from '../../api/hooks';
import { ErrorBanner } from '../../components/Misc';
import { TabList, TabPanel } from '../../components/Tabs';
import { formatMoney } from '../../i18n/format';
import type { TabProps } from '../case/tabs';
import { FilterBar } from './FilterBar';
import { GraphView } from './GraphView';
import { SankeyView } from './SankeyView';
import { Timeline } from './Timeline';
import { TracePanel } from './TracePanel';
import type { ShownTrace, TrailFilter, TrailView } from './state';
import './trail.css';

/** The case's Money trail tab: graph with key players, Sankey, timeline, and the Trace panel. */
export function TrailTab({ caseId }: TabProps) {
  // The review's client when under review: every read goes to the bundle, never to the local database.
  const client = useClient();
  const { t } = useTranslation('trail');
  const [view, setView] = useState<TrailView>('graph');
  const [filter, setFilter] = useState<TrailFilter>({ minAmount: '' });
  const [trace, setTrace] = useState<ShownTrace>();
  const [rerunning, setRerunning] = useState<unknown>();

  /** The method filter: the same marks and parameters, traced by another method. */
  const byMethod = async (method: (typeof TRACE_METHODS)[number]) => {
    if (!trace) return;
    setRerunning(true);
    try {
      const result = await client['trace.run']({ caseId, method, marks: trace.marks, params: trace.params ?? {} });
      setTrace({ result, marks: trace.marks, params: trace.params });
      setRerunning(undefined);
    } catch (e) {
      setRerunning(e);
    }
  };
  // The busiest currency of the case, until the user picks one: flows never mix currencies.
  const timeline = useApi('graph.timeline', { filter: { caseId } });
  const currencies = useMemo(() => {
    const counts = new Map<string, number>();
    for (const d of timeline.data?.days ?? []) counts.set(d.currency, (counts.get(d.currency) ?? 0) + d.count);
    return [...counts].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  }, [timeline.data]);
  const currency = filter.currency ?? trace?.result.totals[0]?.currency ?? currencies[0];

  const min = filter.minAmount.trim() && currency ? parseAmount(filter.minAmount, currency) : undefined;
  const minError = min && !min.ok ? min.error : min && min.ok && min.minor < 0n ? 'must not be negative' : undefined;
  const apiFilter = {
    caseId,
    from: filter.from,
    to: filter.to,
    currency,
    minAmountMinor: min && min.ok && min.minor > 0n ? min.minor.toString() : '0',
  };

  const tracedAmount = trace
    ? trace.result.totals.filter((x) => x.currency === currency).reduce((s, x) => s + BigInt(x.injectedMinor) + BigInt(x.exchangedInMinor), 0n)
    : 0n;

  return (
    <div className="trail">
      <div className="trail__bar">
        <TabList id="trail" variant="segmented" label={t('views.graph')} tabs={(['graph', 'sankey', 'trace'] as const).map((v) => ({ key: v, label: t(`views.${v}`) }))} active={view} onSelect={setView} />
        {view !== 'trace' && <FilterBar filter={filter} currencies={currencies} currency={currency} error={minError} onChange={setFilter} />}
        {trace && view !== 'trace' && (
          <div className="trail__trace-badge" data-testid="trail-summary">
            <span className="swatch swatch--taint" />
            {t('graph.traced', {
              name: trace.name || t('views.trace'),
              count: trace.result.edges.filter((e) => !currency || e.currency === currency).length,
              amount: currency ? formatMoney(tracedAmount, currency) : '',
            })}
            <select name="traceMethod" aria-label={t('trace.method')} value={trace.result.method} disabled={rerunning === true} onChange={(e) => void byMethod(e.target.value as (typeof TRACE_METHODS)[number])}>
              {TRACE_METHODS.map((m) => (
                <option key={m} value={m}>{m}</option>
              ))}
            </select>
            <button className="link-button" onClick={() => setTrace(undefined)}>{t('graph.clearTrace')}</button>
          </div>
        )}
        {rerunning !== undefined && rerunning !== true && <ErrorBanner error={rerunning} />}
      </div>

      <TabPanel id="trail" active={view}>
      {view === 'graph' && <GraphView filter={apiFilter} trace={trace} />}
      {view === 'sankey' && <SankeyView trace={trace} currency={currency} onGoTrace={() => setView('trace')} />}
      {view === 'trace' && (
        <TracePanel
          caseId={caseId}
          shown={trace}
          onShow={(shown, where) => {
            setTrace(shown);
            setView(where);
          }}
        />
      )}
      {view !== 'trace' && currency && (
        <Timeline
          days={(timeline.data?.days ?? []).filter((d) => d.currency === currency)}
          currency={currency}
          range={filter.from && filter.to ? [filter.from, filter.to] : undefined}
          onRange={(r) => setFilter({ ...filter, from: r?.[0], to: r?.[1] })}
        />
      )}
      </TabPanel>
    </div>
  );
}
