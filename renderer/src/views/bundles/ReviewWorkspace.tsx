import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQueryClient } from '@tanstack/react-query';
import { ApiClientContext, useApi } from '../../api/hooks';
import { client } from '../../api/client';
import { ErrorBanner, Loading } from '../../components/Misc';
import { CaseHeader, CaseTabs } from '../case/CaseChrome';
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
  const { t: tb } = useTranslation('bundles');
  const [tab, setTab] = useState('overview');
  const [showReport, setShowReport] = useState(false);
  const theCase = useApi('cases.get', { id: review.caseId });
  if (theCase.isLoading) return <Loading />;
  if (!theCase.data) return <ErrorBanner error={theCase.error} />;
  const c = theCase.data;
  return (
    <>
      <CaseHeader number={c.number} title={c.title} status={c.status}>
        <button className="button" onClick={() => setShowReport((s) => !s)}>{tb('review.report')}</button>
      </CaseHeader>
      {showReport && <section className="panel"><ReportPanel report={review.report} /></section>}
      <CaseTabs caseId={review.caseId} active={tab} onSelect={setTab} exclude={['bundles']} />
    </>
  );
}
