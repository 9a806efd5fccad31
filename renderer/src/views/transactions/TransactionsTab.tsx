import { TableExport } from '../../components/TableExport';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef, IDatasource } from 'ag-grid-community';
import type { AgGridReact } from 'ag-grid-react';
import { useQueryClient } from '@tanstack/react-query';
import { useApi, useClient, useReadOnly } from '../../api/hooks';
import { useLiveGrid } from '../../api/live-grid';
import { Grid } from '../../components/Grid';
import { formatDate, formatMoney, formatCount } from '../../i18n/format';
import { sharedHolders, sideLabel } from './account-label';
import type { TabProps } from '../case/tabs';
import { TransactionDialog } from './TransactionDialog';
import { ImportButton } from '../import/ImportButton';
import type { TransactionRow } from '../../../../core/transactions/methods';

const PAGE = 500;

/** All of a case's transactions, paged from the core as the user scrolls (cases run to a million rows). */
export function TransactionsTab({ caseId }: TabProps) {
  // Under review (a bundle's data) nothing here may be changed.
  const readOnly = useReadOnly();
  const { t } = useTranslation('case');
  const accounts = useApi('accounts.list', { caseId });
  const [adding, setAdding] = useState(false);
  const [search, setSearch] = useState('');
  const [range, setRange] = useState({ from: '', to: '' });
  const [total, setTotal] = useState<number>();
  const grid = useRef<AgGridReact<TransactionRow>>(null);
  const qc = useQueryClient();
  const client = useClient();

  const datasource = useMemo<IDatasource>(
    () => ({
      getRows: (p) => {
        client['transactions.list']({ caseId, offset: p.startRow, limit: Math.min(PAGE, p.endRow - p.startRow), search: search || undefined, from: range.from || undefined, to: range.to || undefined })
          .then((r) => { setTotal(r.total); p.successCallback(r.rows, r.total); })
          .catch(() => p.failCallback());
      },
    }),
    [caseId, search, range.from, range.to, client],
  );

  // A change from elsewhere (the CLI, another window) to this case's money reloads the loaded pages.
  useLiveGrid(grid, { queryKey: ['transactions.list', { caseId }], shownCount: () => total, order: () => () => 0 });

  // A side with no account in the case: show who the bank named, so the row still reads.
  // A holder with two accounts: the name alone cannot tell them apart, so the masked number follows it.
  const shared = useMemo(() => sharedHolders(accounts.data ?? []), [accounts.data]);
  const outside = (r: TransactionRow) => (r.counterpartyName ? `${r.counterpartyName} ${t('transactions.outside')}` : t('transactions.unknown'));
  const columns: ColDef<TransactionRow>[] = [
    { field: 'occurredAt', headerName: t('transactions.date'), width: 235, valueFormatter: (p) => formatDate(p.value), tooltipValueGetter: (p) => p.data?.occurredAt },
    { field: 'fromLabel', headerName: t('transactions.from'), flex: 1, minWidth: 170, tooltipField: 'fromIdentifier', valueGetter: (p) => p.data && (sideLabel(p.data.fromLabel, p.data.fromIdentifier, shared) ?? outside(p.data)) },
    { field: 'toLabel', headerName: t('transactions.to'), flex: 1, minWidth: 170, tooltipField: 'toIdentifier', valueGetter: (p) => p.data && (sideLabel(p.data.toLabel, p.data.toIdentifier, shared) ?? outside(p.data)) },
    {
      field: 'amountMinor', headerName: t('transactions.amount'), width: 210, type: 'numericColumn', cellClass: 'mono ag-right-aligned-cell',
      valueFormatter: (p) => (p.data ? formatMoney(p.value, p.data.currency) : ''), tooltipValueGetter: (p) => (p.data ? formatMoney(p.value, p.data.currency) : ''),
    },
    {
      field: 'toAmountMinor', headerName: t('transactions.received'), width: 170, type: 'numericColumn', cellClass: 'mono ag-right-aligned-cell',
      valueFormatter: (p) => (p.data?.toCurrency ? formatMoney(p.value, p.data.toCurrency) : ''),
    },
    { field: 'method', headerName: t('transactions.method'), width: 100, valueFormatter: (p) => (p.value ? t(`transactions.methods.${p.value}`) : '') },
    { field: 'reference', headerName: t('transactions.reference'), width: 160, cellClass: 'mono' },
    { field: 'counterpartyName', headerName: t('transactions.counterparty'), width: 170 },
    { field: 'memo', headerName: t('transactions.memo'), flex: 1, minWidth: 160 },
  ];

  const refresh = () => {
    void qc.invalidateQueries();
    grid.current?.api.refreshInfiniteCache();
  };

  return (
    <section className="panel">
      <div className="panel__header">
        <h2>{t('transactions.title')} <span className="muted" data-testid="tx-count">{total !== undefined ? t('transactions.count', { count: total, formatted: formatCount(total) }) : ''}</span></h2>
        <div className="page__actions">
          <input className="search" type="search" placeholder={t('transactions.search')} value={search} onChange={(e) => setSearch(e.target.value)} />
          {/* Booking dates as the bank booked them: no time zone moves a row into another day. */}
          <input type="date" name="bookedFrom" aria-label={t('transactions.bookedFrom')} value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
          <input type="date" name="bookedTo" aria-label={t('transactions.bookedTo')} value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
          <TableExport caseId={caseId} table="transactions" />
          {!readOnly && <ImportButton caseId={caseId} onDone={refresh} />}
          {!readOnly && <button className="button button--primary" onClick={() => setAdding(true)}>{t('transactions.add')}</button>}
        </div>
      </div>
      {accounts.data && accounts.data.length === 0 && <div className="banner">{t('transactions.needAccounts')}</div>}
      <Grid<TransactionRow>
        ref={grid}
        testId="transactions-grid"
        key={`${search}|${range.from}|${range.to}`}
        rowModelType="infinite"
        datasource={datasource}
        cacheBlockSize={PAGE}
        columnDefs={columns}
        defaultColDef={{ sortable: false, filter: false }}
        height="calc(100vh - 300px)"
        getRowId={(p) => p.data.id}
      />
      {adding && !readOnly && <TransactionDialog caseId={caseId} accounts={accounts.data ?? []} onClose={() => setAdding(false)} onSaved={refresh} />}
    </section>
  );
}
