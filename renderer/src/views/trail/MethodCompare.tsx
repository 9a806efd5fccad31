import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { Progress } from '../../../../core/contract';
import type { ComparedRow, MethodComparison } from '../../../../core/trace/compare';
import { useClient } from '../../api/hooks';
import { Grid } from '../../components/Grid';
import { ErrorBanner, ProgressBar } from '../../components/Misc';
import { formatMoney } from '../../i18n/format';
import type { ShownTrace } from './state';

/**
 * All five methods on the trace's marks, side by side: courts dispute which method applies, so the
 * analyst shows what each gives for every account and asset, and how far apart they are.
 */
export function MethodCompare(props: { caseId: string; trace: ShownTrace }) {
  const client = useClient();
  const { t } = useTranslation('trail');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress>();
  const [error, setError] = useState<unknown>();
  const [cmp, setCmp] = useState<MethodComparison>();

  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setCmp(await client['trace.compare']({ caseId: props.caseId, marks: props.trace.marks, params: props.trace.params ?? {} }, { onProgress: setProgress }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  };

  const money = (v: string, row?: ComparedRow) => (row ? formatMoney(v, row.currency) : '');
  // Where same-day order is unknown: the shown method's least and most taint over the orderings tried.
  const current = cmp ? Math.max(0, cmp.methods.indexOf(props.trace.result.method)) : 0;
  const methodName = cmp ? t(`compare.short.${cmp.methods[current]}`) : '';
  const ordering = (key: 'bestMinor' | 'worstMinor'): ColDef<ComparedRow> => ({
    colId: key, headerName: t(key === 'bestMinor' ? 'compare.best' : 'compare.worst', { method: methodName }), width: 170, type: 'numericColumn', cellClass: 'mono ag-right-aligned-cell',
    valueGetter: (p) => p.data?.[key]?.[current], valueFormatter: (p) => money(p.value, p.data),
  });
  const columns: ColDef<ComparedRow>[] = cmp
    ? [
        {
          field: 'name', headerName: t('compare.item'), flex: 1, minWidth: 160,
          valueFormatter: (p) => (p.data ? `${p.data.kind === 'asset' ? t('compare.asset') : ''}${p.value}${p.data.external ? ` (${t('trace.external')})` : ''}` : ''),
        },
        ...cmp.methods.map(
          (m, i): ColDef<ComparedRow> => ({
            colId: m, headerName: t(`compare.short.${m}`), headerTooltip: t(`trace.methods.${m}`), width: 130, type: 'numericColumn', cellClass: 'mono ag-right-aligned-cell',
            valueGetter: (p) => p.data?.taintedMinor[i], valueFormatter: (p) => money(p.value, p.data),
            tooltipValueGetter: (p) =>
              p.data?.bestMinor && p.data.worstMinor
                ? t('compare.orderingTip', { amount: money(p.data.taintedMinor[i], p.data), best: money(p.data.bestMinor[i], p.data), worst: money(p.data.worstMinor[i], p.data) })
                : undefined,
            // A column marks the method the trace shown used.
            headerClass: m === props.trace.result.method ? 'compare--current' : undefined,
          }),
        ),
        { colId: 'range', headerName: t('compare.range'), width: 130, type: 'numericColumn', cellClass: 'mono cell--tainted ag-right-aligned-cell', valueGetter: (p) => (p.data ? (BigInt(p.data.maxMinor) - BigInt(p.data.minMinor)).toString() : ''), valueFormatter: (p) => money(p.value, p.data) },
        ...(cmp.sameDayUnknown ? [ordering('bestMinor'), ordering('worstMinor')] : []),
      ]
    : [];

  return (
    <div className="method-compare">
      <h3>{t('compare.title')}</h3>
      <p className="muted">{t('compare.hint')}</p>
      <button className="button" disabled={busy} onClick={() => void run()}>{busy ? t('compare.running') : t('compare.run')}</button>
      <ProgressBar progress={progress} />
      <ErrorBanner error={error} />
      {cmp?.sameDayUnknown && <p className="banner" data-testid="compare-same-day">{t('compare.sameDay', { method: methodName })}</p>}
      {cmp && (
        <Grid<ComparedRow>
          testId="method-compare"
          rowData={cmp.rows}
          columnDefs={columns}
          defaultColDef={{ filter: false }}
          height={Math.min(420, 48 + 36 * Math.max(2, cmp.rows.length))}
          getRowId={(p) => `${p.data.kind}|${p.data.id}|${p.data.currency}`}
        />
      )}
    </div>
  );
}
