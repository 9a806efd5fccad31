import type { ColDef } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import { formatDate, formatMoney } from '../../i18n/format';
import { sideLabel } from './account-label';
import type { TransactionRow } from '../../../../core/transactions/methods';

/**
 * The transactions grid's columns. Every cell is plain text through a value getter or formatter,
 * never a React cell renderer: a 100,000-row case scrolls at the pace of a plain list
 * (bench/grid.ts). Kept apart from the tab so the benchmark draws the very same columns.
 */
export function transactionColumns(t: TFunction<'case'> | ((key: string) => string), shared: Set<string>): ColDef<TransactionRow>[] {
  const tr = t as (key: string) => string;
  // A side with no account in the case: show who the bank named, so the row still reads.
  // A holder with two accounts: the name alone cannot tell them apart, so the masked number follows it.
  const outside = (r: TransactionRow) => (r.counterpartyName ? `${r.counterpartyName} ${tr('transactions.outside')}` : tr('transactions.unknown'));
  return [
    { field: 'occurredAt', headerName: tr('transactions.date'), width: 235, valueFormatter: (p) => formatDate(p.value), tooltipValueGetter: (p) => p.data?.occurredAt },
    { field: 'fromLabel', headerName: tr('transactions.from'), flex: 1, minWidth: 170, tooltipField: 'fromIdentifier', valueGetter: (p) => p.data && (sideLabel(p.data.fromLabel, p.data.fromIdentifier, shared) ?? outside(p.data)) },
    { field: 'toLabel', headerName: tr('transactions.to'), flex: 1, minWidth: 170, tooltipField: 'toIdentifier', valueGetter: (p) => p.data && (sideLabel(p.data.toLabel, p.data.toIdentifier, shared) ?? outside(p.data)) },
    {
      field: 'amountMinor', headerName: tr('transactions.amount'), width: 210, type: 'numericColumn', cellClass: 'mono ag-right-aligned-cell',
      valueFormatter: (p) => (p.data ? formatMoney(p.value, p.data.currency) : ''), tooltipValueGetter: (p) => (p.data ? formatMoney(p.value, p.data.currency) : ''),
    },
    {
      field: 'toAmountMinor', headerName: tr('transactions.received'), width: 170, type: 'numericColumn', cellClass: 'mono ag-right-aligned-cell',
      valueFormatter: (p) => (p.data?.toCurrency ? formatMoney(p.value, p.data.toCurrency) : ''),
    },
    { field: 'method', headerName: tr('transactions.method'), width: 100, valueFormatter: (p) => (p.value ? tr(`transactions.methods.${p.value}`) : '') },
    { field: 'reference', headerName: tr('transactions.reference'), width: 160, cellClass: 'mono' },
    { field: 'counterpartyName', headerName: tr('transactions.counterparty'), width: 170 },
    { field: 'memo', headerName: tr('transactions.memo'), flex: 1, minWidth: 160 },
  ];
}
