import { TableExport } from '../../components/TableExport';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { Grid } from '../../components/Grid';
import { ErrorBanner } from '../../components/Misc';
import { formatMoney } from '../../i18n/format';
import { compareMinor, isPositiveMinor } from '../../../../core/money';
import type { TracedAccount, TracedAsset } from '../../../../core/trace/result';
import type { ShownTrace, TrailView } from './state';
import { ScheduleExport } from './ScheduleExport';
import { MethodCompare } from './MethodCompare';

interface SaveControls {
  name: string;
  setName(n: string): void;
  onSave(): void;
  pending: boolean;
  error: unknown;
}

/** What a trace found: the totals that must add up, where the tainted money is, what it bought. */
export function TraceResultView(props: { caseId: string; trace: ShownTrace; onShow(where: TrailView): void; save?: SaveControls; savedMessage: boolean }) {
  const { t } = useTranslation('trail');
  const r = props.trace.result;
  const holding = r.accounts.filter((a) => isPositiveMinor(a.taintedMinor)).sort((a, b) => compareMinor(b.taintedMinor, a.taintedMinor));
  const columns: ColDef<TracedAccount>[] = [
    { field: 'identifier', headerName: t('trace.account'), width: 150, cellClass: 'mono', valueFormatter: (p) => (p.data?.external ? `${p.value} (${t('trace.external')})` : p.value) },
    { field: 'holderName', headerName: t('trace.holder'), flex: 1, minWidth: 120 },
    { field: 'taintedMinor', headerName: t('trace.tainted'), width: 130, type: 'numericColumn', cellClass: 'mono cell--tainted ag-right-aligned-cell', valueFormatter: (p) => (p.data ? formatMoney(p.value, p.data.currency) : '') },
    { field: 'balanceMinor', headerName: t('trace.balance'), width: 130, type: 'numericColumn', cellClass: 'mono ag-right-aligned-cell', valueFormatter: (p) => (p.data ? formatMoney(p.value, p.data.currency) : '') },
  ];
  const assetColumns: ColDef<TracedAsset>[] = [
    { field: 'description', headerName: t('trace.asset'), flex: 1 },
    { field: 'purchaseMinor', headerName: t('trace.purchase'), width: 140, type: 'numericColumn', cellClass: 'mono ag-right-aligned-cell', valueFormatter: (p) => (p.data ? formatMoney(p.value, p.data.currency) : '') },
    { field: 'taintedMinor', headerName: t('trace.tainted'), width: 140, type: 'numericColumn', cellClass: 'mono cell--tainted ag-right-aligned-cell', valueFormatter: (p) => (p.data ? formatMoney(p.value, p.data.currency) : '') },
  ];
  return (
    <section className="panel trace-result" data-testid="trace-result">
      <div className="panel__header">
        <h2>
          {t('trace.resultTitle')} <span className="muted">· {props.trace.name || t(`trace.methods.${r.method}`)}</span>
        </h2>
        <div className="page__actions">
          <button className="button" onClick={() => props.onShow('graph')}>{t('trace.showGraph')}</button>
          <button className="button" onClick={() => props.onShow('sankey')}>{t('trace.showSankey')}</button>
          <TableExport caseId={props.caseId} table="trace" trace={{ method: r.method, marks: props.trace.marks, params: props.trace.params ?? {} }} />
        </div>
      </div>
      {r.totals.map((x) => (
        <div key={x.currency} className={`banner${x.conserved ? '' : ' banner--error'}`} data-testid="trace-totals">
          <strong>{x.conserved ? t('trace.conserved') : t('trace.notConserved')}</strong> ·{' '}
          {t('trace.totals', {
            currency: x.currency,
            injected: formatMoney(x.injectedMinor, x.currency),
            held: formatMoney(x.heldMinor, x.currency),
            external: formatMoney(x.externalMinor, x.currency),
            left: formatMoney(x.leftDataMinor, x.currency),
          })}
        </div>
      ))}
      {r.flagCount > 0 && <div className="banner banner--warn">{t('trace.flags', { count: r.flagCount })}</div>}
      <h3>{t('trace.holding')}</h3>
      <Grid<TracedAccount> testId="trace-accounts" rowData={holding} columnDefs={columns} defaultColDef={{ filter: false }} height={Math.min(320, 48 + 36 * Math.max(3, holding.length))} getRowId={(p) => `${p.data.accountId}|${p.data.currency}`} />
      {r.assets.length > 0 && (
        <>
          <h3>{t('trace.assets')}</h3>
          <Grid<TracedAsset> testId="trace-assets" rowData={r.assets} columnDefs={assetColumns} defaultColDef={{ filter: false }} height={48 + 36 * Math.min(6, r.assets.length)} getRowId={(p) => `${p.data.assetId}|${p.data.currency}`} />
        </>
      )}
      {props.save && (
        <div className="trace-save">
          <input className="search" name="traceName" placeholder={t('trace.name')} value={props.save.name} onChange={(e) => props.save!.setName(e.target.value)} />
          <button className="button button--primary" disabled={props.save.pending} onClick={props.save.onSave}>{t('trace.save')}</button>
        </div>
      )}
      <ErrorBanner error={props.save?.error} />
      {props.savedMessage && <div className="banner" role="status">{t('trace.saved')}</div>}
      <ScheduleExport caseId={props.caseId} trace={props.trace} />
      <MethodCompare caseId={props.caseId} trace={props.trace} />
    </section>
  );
}
