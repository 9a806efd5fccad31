import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef, IDatasource } from 'ag-grid-community';
import type { AgGridReact } from 'ag-grid-react';
import { useApi, useApiMutation, useClient, useReadOnly } from '../../api/hooks';
import { useLiveGrid } from '../../api/live-grid';
import { Grid } from '../../components/Grid';
import { ErrorBanner } from '../../components/Misc';
import { formatDate, formatMoney } from '../../i18n/format';
import type { TransactionRow } from '../../../../core/transactions/methods';

const PAGE = 500;

/** The case's transactions with their taint marks: select rows, give a label, mark or unmark. */
export function MarkPanel({ caseId }: { caseId: string }) {
  // The review's client when under review: every read goes to the bundle, never to the local database.
  const client = useClient();
  const readOnly = useReadOnly();
  const { t } = useTranslation('trail');
  const grid = useRef<AgGridReact<TransactionRow>>(null);
  const [search, setSearch] = useState('');
  // Marks or money changed elsewhere (the CLI, another window): the loaded pages are read again.
  useLiveGrid(grid, { queryKey: ['transactions.list', { caseId }], shownCount: () => undefined, order: () => () => 0 });
  const [label, setLabel] = useState('tainted');
  const [selected, setSelected] = useState(0);
  const marks = useApi('taint.list', { caseId });
  const mark = useApiMutation('taint.mark');
  const unmark = useApiMutation('taint.unmark');
  const labelsOf = useMemo(() => {
    const m = new Map<string, string[]>();
    for (const x of marks.data ?? []) (m.get(x.transactionId) ?? m.set(x.transactionId, []).get(x.transactionId)!).push(x.label);
    return m;
  }, [marks.data]);
  const labelsRef = useRef(labelsOf);
  labelsRef.current = labelsOf;

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (p) => {
        client['transactions.list']({ caseId, offset: p.startRow, limit: Math.min(PAGE, p.endRow - p.startRow), search: search || undefined })
          .then((r) => p.successCallback(r.rows, r.total))
          .catch(() => p.failCallback());
      },
    }),
    [caseId, search],
  );

  const columns: ColDef<TransactionRow>[] = [
    {
      colId: 'marked',
      headerName: t('trace.marked'),
      width: 120,
      valueGetter: (p) => (p.data ? (labelsRef.current.get(p.data.id) ?? []).join(', ') : ''),
      cellClass: (p) => (p.value ? 'cell--tainted' : undefined),
    },
    { field: 'occurredAt', headerName: t('edge.date'), width: 170, valueFormatter: (p) => formatDate(p.value) },
    { field: 'fromLabel', headerName: t('trace.from'), flex: 1, minWidth: 130, tooltipField: 'fromIdentifier', valueFormatter: (p) => p.value ?? p.data?.counterpartyName ?? '' },
    { field: 'toLabel', headerName: t('trace.to'), flex: 1, minWidth: 130, tooltipField: 'toIdentifier', valueFormatter: (p) => p.value ?? p.data?.counterpartyName ?? '' },
    { field: 'amountMinor', headerName: t('edge.amount'), width: 140, type: 'numericColumn', cellClass: 'mono ag-right-aligned-cell', valueFormatter: (p) => (p.data ? formatMoney(p.value, p.data.currency) : '') },
    { field: 'reference', headerName: t('edge.reference'), width: 150, cellClass: 'mono' },
  ];

  const act = async (what: 'mark' | 'unmark') => {
    const ids = grid.current?.api.getSelectedRows().map((r) => r.id) ?? [];
    if (ids.length === 0) return;
    if (what === 'mark') await mark.mutateAsync({ caseId, transactionIds: ids, label });
    else await unmark.mutateAsync({ caseId, transactionIds: ids });
    grid.current?.api.deselectAll();
    grid.current?.api.refreshInfiniteCache();
  };

  return (
    <section className="panel trace-mark">
      <div className="panel__header">
        <div>
          <h2>{t('trace.markTitle')}</h2>
          <p className="muted trace-hint">{t('trace.markHint')}</p>
        </div>
        <span className="muted" data-testid="marked-count">{t('trace.markedCount', { count: marks.data?.length ?? 0 })}</span>
      </div>
      <div className="trace-mark__actions">
        <input className="search" type="search" placeholder={t('trace.search')} value={search} onChange={(e) => setSearch(e.target.value)} />
        {!readOnly && (
          <>
            <label className="filter-bar__field">
              <span>{t('trace.label')}</span>
              <input name="label" value={label} onChange={(e) => setLabel(e.target.value)} />
            </label>
            <button className="button button--primary" disabled={selected === 0 || !label.trim() || mark.isPending} onClick={() => void act('mark')}>
              {t('trace.mark', { count: selected })}
            </button>
            <button className="button" disabled={selected === 0 || unmark.isPending} onClick={() => void act('unmark')}>{t('trace.unmark')}</button>
          </>
        )}
      </div>
      <ErrorBanner error={mark.error ?? unmark.error} />
      <Grid<TransactionRow>
        ref={grid}
        key={search}
        testId="mark-grid"
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={PAGE}
        columnDefs={columns}
        defaultColDef={{ sortable: false, filter: false }}
        rowSelection={{ mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: true }}
        onSelectionChanged={(e) => setSelected(e.api.getSelectedRows().length)}
        getRowId={(p) => p.data.id}
        height={430}
      />
    </section>
  );
}
