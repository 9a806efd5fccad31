import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation, useReadOnly } from '../../api/hooks';
import { ErrorBanner } from '../../components/Misc';
import { formatDate } from '../../i18n/format';

/**
 * Accounts and subjects that may be one, best first with the reasons; a person merges (keeping one
 * as the survivor) or leaves them. Merges in force are listed with an unmerge. Nothing is deleted:
 * readers fold a merged record into its survivor, and the core audits both decisions.
 */
export function MergeSuggestions({ caseId }: { caseId: string }) {
  const { t } = useTranslation('records');
  const readOnly = useReadOnly();
  const suggestions = useApi('imports.merges.suggest', { caseId });
  const merges = useApi('imports.merges.list', { caseId });
  const accounts = useApi('accounts.list', { caseId });
  const subjects = useApi('subjects.list', { caseId });
  const merge = useApiMutation('imports.merges.merge');
  const unmerge = useApiMutation('imports.merges.unmerge');
  const label = (kind: 'account' | 'subject', id: string) =>
    (kind === 'account' ? accounts.data?.find((a) => a.id === id)?.identifier : subjects.data?.find((s) => s.id === id)?.name) ?? id;
  const standing = merges.data?.filter((m) => m.status === 'merged') ?? [];
  return (
    <section className="panel" data-testid="merges">
      <div className="panel__header"><h2>{t('merges.title')} <span className="muted">({suggestions.data?.length ?? 0})</span></h2></div>
      <ErrorBanner error={suggestions.error ?? merges.error ?? merge.error ?? unmerge.error} />
      {suggestions.data?.length === 0 && <p className="muted">{t('merges.none')}</p>}
      <ul className="merges">
        {suggestions.data?.map((s) => (
          <li key={`${s.kind}:${s.a.id}:${s.b.id}`} className="merge" data-testid="merge-suggestion">
            <span className="badge">{t(`merges.kind.${s.kind}`)}</span>
            <span className="link__points" title={t('merges.scoreHelp')}>{s.score}</span>
            <div className="merge__pair">
              <span className="mono">{s.a.label}</span> <span className="muted">{t('merges.and')}</span> <span className="mono">{s.b.label}</span>
              <ul className="muted">{s.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul>
            </div>
            {!readOnly && (
              <div className="link__actions">
                <button className="button button--primary" data-testid="merge-keep-a" disabled={merge.isPending}
                  onClick={() => merge.mutate({ caseId, kind: s.kind, survivorId: s.a.id, mergedId: s.b.id, reasons: s.reasons })}>
                  {t('merges.keep', { label: s.a.label })}
                </button>
                <button className="button" data-testid="merge-keep-b" disabled={merge.isPending}
                  onClick={() => merge.mutate({ caseId, kind: s.kind, survivorId: s.b.id, mergedId: s.a.id, reasons: s.reasons })}>
                  {t('merges.keep', { label: s.b.label })}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <h3>{t('merges.standing')} <span className="muted">({standing.length})</span></h3>
      {standing.length === 0 && <p className="muted">{t('merges.noneStanding')}</p>}
      <ul className="merges">
        {standing.map((m) => (
          <li key={m.id} className="merge" data-testid="merge-standing">
            <span className="badge">{t(`merges.kind.${m.kind}`)}</span>
            <div className="merge__pair">
              {t('merges.into', { merged: label(m.kind, m.mergedId), survivor: label(m.kind, m.survivorId) })}
              <div className="muted">{t('merges.decided', { by: m.decidedBy, at: formatDate(m.createdAt) })}</div>
            </div>
            {!readOnly && (
              <div className="link__actions">
                <button className="button" data-testid="merge-unmerge" disabled={unmerge.isPending} onClick={() => unmerge.mutate({ id: m.id })}>{t('merges.unmerge')}</button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
