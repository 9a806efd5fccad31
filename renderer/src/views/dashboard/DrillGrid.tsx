import type { DrillSort } from '../../../../core/dashboard/schemas';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef, IDatasource } from 'ag-grid-community';
import type { AgGridReact } from 'ag-grid-react';
import type { DashboardAssetRow } from '../../../../core/dashboard/drilldown';
import { Grid } from '../../components/Grid';
import { StatusBadge } from '../../components/Misc';
import { formatCount, formatDate, formatMoney } from '../../i18n/format';
import { useNav } from '../../nav';
import type { Filters } from './FiltersBar';
import { processCsvCell } from '../../../../core/csv-safe';
import { useClient } from '../../api/hooks';
import { useLiveGrid } from '../../api/live-grid';
import { drillOrder } from './drill-order';

const PAGE = 500;
/** Grid columns the core can sort by, and the name it knows them by. */
const SORTABLE: Record<string, DrillSort> = { seizedOn: 'seizedOn', valueSeizedMinor: 'valueSeized', netMinor: 'net', status: 'status', caseNumber: 'caseNumber' };

/** The assets behind a total, paged from the core; a row opens the asset in its case. */
export function DrillGrid({ filters, what, onClose }: { filters: Filters; what: string; onClose: () => void }) {
  // The review's client when under review: every read goes to the bundle, never to the local database.
  const client = useClient();
  const { t } = useTranslation('dashboard');
  const { t: ta } = useTranslation('assets');
  const { go } = useNav();
  const grid = useRef<AgGridReact<DashboardAssetRow>>(null);
  const [total, setTotal] = useState<number>();
  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (p) => {
        const s = p.sortModel[0];
        client['dashboard.assets']({ filters, offset: p.startRow, limit: Math.min(PAGE, p.endRow - p.startRow), sort: s ? SORTABLE[s.colId] : undefined, desc: s?.sort === 'desc' })
          .then((r) => { setTotal(r.total); p.successCallback(r.rows, r.total); })
          .catch(() => p.failCallback());
      },
    }),
    [filters],
  );
  // A change to a few assets updates just their rows (re-read under the same filter); others reload the pages.
  useLiveGrid(grid, {
    queryKey: ['dashboard.assets', { filters }],
    reread: (ids) => client['dashboard.assetsByIds']({ filters, ids }),
    shownCount: () => total,
    order: () => {
      const s = grid.current?.api.getColumnState().find((c) => c.sort);
      return drillOrder(s ? SORTABLE[s.colId] : 'seizedOn', s?.sort === 'desc');
    },
  });
  const money = (field: keyof DashboardAssetRow, headerName: string): ColDef<DashboardAssetRow> => ({
    field, headerName, flex: 1, minWidth: 120, type: 'numericColumn', cellClass: ['mono', 'ag-right-aligned-cell'], sortable: field in SORTABLE,
    valueFormatter: (p) => (p.data ? formatMoney(p.value, p.data.currency) : ''),
  });
  const columns: ColDef<DashboardAssetRow>[] = [
    { field: 'caseNumber', headerName: t('drill.case'), width: 120, sortable: true },
    { field: 'description', headerName: ta('fields.description'), flex: 2, minWidth: 180, sortable: false },
    { field: 'type', headerName: ta('fields.type'), width: 120, sortable: false, valueFormatter: (p) => ta(`types.${p.value}`) },
    { field: 'status', headerName: ta('fields.status'), width: 160, sortable: true, cellRenderer: (p: { value?: string }) => (p.value ? <StatusBadge status={p.value} /> : null) },
    { field: 'seizedOn', headerName: ta('fields.seizedOn'), width: 130, sortable: true, valueFormatter: (p) => formatDate(p.value) },
    { field: 'seizingAgency', headerName: ta('fields.seizingAgency'), width: 150, sortable: false },
    money('valueSeizedMinor', ta('fields.valueSeized')),
    money('valueRealisedMinor', ta('fields.valueRealised')),
    money('netMinor', ta('fields.net')),
  ];
  return (
    <section className="panel" data-testid="drill">
      <div className="panel__header">
        <h2>{t('drill.title', { what })} <span className="muted">{total !== undefined ? formatCount(total) : ''}</span></h2>
        <div className="page__actions">
          <button className="button" onClick={() => grid.current?.api.exportDataAsCsv({ fileName: 'assets.csv', processCellCallback: processCsvCell })}>{t('exportCsv')}</button>
          <button className="button" onClick={onClose}>{t('drill.close')}</button>
        </div>
      </div>
      <Grid<DashboardAssetRow>
        ref={grid}
        testId="drill-grid"
        key={JSON.stringify(filters)}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={PAGE}
        columnDefs={columns}
        defaultColDef={{ filter: false }}
        height={Math.min(420, 52 + 42 * Math.max(2, total ?? 2))}
        getRowId={(p) => p.data.id}
        rowClass="clickable-row"
        onOpen={(row) => go({ view: 'case', caseId: row.caseId, tab: 'assets', params: { asset: row.id } })}
      />
    </section>
  );
}
