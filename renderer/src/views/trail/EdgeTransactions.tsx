import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { useApi } from '../../api/hooks';
import { Grid } from '../../components/Grid';
import { ErrorBanner } from '../../components/Misc';
import { formatCount, formatDate, formatMoney } from '../../i18n/format';
import { isOutside, type EdgeTransactionRow, type FlowEdge } from '../../../../core/graph/flows';
import type { ApiFilter } from './GraphView';

/** The transactions behind one flow of the graph (drill-down), under the same filters. */
export function EdgeTransactions(props: { filter: ApiFilter; edge: FlowEdge; fromLabel: string; toLabel: string; /** The edge's tainted money, formatted, when a trace is shown. */ tainted?: string; onClose(): void }) {
  const { t } = useTranslation('trail');
  const { edge } = props;
  const ids = (id: string) => (isOutside(id) ? null : id);
  const rows = useApi('graph.edgeTransactions', { filter: props.filter, fromAccountId: ids(edge.source), toAccountId: ids(edge.target), limit: 5000 });
  const columns: ColDef<EdgeTransactionRow>[] = [
    { field: 'occurredAt', headerName: t('edge.date'), width: 170, valueFormatter: (p) => formatDate(p.value) },
    { field: 'amountMinor', headerName: t('edge.amount'), width: 150, type: 'numericColumn', cellClass: 'mono ag-right-aligned-cell', valueFormatter: (p) => (p.data ? formatMoney(p.value, p.data.currency) : '') },
    { field: 'reference', headerName: t('edge.reference'), width: 170, cellClass: 'mono' },
    { field: 'method', headerName: t('edge.method'), width: 100, valueFormatter: (p) => (p.value ? t(`case:transactions.methods.${p.value}`) : '') },
    { field: 'counterpartyName', headerName: t('edge.counterparty'), width: 170 },
    { field: 'memo', headerName: t('edge.memo'), flex: 1, minWidth: 160 },
  ];
  return (
    <div className="edge-drawer" data-testid="edge-drawer">
      <div className="edge-drawer__header">
        <div>
          <h3>{t('edge.title', { from: props.fromLabel, to: props.toLabel })}</h3>
          <div className="muted">
            {t('edge.count', { count: edge.count, total: formatMoney(edge.totalMinor, edge.currency), formatted: formatCount(edge.count) })}
            {props.tainted && <span className="taint-text"> · {t('graph.tipEdgeTaint', { amount: props.tainted })}</span>}
          </div>
        </div>
        <button className="icon-button" aria-label={t('edge.close')} onClick={props.onClose}>×</button>
      </div>
      <ErrorBanner error={rows.error} />
      <Grid<EdgeTransactionRow> testId="edge-grid" rowData={rows.data?.rows ?? []} columnDefs={columns} height={230} getRowId={(p) => p.data.id} />
    </div>
  );
}
