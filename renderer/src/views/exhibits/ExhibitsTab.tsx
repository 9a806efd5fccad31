import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColDef } from 'ag-grid-community';
import type { AgGridReact } from 'ag-grid-react';
import type { Progress } from '../../../../core/contract';
import type { ExhibitVerifyReport } from '../../../../core/exhibits/verify';
import { downloadOutput } from '../../api/client';
import { useApi, useClient, useReadOnly } from '../../api/hooks';
import { Grid } from '../../components/Grid';
import { ErrorBanner, ProgressBar } from '../../components/Misc';
import { formatDate } from '../../i18n/format';
import type { TabProps } from '../case/tabs';
import { AttachForm } from './AttachForm';
import { formatBytes } from './bytes';

interface ExhibitRow { id: string; fileName: string; description: string; targetKind: string; targetId: string | null; size: number; sha256: string; mediaType: string; actor: string; createdAt: string }

/** Every file of the case, where it is attached, its hash; verify re-hashes the store and names what changed. */
export function ExhibitsTab({ caseId }: TabProps) {
  const { t } = useTranslation('exhibits');
  const list = useApi('exhibits.list', { caseId });
  // Under bundle review this reads from the bundle, not the local database.
  const client = useClient();
  // Under review: open and verify the bundle's files, attach nothing.
  const readOnly = useReadOnly();
  const grid = useRef<AgGridReact<ExhibitRow>>(null);
  const [attaching, setAttaching] = useState(false);
  const [progress, setProgress] = useState<Progress>();
  const [report, setReport] = useState<ExhibitVerifyReport>();
  const [error, setError] = useState<unknown>();
  const verify = () => {
    setReport(undefined);
    setProgress({ phase: 'hashing', done: 0 });
    client['exhibits.verify']({ caseId }, { onProgress: setProgress }).then(setReport, setError).finally(() => setProgress(undefined));
  };
  const open = (id: string) => client['exhibits.open']({ id }).then((r) => downloadOutput(r.outputId, r.name)).catch(setError);
  const columns: ColDef<ExhibitRow>[] = [
    { field: 'fileName', headerName: t('fields.fileName'), flex: 1, minWidth: 180 },
    { field: 'description', headerName: t('fields.description'), flex: 1, minWidth: 160 },
    { field: 'targetKind', headerName: t('fields.target'), width: 130, valueFormatter: (p) => t(`targets.${p.value}`) },
    { field: 'mediaType', headerName: t('fields.mediaType'), width: 150 },
    { field: 'size', headerName: t('fields.size'), width: 110, type: 'numericColumn', valueFormatter: (p) => formatBytes(p.value) },
    { field: 'sha256', headerName: t('fields.sha256'), width: 220, cellClass: 'mono' },
    { field: 'actor', headerName: t('fields.actor'), width: 110 },
    { field: 'createdAt', headerName: t('fields.createdAt'), width: 170, valueFormatter: (p) => formatDate(p.value) },
    { headerName: '', width: 110, sortable: false, filter: false, cellRenderer: (p: { data?: ExhibitRow }) => p.data && <button className="link-button" onClick={() => open(p.data!.id)}>{t('open')}</button> },
  ];
  const names = (p: { exhibits: { fileName: string }[] }) => p.exhibits.map((e) => e.fileName).join(', ');
  return (
    <section className="panel">
      <div className="panel__header">
        <h2>{t('title')}</h2>
        <div className="page__actions">
          <button className="button" onClick={verify} disabled={progress !== undefined}>{t('verify')}</button>
          {!readOnly && <button className="button button--primary" onClick={() => setAttaching(true)}>{t('attach')}</button>}
        </div>
      </div>
      <ErrorBanner error={list.error ?? error} />
      <ProgressBar progress={progress} />
      {report && (report.ok ? (
        <div className="banner banner--ok" data-testid="exhibits-verify">{t('verifyOk', { count: report.checked })}</div>
      ) : (
        <div className="banner banner--error" data-testid="exhibits-verify">
          {t('verifyBad', { changed: report.changed.length, missing: report.missing.length })}
          <ul>
            {report.changed.map((p) => <li key={p.sha256}>{t('changed')} {names(p)} <span className="mono">{p.sha256.slice(0, 16)}…</span></li>)}
            {report.missing.map((p) => <li key={p.sha256}>{t('missing')} {names(p)} <span className="mono">{p.sha256.slice(0, 16)}…</span></li>)}
          </ul>
        </div>
      ))}
      {attaching && !readOnly && <AttachForm caseId={caseId} target={{ kind: 'case' }} onDone={() => setAttaching(false)} />}
      <Grid<ExhibitRow> ref={grid} testId="exhibits-grid" rowData={list.data} columnDefs={columns} height={420} getRowId={(p) => p.data.id} overlayNoRowsTemplate={t('empty')} />
    </section>
  );
}
