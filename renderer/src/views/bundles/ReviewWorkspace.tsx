import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ApiClientContext, useApi } from '../../api/hooks';
import { client } from '../../api/client';
import { ErrorBanner, Loading, StatusBadge } from '../../components/Misc';
import { CASE_TABS } from '../case/tabs';
import { ReportPanel } from './ReportPanel';
import { reviewClient } from './reviewClient';
import type { OpenedReview } from './ReceivePanel';

/** The case workspace's own tabs, reading from the bundle under review instead of the local database. */
export function ReviewWorkspace({ review, onClose }: { review: OpenedReview; onClose: () => void }) {
  const { t } = useTranslation('bundles');
  const qc = useQueryClient();
  const value = useMemo(() => ({ client: reviewClient(review.reviewId), scope: `review:${review.reviewId}` }), [review.reviewId]);
  const close = async () => {
    await client['bundles.reviewClose']({ reviewId: review.reviewId }).catch(() => undefined);
    qc.removeQueries({ predicate: (q) => q.queryKey[2] === value.scope });
    onClose();
  };
  return (
    <ApiClientContext.Provider value={value}>
      <section className="workspace review" data-testid="review-workspace">
        <div className="banner banner--warn review__banner">
          <span>{t('review.banner', { agency: review.report.signer?.agencyName ?? '' })}</span>
          <button className="button" onClick={close}>{t('review.close')}</button>
        </div>
        <ReviewBody review={review} />
      </section>
    </ApiClientContext.Provider>
  );
}

function ReviewBody({ review }: { review: OpenedReview }) {
  const { t } = useTranslation('case');
  const { t: tb } = useTranslation('bundles');
  const [tab, setTab] = useState('overview');
  const [showReport, setShowReport] = useState(false);
  const theCase = useApi('cases.get', { id: review.caseId });
  if (theCase.isLoading) return <Loading />;
  if (!theCase.data) return <ErrorBanner error={theCase.error} />;
  const c = theCase.data;
  const Tab = CASE_TABS.find((x) => x.key === tab)?.component ?? CASE_TABS[0].component;
  return (
    <>
      <header className="workspace__header">
        <div>
          <div className="workspace__number mono">{c.number}</div>
          <h1 className="workspace__title">{c.title}</h1>
        </div>
        <div className="workspace__meta">
          <StatusBadge status={c.status} />
          <button className="button" onClick={() => setShowReport((s) => !s)}>{tb('review.report')}</button>
        </div>
      </header>
      {showReport && <section className="panel"><ReportPanel report={review.report} /></section>}
      <nav className="tabs" role="tablist">
        {CASE_TABS.filter((x) => x.key !== 'bundles').map((x) => (
          <button key={x.key} role="tab" aria-selected={x.key === tab} className={`tabs__tab${x.key === tab ? ' is-active' : ''}`} onClick={() => setTab(x.key)}>
            {t(`tabs.${x.key}`)}
          </button>
        ))}
      </nav>
      <div className="workspace__body">
        <Tab caseId={review.caseId} />
      </div>
    </>
  );
}
