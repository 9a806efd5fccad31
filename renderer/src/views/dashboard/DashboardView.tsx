import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { keepPreviousData } from '@tanstack/react-query';
import type { CurrencyTotals, TotalsRow } from '../../../../core/dashboard/totals';
import { ProceedsError } from '../../../../core/errors';
import { useApi } from '../../api/hooks';
import { useNav } from '../../nav';
import { DashboardFilters } from '../../../../core/dashboard/schemas';
import { issuesToErrors } from '../../components/Form';
import { ErrorBanner } from '../../components/Misc';
import { formatMoney } from '../../i18n/format';
import { sumMinor } from '../../../../core/money';
import { ConvertPanel, type Convert } from './ConvertPanel';
import { DrillGrid } from './DrillGrid';
import { FiltersBar, type Filters } from './FiltersBar';
import { SharingSection } from './SharingSection';
import { DeadlinesPanel } from './DeadlinesPanel';
import { StatusChart } from './StatusChart';
import { TotalsGrid } from './TotalsGrid';
import { STATUS_COLORS } from './colors';
import './dashboard.css';

interface Drill { filters: Filters; what: string }

const DEFAULT_FILTERS: Filters = { dateBasis: 'seized' };

/**
 * Filters from the address; anything not shaped as the contract's filters gives the defaults. A period
 * that ends before it starts is kept as typed, so the core's message lands on the field.
 */
function filtersFrom(text: string | undefined): Filters {
  if (!text) return DEFAULT_FILTERS;
  try {
    const raw: unknown = JSON.parse(text);
    const shape = DashboardFilters.safeParse(raw && typeof raw === 'object' ? { ...raw, to: undefined } : raw);
    if (!shape.success) return DEFAULT_FILTERS;
    const to = (raw as { to?: unknown }).to;
    return { ...shape.data, ...(typeof to === 'string' ? { to } : {}) };
  } catch {
    return DEFAULT_FILTERS;
  }
}

/** The supervisor's view across all cases: totals, flows over time, sharing, and the assets behind any figure. */
export function DashboardView() {
  const { t } = useTranslation('dashboard');
  const { t: ta } = useTranslation('assets');
  const { route, go } = useNav();
  // The filters are part of the address: reload keeps them, and a supervisor can send the view to someone.
  const filters = filtersFrom(route.view === 'dashboard' ? route.params?.filters : undefined);
  const setFilters = (f: Filters) => go({ view: 'dashboard', params: { filters: JSON.stringify(f) } }, { replace: true });
  const [convert, setConvert] = useState<Convert>();
  const [drill, setDrill] = useState<Drill>();
  const [shown, setShown] = useState<string>();
  const all = useApi('dashboard.totals', {});
  const totals = useApi('dashboard.totals', { filters, convert }, { placeholderData: keepPreviousData });
  const series = useApi('dashboard.series', { filters }, { placeholderData: keepPreviousData });
  const currencies = Object.keys(all.data?.byCurrency ?? {});
  const byCurrency = totals.data?.byCurrency ?? {};
  // The cards and charts show one currency at a time: the one picked, else the one with most assets.
  const currency = shown && byCurrency[shown] ? shown : Object.entries(byCurrency).sort((a, b) => b[1].count - a[1].count)[0]?.[0] ?? currencies[0] ?? 'USD';
  const errors = totals.error instanceof ProceedsError ? issuesToErrors(totals.error.issues) : {};
  const open = (patch: Partial<Filters>, what: string) => setDrill({ filters: { ...filters, ...patch }, what });
  return (
    <div className="page" data-testid="dashboard">
      <div className="page__header">
        <div>
          <h1>{t('title')}</h1>
          <div className="muted">{t('subtitle')}</div>
        </div>
        <div className="chips" role="group" aria-label={t('series.currency')}>
          {Object.keys(byCurrency).map((c) => <button key={c} className={`chip${c === currency ? ' is-on' : ''}`} onClick={() => setShown(c)}>{c}</button>)}
        </div>
      </div>
      <FiltersBar value={filters} onChange={(f) => { setFilters(f); setDrill(undefined); }} currencies={currencies} errors={errors} />
      {totals.error && !Object.keys(errors).length ? <ErrorBanner error={totals.error} /> : null}
      <Cards totals={byCurrency[currency]} rows={totals.data?.rows ?? []} currency={currency} onDrill={(statuses, what) => open({ statuses: statuses as Filters['statuses'], currencies: [currency] }, what)} label={(k) => t(`cards.${k}`)} />
      <div className="panel" style={{ marginBottom: 16 }}>
        <ConvertPanel value={convert} onChange={setConvert} result={totals.data?.conversion ?? null} errors={errors} />
      </div>
      {drill && <DrillGrid filters={drill.filters} what={drill.what} onClose={() => setDrill(undefined)} />}
      <div style={{ marginTop: drill ? 16 : 0, marginBottom: 16 }}>
        <TotalsGrid rows={totals.data?.rows ?? []} onDrill={(r) => open({ statuses: [r.status], currencies: [r.currency] }, `${ta(`statuses.${r.status}`)} · ${r.currency}`)} />
      </div>
      <div className="dash-grid-2">
        <section className="panel">
          <h2>{t('series.title')} · {currency}</h2>
          <StatusChart points={series.data ?? []} currency={currency}
            onPick={(period, status) => open({ statuses: [status], currencies: [currency] }, `${ta(`statuses.${status}`)} · ${period}`)} />
        </section>
        <SharingSection filters={filters} currency={currency} />
      </div>
      <div style={{ marginTop: 16 }}>
        <DeadlinesPanel filters={filters} />
      </div>
    </div>
  );
}

