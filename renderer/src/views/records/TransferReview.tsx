import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useApiMutation, useReadOnly } from '../../api/hooks';
import { ErrorBanner } from '../../components/Misc';
import { formatDate, formatMoney } from '../../i18n/format';

type Link = Awaited<ReturnType<import('../../../../core/api').Client['imports.links.list']>>[number];
type Status = 'suggested' | 'auto' | 'accepted' | 'rejected';

function Side({ label, side }: { label: string; side: Link['debit'] }) {
  return (
    <div className="link__side">
      <div className="muted">{label}</div>
      <div className="mono">{side.account}</div>
      <div>{formatDate(side.occurredAt)} · <span className="mono">{formatMoney(side.amountMinor, side.currency)}</span></div>
      {side.reference && <div className="mono muted">{side.reference}</div>}
      {(side.counterpartyName || side.memo) && <div className="muted">{[side.counterpartyName, side.memo].filter(Boolean).join(' · ')}</div>}
    </div>
  );
}

/**
 * The review queue of doubtful transfer pairs (payer's debit, payee's credit): the score and the
 * evidence behind it, and a person's accept / reject; decided pairs can be undone back to the queue.
 * Every decision is audited by the core.
 */
export function TransferReview({ caseId }: { caseId: string }) {
  const { t } = useTranslation('records');
  const readOnly = useReadOnly();
  const [status, setStatus] = useState<Status>('suggested');
  const links = useApi('imports.links.list', { caseId, status });
  const decide = useApiMutation('imports.links.decide');
  const match = useApiMutation('imports.links.match');
  return (
    <section className="panel" data-testid="transfer-review">
      <div className="panel__header">
        <h2>{t('links.title')} <span className="muted" data-testid="links-count">({links.data?.length ?? 0})</span></h2>
        <div className="page__actions">
          <select name="linkStatus" aria-label={t('links.show')} value={status} onChange={(e) => setStatus(e.target.value as Status)}>
            {(['suggested', 'auto', 'accepted', 'rejected'] as const).map((s) => <option key={s} value={s}>{t(`links.status.${s}`)}</option>)}
          </select>
          {!readOnly && (
            <button className="button" data-testid="links-match" disabled={match.isPending} onClick={() => match.mutate({ caseId })}>{t('links.match')}</button>
          )}
        </div>
      </div>
      <p className="muted">{t('links.explain')}</p>
      <ErrorBanner error={links.error ?? decide.error ?? match.error} />
      {match.data && <div className="banner" role="status">{t('links.matched', { linked: match.data.linked, suggested: match.data.suggested })}</div>}
      {links.data?.length === 0 && <p className="muted" data-testid="links-empty">{t(`links.empty.${status}`)}</p>}
      <ul className="links">
        {links.data?.map((l) => (
          <li key={l.id} className="link" data-testid="link" data-link-id={l.id}>
            <div className="link__score" title={t('links.scoreHelp')}>
              <span className="link__points">{l.score}</span>
              <span className="muted">{t('links.points')}</span>
            </div>
            <Side label={t('links.payer')} side={l.debit} />
            <div className="link__arrow" aria-hidden>→</div>
            <Side label={t('links.payee')} side={l.credit} />
            <div className="link__evidence">
              <div className="muted">{t('links.evidence')}</div>
              <ul>
                {l.evidence.map((e, i) => <li key={i}><span className="mono">{e.points > 0 ? `+${e.points}` : e.points}</span> {e.what}</li>)}
              </ul>
              {l.decidedBy && <div className="muted">{t('links.decided', { by: l.decidedBy, at: formatDate(l.decidedAt) })}</div>}
            </div>
            {!readOnly && (
              <div className="link__actions">
                {l.status === 'suggested' ? (
                  <>
                    <button className="button button--primary" data-testid="link-accept" disabled={decide.isPending} onClick={() => decide.mutate({ id: l.id, decision: 'accept' })}>{t('links.accept')}</button>
                    <button className="button" data-testid="link-reject" disabled={decide.isPending} onClick={() => decide.mutate({ id: l.id, decision: 'reject' })}>{t('links.reject')}</button>
                  </>
                ) : (
                  <button className="button" data-testid="link-undo" disabled={decide.isPending} onClick={() => decide.mutate({ id: l.id, decision: 'undo' })}>{t('links.undo')}</button>
                )}
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
