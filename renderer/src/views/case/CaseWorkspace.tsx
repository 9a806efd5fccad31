import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/hooks';
import { ErrorBanner, Loading, StatusBadge } from '../../components/Misc';
import { useNav } from '../../nav';
import { CASE_TABS } from './tabs';

export function CaseWorkspace() {
  const { t } = useTranslation('case');
  const { route, go } = useNav();
  const caseId = route.view === 'case' ? route.caseId : '';
  const tab = (route.view === 'case' && route.tab) || 'overview';
  const theCase = useApi('cases.get', { id: caseId }, { enabled: Boolean(caseId) });
  if (theCase.isLoading) return <Loading />;
  if (!theCase.data) return <ErrorBanner error={theCase.error} />;
  const c = theCase.data;
  const lead = c.participants.find((p) => p.role === 'lead');
  const Tab = CASE_TABS.find((x) => x.key === tab)?.component ?? CASE_TABS[0].component;
  return (
    <section className="workspace">
      <header className="workspace__header">
        <div>
          <div className="workspace__number mono">{c.number}</div>
          <h1 className="workspace__title">{c.title}</h1>
        </div>
        <div className="workspace__meta">
          <StatusBadge status={c.status} />
          {lead && <span className="muted">{lead.name}</span>}
        </div>
      </header>
      <nav className="tabs" role="tablist">
        {CASE_TABS.map((x) => (
          <button key={x.key} role="tab" aria-selected={x.key === tab} className={`tabs__tab${x.key === tab ? ' is-active' : ''}`} onClick={() => go({ view: 'case', caseId, tab: x.key })}>
            {t(`tabs.${x.key}`)}
          </button>
        ))}
      </nav>
      <div className="workspace__body">
        <Tab caseId={caseId} />
      </div>
    </section>
  );
}
