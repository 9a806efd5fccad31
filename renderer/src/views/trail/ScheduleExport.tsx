import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Progress } from '../../../../core/contract';
import { downloadOutput } from '../../api/client';
import { useClient } from '../../api/hooks';
import { ErrorBanner, ProgressBar } from '../../components/Misc';
import type { ShownTrace } from './state';

type Format = 'pdf' | 'xlsx' | 'csv';

/**
 * Trace -> Export: the tracing schedule of the trace shown (its method, marks and cut-off), run
 * anew on the data and written by the core as PDF, XLSX or CSV, then downloaded.
 */
export function ScheduleExport(props: { caseId: string; trace: ShownTrace }) {
  const client = useClient();
  const { t } = useTranslation('trail');
  const [format, setFormat] = useState<Format>('pdf');
  const [paper, setPaper] = useState<'a4' | 'letter'>('a4');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<Progress>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<{ outputId: string; name: string; rows: number }>();

  const run = async () => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const { result, marks, params } = props.trace;
      const r = await client['trace.schedule']({ caseId: props.caseId, method: result.method, marks, params: params ?? {}, format, paper }, { onProgress: setProgress });
      setDone({ outputId: r.outputId!, name: r.name, rows: r.rows });
      await downloadOutput(r.outputId!, r.name);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setProgress(undefined);
    }
  };

  return (
    <div className="schedule-export" data-testid="schedule-export">
      <h3>{t('schedule.title')}</h3>
      <p className="muted">{t('schedule.hint')}</p>
      <div className="trace-run">
        <label className="field">
          <span className="field__label">{t('schedule.format')}</span>
          <select name="scheduleFormat" value={format} onChange={(e) => setFormat(e.target.value as Format)}>
            <option value="pdf">{t('schedule.formats.pdf')}</option>
            <option value="xlsx">{t('schedule.formats.xlsx')}</option>
            <option value="csv">{t('schedule.formats.csv')}</option>
          </select>
        </label>
        {format === 'pdf' && (
          <label className="field">
            <span className="field__label">{t('schedule.paper')}</span>
            <select name="schedulePaper" value={paper} onChange={(e) => setPaper(e.target.value as 'a4' | 'letter')}>
              <option value="a4">{t('schedule.papers.a4')}</option>
              <option value="letter">{t('schedule.papers.letter')}</option>
            </select>
          </label>
        )}
        <button className="button" disabled={busy} onClick={() => void run()}>
          {busy ? t('schedule.writing') : t('schedule.export')}
        </button>
      </div>
      <ProgressBar progress={progress} />
      <ErrorBanner error={error} />
      {done && (
        <div className="banner" role="status">
          {t('schedule.done', { name: done.name, rows: done.rows })}{' '}
          <button className="button button--link" onClick={() => void downloadOutput(done.outputId, done.name)}>{t('schedule.again')}</button>
        </div>
      )}
    </div>
  );
}
