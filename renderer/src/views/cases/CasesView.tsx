import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { useApi, useApiMutation } from '../../api/hooks';
import { Grid } from '../../components/Grid';
import { ErrorBanner, Loading, StatusBadge } from '../../components/Misc';
import { useNav } from '../../nav';
import { formatMoney, formatDate } from '../../i18n/format';
import { NewCaseDialog } from './NewCaseDialog';

type CaseRow = Awaited<ReturnType<typeof import('../../api/client').client['cases.list']>>[number];

export function CasesView() {
  const { t } = useTranslation('cases');
  const { go } = useNav();
  const cases = useApi('cases.list', {});
  const demo = useApiMutation('demo.load');
  const [creating, setCreating] = useState(false);

  const loadDemo = () => demo.mutate({ seed: 7 }, { onSuccess: (r) => go({ view: 'case', caseId: r.caseId }) });

  const columns: ColDef<CaseRow>[] = [
    { field: 'number', headerName: t('columns.number'), width: 160, cellClass: 'mono' },
    { field: 'title', headerName: t('columns.title'), flex: 2, minWidth: 220 },
    { field: 'status', headerName: t('columns.status'), width: 120, cellRenderer: (p: { value: string }) => <StatusBadge status={p.value} /> },
    { field: 'leadAgency', headerName: t('columns.leadAgency'), flex: 1, minWidth: 160 },
    { field: 'openedOn', headerName: t('columns.openedOn'), width: 130, valueFormatter: (p) => formatDate(p.value) },
    { field: 'subjects', headerName: t('columns.subjects'), width: 110, type: 'numericColumn' },
    { field: 'accounts', headerName: t('columns.accounts'), width: 110, type: 'numericColumn' },
    { field: 'transactions', headerName: t('columns.transactions'), width: 130, type: 'numericColumn' },
    { field: 'assets', headerName: t('columns.assets'), width: 100, type: 'numericColumn' },
    {
      headerName: t('columns.seized'),
      flex: 1,
      minWidth: 160,
      valueGetter: (p) => Object.entries(p.data?.seizedByCurrency ?? {}).map(([c, v]) => formatMoney(v, c)).join(' · '),
    },
  ];

  if (cases.isLoading) return <Loading />;
  const rows = cases.data ?? [];
  return (
    <section className="page">
      <ErrorBanner error={cases.error ?? demo.error} />
      {rows.length === 0 ? (
        <div className="welcome">
          <h1>{t('welcome.title')}</h1>
          <p>{t('welcome.body')}</p>
          <div className="welcome__actions">
            <button className="button button--primary" onClick={() => setCreating(true)}>{t('welcome.create')}</button>
            <button className="button" onClick={loadDemo} disabled={demo.isPending}>{demo.isPending ? t('demoLoading') : t('welcome.demo')}</button>
          </div>
        </div>
      ) : (
        <>
          <div className="page__header">
            <h1>{t('title')}</h1>
            <div className="page__actions">
              <button className="button" onClick={loadDemo} disabled={demo.isPending}>{demo.isPending ? t('demoLoading') : t('loadDemo')}</button>
              <button className="button button--primary" onClick={() => setCreating(true)}>{t('new')}</button>
            </div>
          </div>
          <Grid<CaseRow>
            testId="cases-grid"
            rowData={rows}
            columnDefs={columns}
            height="calc(100vh - 170px)"
            getRowId={(p) => p.data.id}
            onOpen={(row) => go({ view: 'case', caseId: row.id })}
          />
        </>
      )}
      {creating && <NewCaseDialog onClose={() => setCreating(false)} onCreated={(id) => go({ view: 'case', caseId: id })} />}
    </section>
  );
}
