import { TableExport } from '../../components/TableExport';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IDatasource } from 'ag-grid-community';
import type { AgGridReact } from 'ag-grid-react';
import { useQueryClient } from '@tanstack/react-query';
import { useApi, useClient, useReadOnly } from '../../api/hooks';
import { useLiveGrid } from '../../api/live-grid';
import { Grid } from '../../components/Grid';
import { formatCount } from '../../i18n/format';
import { sharedHolders } from './account-label';
import { transactionColumns } from './columns';
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

  const shared = useMemo(() => sharedHolders(accounts.data ?? []), [accounts.data]);
  const columns = useMemo(() => transactionColumns(t, shared), [t, shared]);

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
