import { oneOf } from '../../components/choice';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { AgGridReact } from 'ag-grid-react';
import type { AgencyShare } from '../../../../core/dashboard/sharing-store';
import { useApi, useApiMutation } from '../../api/hooks';
import { Grid } from '../../components/Grid';
import { Field } from '../../components/Form';
import { ErrorBanner } from '../../components/Misc';
import { formatMoney } from '../../i18n/format';
import { compareMinor } from '../assets/minor';
import type { Filters } from './FiltersBar';
import { SharingChart } from './SharingChart';
import { processCsvCell } from '../../../../core/csv-safe';
import { sumMinor } from '../../../../core/money';
import '../sharing/sharing.css';

/** Shares per agency over the forfeited assets in the filter, the policy they follow, and its editor. */
export function SharingSection({ filters, currency }: { filters: Filters; currency: string }) {
  const { t } = useTranslation('dashboard');
  const sharing = useApi('dashboard.sharing', { filters });
  const grid = useRef<AgGridReact<AgencyShare>>(null);
  const s = sharing.data;
  const columns: ColDef<AgencyShare>[] = [
    { field: 'name', headerName: t('sharing.agency'), flex: 1, minWidth: 150 },
    { field: 'code', headerName: t('sharing.code'), width: 110, cellClass: 'mono' },
    { field: 'currency', headerName: t('sharing.currency'), width: 90 },
    // Recorded (decided) and projected (what the current policy would give) side by side, never blended.
    { field: 'recordedMinor', headerName: t('sharing.recordedShare'), width: 150, type: 'numericColumn', cellClass: ['mono', 'ag-right-aligned-cell'], comparator: compareMinor, valueFormatter: (p) => (p.data ? formatMoney(p.value, p.data.currency) : '') },
    { field: 'projectedMinor', headerName: t('sharing.projectedShare'), width: 150, type: 'numericColumn', cellClass: ['mono', 'ag-right-aligned-cell', 'projected'], comparator: compareMinor, valueFormatter: (p) => (p.data ? formatMoney(p.value, p.data.currency) : '') },
    { field: 'shareMinor', headerName: t('sharing.share'), width: 150, type: 'numericColumn', cellClass: ['mono', 'ag-right-aligned-cell'], comparator: compareMinor, valueFormatter: (p) => (p.data ? formatMoney(p.value, p.data.currency) : '') },
    { field: 'assets', headerName: t('sharing.assets'), width: 90, type: 'numericColumn' },
  ];
  return (
    <section className="panel" data-testid="dashboard-sharing">
      <div className="panel__header">
        <h2>{t('sharing.title')}</h2>
        <button className="button" onClick={() => grid.current?.api.exportDataAsCsv({ fileName: 'sharing.csv', processCellCallback: processCsvCell })}>{t('exportCsv')}</button>
      </div>
      <ErrorBanner error={sharing.error} />
      {s && (
        <>
          <p className="muted">{t('sharing.policy')}: {s.policyText}. {t('sharing.recorded', { recorded: s.recordedAssets, projected: s.projectedAssets })}</p>
          {s.skippedCount > 0 && <div className="banner banner--warn">{t('sharing.skipped', { count: s.skippedCount, reason: s.skipped[0]?.reason })}</div>}
          <SharingSplit shares={s.byAgency} currency={currency} />
          <p className="muted" data-testid="sharing-basis">{t('sharing.basis')}</p>
          <PolicyForm />
          <SharingChart shares={s.byAgency} currency={currency} />
          <Grid<AgencyShare> ref={grid} testId="sharing-grid" rowData={s.byAgency} columnDefs={columns} height={Math.min(320, 52 + 42 * Math.max(2, s.byAgency.length))} />
        </>
      )}
    </section>
  );
}

/**
 * Recorded and projected totals side by side for the currency shown (the counts are in the line above):
 * a supervisor reads what was decided apart from what the current policy would give.
 */
function SharingSplit({ shares, currency }: { shares: AgencyShare[]; currency: string }) {
  const { t } = useTranslation('dashboard');
  const mine = shares.filter((s) => s.currency === currency);
  const total = (k: 'recordedMinor' | 'projectedMinor') => sumMinor(mine.map((s) => s[k]));
  return (
    <div className="sharing-split" data-testid="sharing-split">
      <div data-testid="sharing-recorded"><div className="muted">{t('sharing.recordedCard')}</div><div className="value">{formatMoney(total('recordedMinor'), currency)}</div></div>
      <div data-testid="sharing-projected"><div className="muted">{t('sharing.projectedCard')}</div><div className="value">{formatMoney(total('projectedMinor'), currency)}</div></div>
    </div>
  );
}

const pct = (bps?: number) => (bps === undefined ? '' : String(bps / 100));
/** "20" or "12.5" percent -> basis points; empty -> undefined. */
const bps = (text: string) => (text.trim() === '' ? undefined : Math.round(Number(text) * 100));

const BASES = ['hours', 'equal'] as const;
const KEEPERS = ['lead', 'federal'] as const;

function PolicyForm() {
  const { t } = useTranslation('dashboard');
  const { t: tc } = useTranslation();
  const current = useApi('sharing.policy', {});
  const save = useApiMutation('sharing.setPolicy');
  const [edit, setEdit] = useState<Record<string, string> | null>(null);
  const p = current.data?.policy;
  if (!p) return null;
  if (!edit)
    return <button className="button" onClick={() => setEdit({ basis: p.basis, keeper: p.keeper, keeperShare: pct(p.keeperShareBps), cap: pct(p.capBps), minimum: pct(p.minimumBps) })}>{t('sharing.editPolicy')}</button>;
  const set = (k: string) => (e: { target: { value: string } }) => setEdit({ ...edit, [k]: e.target.value });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const policy = { basis: oneOf(BASES, edit.basis), keeper: oneOf(KEEPERS, edit.keeper), keeperShareBps: bps(edit.keeperShare) ?? 0, capBps: bps(edit.cap), minimumBps: bps(edit.minimum) ?? 0 };
    save.mutate({ policy }, { onSuccess: () => setEdit(null) });
  };
  return (
    <form className="policy-form" onSubmit={submit} noValidate>
      <Field label={t('sharing.form.basis')}><select value={edit.basis} onChange={set('basis')}><option value="hours">{t('sharing.form.hours')}</option><option value="equal">{t('sharing.form.equal')}</option></select></Field>
      <Field label={t('sharing.form.keeper')}><select value={edit.keeper} onChange={set('keeper')}><option value="lead">{t('sharing.form.lead')}</option><option value="federal">{t('sharing.form.federal')}</option></select></Field>
      <Field label={t('sharing.form.keeperShare')}><input name="keeperShare" value={edit.keeperShare} onChange={set('keeperShare')} /></Field>
      <Field label={t('sharing.form.cap')}><input name="cap" value={edit.cap} onChange={set('cap')} /></Field>
      <Field label={t('sharing.form.minimum')}><input name="minimum" value={edit.minimum} onChange={set('minimum')} /></Field>
      <button type="button" className="button" onClick={() => setEdit(null)}>{tc('actions.cancel')}</button>
      <button type="submit" className="button button--primary">{tc('actions.save')}</button>
      <ErrorBanner error={save.error} />
    </form>
  );
}
