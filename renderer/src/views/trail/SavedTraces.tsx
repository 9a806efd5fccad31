import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useClient } from '../../api/hooks';
import { ErrorBanner } from '../../components/Misc';
import { formatDate } from '../../i18n/format';
import type { ShownTrace } from './state';

/** The case's saved traces: open one to show it, re-run it to check the result still holds. */
export function SavedTraces(props: { caseId: string; onOpen(trace: ShownTrace): void }) {
  // The review's client when under review: every read goes to the bundle, never to the local database.
  const client = useClient();
  const { t } = useTranslation('trail');
  const list = useApi('trace.list', { caseId: props.caseId });
  const [checks, setChecks] = useState<Record<string, { identical: boolean; changes: number }>>({});
  const [error, setError] = useState<unknown>();

  const open = async (id: string) => {
    try {
      const got = await client['trace.get']({ id });
      props.onOpen({ result: got.result, name: got.name || undefined, savedId: got.id, marks: got.marked, params: got.params });
    } catch (e) {
      setError(e);
    }
  };
  const rerun = async (id: string) => {
    try {
      const r = await client['trace.rerun']({ id });
      setChecks((c) => ({ ...c, [id]: { identical: r.identical, changes: r.changesSince } }));
    } catch (e) {
      setError(e);
    }
  };

  return (
    <section className="panel" data-testid="saved-traces">
      <h2>{t('trace.savedTitle')}</h2>
      <ErrorBanner error={list.error ?? error} />
      {list.data?.length === 0 && <p className="muted">{t('trace.noneSaved')}</p>}
      <ul className="saved-traces">
        {list.data?.map((s) => (
          <li key={s.id}>
            <div>
              <strong>{s.name || t(`trace.methods.${s.method}`)}</strong>
              <div className="muted">
                {s.method} · {formatDate(s.createdAt)} · {s.actor} · {t('trace.dataVersion')} <span className="mono">{s.dataVersion.slice(0, 12)}</span>
              </div>
              {checks[s.id] && (
                <div className={checks[s.id].identical ? 'ok-text' : 'warn-text'} role="status">
                  {checks[s.id].identical ? t('trace.identical') : t('trace.different', { count: checks[s.id].changes })}
                </div>
              )}
            </div>
            <div className="page__actions">
              <button className="button" onClick={() => void open(s.id)}>{t('trace.open')}</button>
              <button className="button" onClick={() => void rerun(s.id)}>{t('trace.rerun')}</button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