type CardKey = 'seized' | 'pending' | 'forfeited' | 'disposed' | 'returned' | 'net';
const CARD_STATUSES: Record<CardKey, string[] | undefined> = {
  seized: undefined, pending: ['pending_forfeiture'], forfeited: ['forfeited'], disposed: ['disposed'], returned: ['returned', 'released'], net: ['forfeited', 'disposed'],
};
/** Which value each card adds up, said on the card: a supervisor must not compare realised with as-seized unawares. */
const CARD_BASIS: Record<CardKey, 'seized' | 'realised' | 'net'> = {
  seized: 'seized', pending: 'seized', forfeited: 'seized', disposed: 'realised', returned: 'seized', net: 'net',
};
const CARD_COLOR: Record<CardKey, string> = {
  seized: STATUS_COLORS.seized, pending: STATUS_COLORS.pending_forfeiture, forfeited: STATUS_COLORS.forfeited, disposed: STATUS_COLORS.disposed, returned: STATUS_COLORS.returned, net: STATUS_COLORS.forfeited,
};

/** Headline figures for one currency; each opens the assets behind it. */
function Cards({ totals, rows, currency, onDrill, label }: { totals?: CurrencyTotals; rows: TotalsRow[]; currency: string; onDrill: (statuses: string[] | undefined, what: string) => void; label: (k: string, o?: object) => string }) {
  const { t } = useTranslation('dashboard');
  if (!totals) return null;
  const count = (statuses?: string[]) => (statuses ? statuses.reduce((n, s) => n + (totals.byStatus[s] ?? 0), 0) : totals.count);
  // Disposed assets are valued at what they fetched; the others at their value as seized.
  // Exact: the rows' amounts are decimal text, added in BigInt.
  const sum = (statuses: string[], field: 'seizedMinor' | 'realisedMinor') =>
    sumMinor(rows.filter((r) => r.currency === currency && statuses.includes(r.status)).map((r) => r[field]));
  return (
    <div className="dash-cards" data-testid="dashboard-cards">
      {(Object.keys(CARD_STATUSES) as CardKey[]).map((k) => {
        const statuses = CARD_STATUSES[k];
        const value = k === 'net' ? totals.netProceedsMinor : k === 'seized' ? totals.seizedMinor : sum(statuses!, k === 'disposed' ? 'realisedMinor' : 'seizedMinor');
        return (
          <button key={k} className={`dash-card${k === 'net' ? ' dash-card--net' : ''}`} style={{ borderLeftColor: CARD_COLOR[k] }} onClick={() => onDrill(statuses, label(k))} data-testid={`card-${k}`}>
            <div className="dash-card__label">{label(k)}</div>
            <div className="dash-card__value">{formatMoney(value, currency)}</div>
            <div className="dash-card__sub" data-testid={`card-${k}-basis`}>{t(`cards.basis.${CARD_BASIS[k]}`)}</div>
            <div className="dash-card__sub">{t('cards.assets', { count: count(statuses) })}</div>
          </button>
        );
      })}
    </div>
  );
}
