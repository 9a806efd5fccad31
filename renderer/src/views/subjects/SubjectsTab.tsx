import { TableExport } from '../../components/TableExport';
import { useMemo, useState } from 'react';
import type { Client } from '../../../../core/api';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import { useApi, useReadOnly } from '../../api/hooks';
import { Grid } from '../../components/Grid';
import { ErrorBanner } from '../../components/Misc';
import { formatDate } from '../../i18n/format';
import type { TabProps } from '../case/tabs';
import { useNav } from '../../nav';
import { SubjectDialog } from './SubjectDialog';
import { SubjectProfile } from './SubjectProfile';
import { AccountDialog } from './AccountDialog';

type Subject = Awaited<ReturnType<Client['subjects.list']>>[number] & { accountCount: number };
type Account = Awaited<ReturnType<Client['accounts.list']>>[number];

export function SubjectsTab({ caseId }: TabProps) {
  // Under review (a bundle's data) nothing here may be changed.
  const readOnly = useReadOnly();
  const { t } = useTranslation('case');
  const subjects = useApi('subjects.list', { caseId });
  const accounts = useApi('accounts.list', { caseId });
  const [dialog, setDialog] = useState<'subject' | 'account' | null>(null);
  const { route, go } = useNav();
  const profileOf = route.view === 'case' ? route.params?.subject : undefined;
  // The count travels in the row itself: a new row object when the accounts arrive makes the grid redraw it
  // (a value getter closing over a map computed before the accounts loaded kept showing 0).
  const accountsBySubject = new Map<string, number>();
  for (const a of accounts.data ?? []) if (a.holderSubjectId) accountsBySubject.set(a.holderSubjectId, (accountsBySubject.get(a.holderSubjectId) ?? 0) + 1);
  const subjectRows = useMemo(
    () => (subjects.data ?? []).map((s) => ({ ...s, accountCount: accountsBySubject.get(s.id) ?? 0 })),
    [subjects.data, accounts.data],
  );
  if (profileOf) return <SubjectProfile caseId={caseId} subjectId={profileOf} />;

  const subjectCols: ColDef<Subject>[] = [
    { field: 'name', headerName: t('subjects.name'), flex: 2, minWidth: 180 },
    { field: 'kind', headerName: t('subjects.kind'), width: 130, valueFormatter: (p) => t(`subjects.${p.value}`) },
    { headerName: t('subjects.aliases'), flex: 1, valueGetter: (p) => p.data?.aliases.join(', ') },
    { field: 'bornOn', headerName: t('subjects.bornOn'), width: 140, valueFormatter: (p) => formatDate(p.value) },
    { field: 'country', headerName: t('subjects.country'), width: 110 },
    { field: 'accountCount', headerName: t('subjects.accountsCount'), width: 130, minWidth: 130, type: 'numericColumn' },
  ];
  const accountCols: ColDef<Account>[] = [
    { field: 'identifier', headerName: t('accounts.identifier'), flex: 2, minWidth: 220, cellClass: 'mono' },
    { field: 'kind', headerName: t('accounts.kind'), width: 130, valueFormatter: (p) => t(`accounts.${p.value}`) },
    { field: 'holderName', headerName: t('accounts.holder'), flex: 1, minWidth: 160 },
    { field: 'institution', headerName: t('accounts.institution'), flex: 1, minWidth: 140 },
    { field: 'currency', headerName: t('accounts.currency'), width: 100 },
    { field: 'external', headerName: t('accounts.external'), width: 120, valueFormatter: (p) => (p.value ? '✓' : '') },
  ];

  return (
    <div className="stack">
      {/* A failed read (a damaged file, a lost connection) is said, never shown as empty grids. */}
      <ErrorBanner error={subjects.error ?? accounts.error} />
      <section className="panel">
        <div className="panel__header">
          <h2>{t('subjects.title')} <span className="muted">({subjects.data?.length ?? 0})</span></h2>
          <TableExport caseId={caseId} table="subjects" />
          {!readOnly && <button className="button button--primary" onClick={() => setDialog('subject')}>{t('subjects.add')}</button>}
        </div>
        <Grid<Subject> testId="subjects-grid" rowData={subjectRows} columnDefs={subjectCols} height={280} getRowId={(p) => p.data.id} onOpen={(s) => go({ view: 'case', caseId, tab: 'subjects', params: { subject: s.id } })} />
      </section>
      <section className="panel">
        <div className="panel__header">
          <h2>{t('accounts.title')} <span className="muted">({accounts.data?.length ?? 0})</span></h2>
          <TableExport caseId={caseId} table="accounts" />
          {!readOnly && <button className="button button--primary" onClick={() => setDialog('account')}>{t('accounts.add')}</button>}
        </div>
        <Grid<Account> testId="accounts-grid" rowData={accounts.data ?? []} columnDefs={accountCols} height={320} getRowId={(p) => p.data.id} />
      </section>
      {dialog === 'subject' && !readOnly && <SubjectDialog caseId={caseId} onClose={() => setDialog(null)} />}
      {dialog === 'account' && !readOnly && <AccountDialog caseId={caseId} subjects={subjects.data ?? []} onClose={() => setDialog(null)} />}
    </div>
  );
}
