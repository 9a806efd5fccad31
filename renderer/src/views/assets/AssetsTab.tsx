import { TableExport } from '../../components/TableExport';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { useApi, useReadOnly } from '../../api/hooks';
import { Grid } from '../../components/Grid';
import { ErrorBanner, StatusBadge } from '../../components/Misc';
import { formatCount, formatDate, formatMoney } from '../../i18n/format';
import { useNav } from '../../nav';
import type { TabProps } from '../case/tabs';
import { AssetDialog } from './AssetDialog';
import { AssetDetail } from './AssetDetail';
import { detailsSummary } from './detailFields';
import { compareMinor } from './minor';
import './assets.css';

interface AssetRow {
  id: string; type: string; description: string; status: string; seizedOn: string; currency: string; details: Record<string, unknown>;
  valueSeizedMinor: string; valueAppraisedMinor: string | null; valueRealisedMinor: string | null; netMinor: string;
}

/** The case's seized assets; the one selected (kept in the route, so the dashboard can link to it) opens below. */
export function AssetsTab({ caseId }: TabProps) {
  // Under review (a bundle's data) nothing here may be changed.
  const readOnly = useReadOnly();
  const { t } = useTranslation('assets');
  const { route, go } = useNav();
  // Under review the selection stays here: the route names local cases, and going there would leave the bundle.
  const [reviewed, setReviewed] = useState<string>();
  const selected = readOnly ? reviewed : route.view === 'case' ? route.params?.asset : undefined;
  const select = (id: string) => (readOnly ? setReviewed(id) : go({ view: 'case', caseId, tab: 'assets', params: { asset: id } }));
  const assets = useApi('assets.list', { caseId });
  const [adding, setAdding] = useState(false);
  const money = (field: keyof AssetRow) => ({
    field, type: 'numericColumn', flex: 1, minWidth: 120, cellClass: ['mono', 'ag-right-aligned-cell'], comparator: compareMinor,
    valueFormatter: (p: { value: string | null; data?: AssetRow }) => (p.data ? formatMoney(p.value, p.data.currency) : ''),
  }) as ColDef<AssetRow>;
  const columns: ColDef<AssetRow>[] = [
    { field: 'description', headerName: t('fields.description'), flex: 2, minWidth: 200 },
    { field: 'type', headerName: t('fields.type'), width: 130, valueFormatter: (p) => t(`types.${p.value}`) },
    { headerName: t('details.title'), flex: 2, minWidth: 180, valueGetter: (p) => (p.data ? detailsSummary(p.data.type, p.data.details) : '') },
    { field: 'status', headerName: t('fields.status'), width: 160, cellRenderer: (p: { value: string }) => <StatusBadge status={p.value} /> },
    { field: 'seizedOn', headerName: t('fields.seizedOn'), width: 130, valueFormatter: (p) => formatDate(p.value) },
    { ...money('valueSeizedMinor'), headerName: t('fields.valueSeized') },
    { ...money('valueRealisedMinor'), headerName: t('fields.valueRealised') },
    { ...money('netMinor'), headerName: t('fields.net') },
  ];
  return (
    <div className="stack">
      <section className="panel">
        <div className="panel__header">
          <h2>{t('title')} <span className="muted">{assets.data ? t('count', { count: assets.data.length, formatted: formatCount(assets.data.length) }) : ''}</span></h2>
          <TableExport caseId={caseId} table="assets" />
          {!readOnly && <button className="button button--primary" onClick={() => setAdding(true)}>{t('seize')}</button>}
        </div>
        <ErrorBanner error={assets.error} />
        <Grid<AssetRow>
          testId="assets-grid"
          rowData={assets.data}
          columnDefs={columns}
          height={Math.min(360, 52 + 42 * Math.max(2, assets.data?.length ?? 0))}
          getRowId={(p) => p.data.id}
          rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
          onOpen={(row) => select(row.id)}
          rowClass="clickable-row"
          overlayNoRowsTemplate={t('empty')}
        />
      </section>
      {selected ? <AssetDetail assetId={selected} /> : assets.data?.length ? <p className="muted">{t('select')}</p> : null}
      {adding && !readOnly && <AssetDialog caseId={caseId} onClose={() => setAdding(false)} onSaved={select} />}
    </div>
  );
}
