import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/hooks';
import { ErrorBanner } from '../../components/Misc';
import { useNav } from '../../nav';
import { DeadlinesList } from '../sharing/DeadlinesList';
import type { Filters } from './FiltersBar';

/** DAG-71 requests across the filter: overdue and due first; submitted ones on request. A case number opens its worksheet. */
export function DeadlinesPanel({ filters }: { filters: Filters }) {
  const { t } = useTranslation('sharing');
  const { go } = useNav();
  const [all, setAll] = useState(false);
  const deadlines = useApi('sharing.deadlines', { filters });
  const shown = (deadlines.data ?? []).filter((d) => all || d.state !== 'submitted');
  return (
    <section className="panel" data-testid="dashboard-deadlines">
      <div className="panel__header">
        <h2>{t('deadlines.dashboardTitle')}</h2>
        <label className="checkbox"><input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} /> {t('deadlines.showSubmitted')}</label>
      </div>
      <ErrorBanner error={deadlines.error} />
      {deadlines.data?.length && !shown.length ? <p className="muted" data-testid="deadlines-list">{t('deadlines.allSubmitted')}</p> : null}
      {deadlines.data && (shown.length > 0 || !deadlines.data.length) && <DeadlinesList deadlines={shown} showCase testId="deadlines-list" onOpenCase={(caseId) => go({ view: 'case', caseId, tab: 'sharing' })} />}
    </section>
  );
}
