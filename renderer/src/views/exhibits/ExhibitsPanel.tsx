import type { ExhibitTarget } from '../../../../core/exhibits/kinds';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadOutput } from '../../api/client';
import { useApi, useClient, useReadOnly } from '../../api/hooks';
import { ErrorBanner } from '../../components/Misc';
import { formatDate } from '../../i18n/format';
import { AttachForm } from './AttachForm';
import { formatBytes } from './bytes';

/** The files attached to one record (an asset, a subject…), with their SHA-256 and a download. */
export function ExhibitsPanel({ caseId, targetKind, targetId, title }: { caseId: string; targetKind: ExhibitTarget; targetId: string; title: string }) {
  const { t } = useTranslation('exhibits');
  const list = useApi('exhibits.list', { caseId, targetKind, targetId });
  // Under bundle review this reads from the bundle, not the local database.
  const client = useClient();
  const readOnly = useReadOnly();
  const [attaching, setAttaching] = useState(false);
  const [note, setNote] = useState<string>();
  const [error, setError] = useState<unknown>();
  const open = (id: string) => client['exhibits.open']({ id }).then((r) => downloadOutput(r.outputId, r.name)).catch(setError);
  return (
    <section className="panel" data-testid="exhibits-panel">
      <div className="panel__header">
        <h2>{title}</h2>
        {!readOnly && <button className="button" onClick={() => setAttaching(true)}>{t('attach')}</button>}
      </div>
      <ErrorBanner error={list.error ?? error} />
      {note && <div className="banner">{note}</div>}
      {list.data?.length === 0 && !attaching && <p className="muted">{t('empty')}</p>}
      {!!list.data?.length && (
        <table className="table">
          <thead><tr><th>{t('fields.fileName')}</th><th>{t('fields.description')}</th><th className="num">{t('fields.size')}</th><th>{t('fields.sha256')}</th><th>{t('fields.createdAt')}</th><th /></tr></thead>
          <tbody>
            {list.data.map((x) => (
              <tr key={x.id}>
                <td>{x.fileName}</td>
                <td>{x.description}</td>
                <td className="num">{formatBytes(x.size)}</td>
                <td className="mono" title={x.sha256}>{x.sha256.slice(0, 16)}…</td>
                <td>{formatDate(x.createdAt)}</td>
                <td><button className="link-button" onClick={() => open(x.id)}>{t('open')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {attaching && !readOnly && <AttachForm caseId={caseId} target={{ kind: targetKind, id: targetId }} onDone={(once) => { setAttaching(false); setNote(once ? t('storedOnce') : undefined); }} />}
    </section>
  );
}
