import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TRACE_METHODS } from '../../../../core/trace/kinds';
import type { Progress } from '../../../../core/contract';
import { useApi, useApiMutation, useClient, useReadOnly } from '../../api/hooks';
import { ErrorBanner, ProgressBar } from '../../components/Misc';
import { MarkPanel } from './MarkPanel';
import { SavedTraces } from './SavedTraces';
import { TraceResultView } from './TraceResultView';
import type { ShownTrace, TrailView } from './state';

type Method = (typeof TRACE_METHODS)[number];

/** Mark the proceeds, pick a court method, run, read the result, save it; saved traces below. */
export function TracePanel(props: { caseId: string; shown?: ShownTrace; onShow(trace: ShownTrace, where: TrailView): void }) {
  // The review's client when under review: every read goes to the bundle, never to the local database.
  const client = useClient();
  // Under review a trace runs on the bundle's data, in memory; it is never saved.
  const readOnly = useReadOnly();
  const { t } = useTranslation('trail');
  const { caseId } = props;
  const [method, setMethod] = useState<Method>('fifo');
  const [until, setUntil] = useState('');
  const [progress, setProgress] = useState<Progress>();
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>();
  const [current, setCurrent] = useState<ShownTrace | undefined>(props.shown);
  const [name, setName] = useState('');
  const [savedMessage, setSavedMessage] = useState(false);
  const marks = useApi('taint.list', { caseId });
  const save = useApiMutation('trace.save');

  const run = async () => {
    setRunning(true);
    setError(undefined);
    setSavedMessage(false);
    try {
      const result = await client['trace.run']({ caseId, method, params: { until: until || undefined } }, { onProgress: setProgress });
      setCurrent({ result, params: { until: until || undefined } });
    } catch (e) {
      setError(e);
    } finally {
      setRunning(false);
      setProgress(undefined);
    }
  };

  const doSave = async () => {
    if (!current) return;
    const r = current.result;
    const saved = await save.mutateAsync({ caseId, method: r.method, name, params: { until: until || undefined } });
    setCurrent({ result: saved.result, name: saved.name, savedId: saved.id, params: saved.params });
    setSavedMessage(true);
  };

  return (
    <div className="trace-panel">
      <MarkPanel caseId={caseId} />
      <div className="trace-panel__side">
        <section className="panel">
          <h2>{t('trace.runTitle')}</h2>
          <div className="trace-run">
            <label className="field">
              <span className="field__label">{t('trace.method')}</span>
              <select name="method" value={method} onChange={(e) => setMethod(e.target.value as Method)}>
                {TRACE_METHODS.map((m) => (
                  <option key={m} value={m}>{t(`trace.methods.${m}`)}</option>
                ))}
              </select>
            </label>
            <label className="field">
              <span className="field__label">{t('trace.until')}</span>
              <input type="date" name="until" value={until} onChange={(e) => setUntil(e.target.value)} />
            </label>
            <button className="button button--primary" disabled={running || (marks.data?.length ?? 0) === 0} onClick={() => void run()}>
              {running ? t('trace.running') : t('trace.run')}
            </button>
          </div>
          {(marks.data?.length ?? 0) === 0 && <p className="muted">{t('trace.noMarks')}</p>}
          <ProgressBar progress={progress} />
          <ErrorBanner error={error} />
        </section>
        {current && (
          <TraceResultView
            caseId={caseId}
            trace={current}
            onShow={(where) => props.onShow(current, where)}
            save={
              current.savedId || readOnly
                ? undefined
                : { name, setName, onSave: () => void doSave(), pending: save.isPending, error: save.error }
            }
            savedMessage={savedMessage}
          />
        )}
        <SavedTraces caseId={caseId} onOpen={(shown) => setCurrent(shown)} />
      </div>
    </div>
  );
}
