import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { AgGridReact } from 'ag-grid-react';
import type { TotalsRow } from '../../../../core/dashboard/totals';
import { Grid } from '../../components/Grid';
import { StatusBadge } from '../../components/Misc';
import { formatMoney } from '../../i18n/format';
import { compareMinor } from '../assets/minor';
import { processCsvCell } from '../../../../core/csv-safe';

/** One row per status and currency; a click drills down to the assets behind it. */
export function TotalsGrid({ rows, onDrill }: { rows: TotalsRow[]; onDrill: (row: TotalsRow) => void }) {
  const { t } = useTranslation('dashboard');
  const grid = useRef<AgGridReact<TotalsRow>>(null);
  // An appraised or realised sum over no appraised or realised asset is "none", not zero.
  const counted: Partial<Record<keyof TotalsRow, keyof TotalsRow>> = { appraisedMinor: 'appraisedCount', realisedMinor: 'realisedCount' };
  const money = (field: keyof TotalsRow, headerName: string): ColDef<TotalsRow> => ({
    field, headerName, flex: 1, minWidth: 120, type: 'numericColumn', cellClass: ['mono', 'ag-right-aligned-cell'], comparator: compareMinor,
    valueFormatter: (p) => (!p.data ? '' : counted[field] && !p.data[counted[field]] ? '—' : formatMoney(p.value, p.data.currency)),
  });
  const columns: ColDef<TotalsRow>[] = [
    { field: 'status', headerName: t('totals.status'), width: 170, cellRenderer: (p: { value: string }) => <StatusBadge status={p.value} /> },
    { field: 'currency', headerName: t('totals.currency'), width: 110 },
    { field: 'count', headerName: t('totals.count'), width: 95, type: 'numericColumn' },
    money('seizedMinor', t('totals.seized')),
    money('appraisedMinor', t('totals.appraised')),
    money('realisedMinor', t('totals.realised')),
    money('costsMinor', t('totals.costs')),
    money('deductionsMinor', t('totals.deductions')),
    money('netMinor', t('totals.net')),
  ];
  return (
    <section className="panel">
      <div className="panel__header">
        <h2>{t('totals.title')}</h2>
        <button className="button" onClick={() => grid.current?.api.exportDataAsCsv({ fileName: 'totals.csv', processCellCallback: processCsvCell })}>{t('exportCsv')}</button>
      </div>
      <Grid<TotalsRow> ref={grid} testId="totals-grid" rowData={rows} columnDefs={columns} height={Math.min(380, 52 + 42 * Math.max(2, rows.length))}
        onOpen={onDrill} getRowId={(p) => `${p.data.status}|${p.data.currency}`} />
      <p className="muted">{t('totals.drill')}</p>
    </section>
  );
}
