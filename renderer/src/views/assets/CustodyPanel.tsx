import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, useReadOnly } from '../../api/hooks';
import { ErrorBanner } from '../../components/Misc';
import { formatDate } from '../../i18n/format';
import { CustodyDialog } from './CustodyDialog';
import { CustodyReportModal } from './CustodyReportModal';

/** The chain of custody as a table with its verdict: unbroken, or every gap named. */
export function CustodyPanel({ assetId }: { assetId: string }) {
  // Under review (a bundle's data) nothing here may be changed.
  const readOnly = useReadOnly();
  const { t } = useTranslation('assets');
  const chain = useApi('custody.list', { assetId });
  const [adding, setAdding] = useState<{ correcting?: string } | null>(null);
  const [report, setReport] = useState(false);
  const c = chain.data;
  const gapEvents = new Set(c?.gaps.map((g) => g.eventId).filter(Boolean));
  const number = (id: string | null) => (c && id ? c.events.findIndex((e) => e.id === id) + 1 : 0);
  return (
    <section className="panel" data-testid="custody">
      <div className="panel__header">
        <h2>{t('custody.title')}</h2>
        <div className="page__actions">
          <button className="button" onClick={() => setReport(true)}>{t('custody.report')}</button>
          {!readOnly && <button className="button button--primary" onClick={() => setAdding({})}>{t('custody.add')}</button>}
        </div>
      </div>
      <ErrorBanner error={chain.error} />
      {c && (
        <>
          {c.unbroken ? (
            <div className="banner banner--ok" data-testid="custody-verdict">{t('custody.unbroken', { count: c.effective.length })}</div>
          ) : (
            <div className="banner banner--error" data-testid="custody-verdict">
              <strong>{t('custody.gaps', { count: c.gaps.length })}</strong>
              <ul>{c.gaps.map((g, i) => <li key={i}>{g.message}</li>)}</ul>
            </div>
          )}
          {c.holder && (
            <div className="custody-holder">
              {t('custody.holder', { holder: c.holder })}{c.location ? ` ${t('custody.location', { location: c.location })}` : ''}
              {c.checkedOutTo ? ` · ${t('custody.checkedOut', { who: c.checkedOutTo })}` : ''}
            </div>
          )}
          <table className="table custody-table">
            <thead>
              <tr><th>#</th><th>{t('custody.fields.occurredAt')}</th><th>{t('custody.fields.kind')}</th><th>{t('custody.fields.fromCustodian')} → {t('custody.fields.toCustodian')}</th><th>{t('custody.fields.location')}</th><th>{t('custody.fields.reason')}</th><th>{t('custody.fields.witness')}</th><th /></tr>
            </thead>
            <tbody>
              {c.events.map((e, i) => (
                <tr key={e.id} className={e.superseded ? 'is-void' : gapEvents.has(e.id) ? 'is-gap' : undefined}>
                  <td>{i + 1}</td>
                  <td>{formatDate(e.occurredAt)}</td>
                  <td>{t(`custody.kinds.${e.kind}`)}{e.correctsEventId ? ` (#${number(e.correctsEventId)})` : ''}</td>
                  <td>{[e.fromCustodian, e.toCustodian].filter(Boolean).join(' → ')}</td>
                  <td>{[e.location, e.locker].filter(Boolean).join(', ')}</td>
                  <td>{e.reason}</td>
                  <td>{e.witness}</td>
                  <td>{!readOnly && !e.superseded && <button className="link-button" onClick={() => setAdding({ correcting: e.id })}>{t('custody.correct')}</button>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted">{t('custody.appendOnly')}</p>
        </>
      )}
      {adding && <CustodyDialog assetId={assetId} corrects={adding.correcting ? c?.events.find((e) => e.id === adding.correcting) : undefined} onClose={() => setAdding(null)} />}
      {report && <CustodyReportModal assetId={assetId} onClose={() => setReport(false)} />}
    </section>
  );
}
