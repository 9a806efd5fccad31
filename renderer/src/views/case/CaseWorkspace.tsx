import { useApi } from '../../api/hooks';
import { ErrorBanner, Loading } from '../../components/Misc';
import { useNav } from '../../nav';
import { CaseHeader, CaseTabs } from './CaseChrome';

export function CaseWorkspace() {
  const { route, go } = useNav();
  const caseId = route.view === 'case' ? route.caseId : '';
  const tab = (route.view === 'case' && route.tab) || 'overview';
  const theCase = useApi('cases.get', { id: caseId }, { enabled: Boolean(caseId) });
  if (theCase.isLoading) return <Loading />;
  if (!theCase.data) return <ErrorBanner error={theCase.error} />;
  const c = theCase.data;
  const lead = c.participants.find((p) => p.role === 'lead');
  return (
    <section className="workspace">
      <CaseHeader number={c.number} title={c.title} status={c.status}>
        {lead && <span className="muted">{lead.name}</span>}
      </CaseHeader>
      <CaseTabs caseId={caseId} active={tab} onSelect={(key) => go({ view: 'case', caseId, tab: key })} />
    </section>
  );
}
