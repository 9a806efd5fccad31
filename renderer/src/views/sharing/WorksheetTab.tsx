import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorksheetLine } from '../../../../core/sharing/worksheet';
import { downloadOutput } from '../../api/client';
import { useApi, useClient, useReadOnly } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/Misc';
import { formatDate, formatMoney } from '../../i18n/format';
import type { TabProps } from '../case/tabs';
import { DeadlinesList } from './DeadlinesList';
import { WorksheetDialog } from './WorksheetDialog';
import './sharing.css';

const shares = (l: WorksheetLine, k: 'recordedMinor' | 'projectedMinor') => l.shares.map((s) => formatMoney(s[k], s.currency)).join(' · ') || '—';

/**
 * The case's equitable-sharing worksheet: per agency, the contribution factors the DOJ's DAG-71
 * asks for, its shares (recorded and projected in separate columns), and each request's deadline.
 */
export function WorksheetTab({ caseId }: TabProps) {
  const { t } = useTranslation('sharing');
  const w = useApi('sharing.worksheet', { caseId });
  const client = useClient();
  const readOnly = useReadOnly();
  const [editing, setEditing] = useState<WorksheetLine>();
  const [exportError, setExportError] = useState<unknown>();
  if (w.isLoading) return <Loading />;
  if (!w.data) return <ErrorBanner error={w.error} />;
  const exportAs = (format: 'csv' | 'xlsx' | 'pdf') =>
    client['sharing.worksheetExport']({ caseId, format }).then((r) => downloadOutput(r.outputId!, r.name)).catch(setExportError);
  return (
    <div className="worksheet" data-testid="sharing-worksheet">
      <section className="panel">
        <div className="panel__header">
          <h2>{t('title')}</h2>
          <div className="page__actions">
            {(['csv', 'xlsx', 'pdf'] as const).map((f) => <button key={f} type="button" className="button" onClick={() => void exportAs(f)}>{t(`export.${f}`)}</button>)}
          </div>
        </div>
        <p className="muted">{t('intro')} {t('policy', { policy: w.data.policyText })}</p>
        <ErrorBanner error={exportError} />
        <table className="table worksheet__table" data-testid="worksheet-table">
          <thead>
            <tr>
              <th>{t('columns.agency')}</th><th>{t('factors.workHours')}</th><th>{t('columns.originated')}</th><th>{t('factors.uniqueAssistance')}</th>
              <th>{t('factors.foreignAssistance')}</th><th>{t('factors.other')}</th><th>{t('factors.requestedShare')}</th><th>{t('factors.submittedOn')}</th>
              <th>{t('columns.recorded')}</th><th>{t('columns.projected')}</th><th><span className="visually-hidden">{t('columns.actions')}</span></th>
            </tr>
          </thead>
          <tbody>
            {w.data.lines.map((l) => (
              <tr key={l.agencyId} data-agency={l.code}>
                <td>{l.name} ({l.code})<div className="muted">{l.saved ? t('columns.saved') : t('columns.notSaved')}</div></td>
                <td className="mono">{l.workHours}</td>
                <td>{l.originatedInformation ? t('yes') : t('no')}</td>
                <td>{l.uniqueAssistance || '—'}</td>
                <td>{l.foreignAssistance || '—'}</td>
                <td>{l.other || '—'}</td>
                <td className="mono">{l.requestedShareBps === null ? '—' : `${l.requestedShareBps / 100}%`}</td>
                <td>{l.submittedOn ? formatDate(l.submittedOn) : t('columns.notSubmitted')}</td>
                <td className="mono">{shares(l, 'recordedMinor')}</td>
                <td className="mono projected">{shares(l, 'projectedMinor')}</td>
                <td>{!readOnly && <button type="button" className="button" onClick={() => setEditing(l)} aria-label={t('edit', { agency: l.code })}>{t('editShort')}</button>}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="muted">{t('basisNote')}</p>
      </section>
      <section className="panel">
        <h2>{t('deadlines.title')}</h2>
        <DeadlinesList deadlines={w.data.deadlines} testId="worksheet-deadlines" />
      </section>
      {editing && <WorksheetDialog caseId={caseId} line={editing} onClose={() => setEditing(undefined)} />}
    </div>
  );
}
