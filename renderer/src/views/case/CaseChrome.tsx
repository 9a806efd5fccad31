import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../components/Misc';
import { CASE_TABS } from './tabs';

/** A case's title block: number, title, status, and whatever the page adds on the right. */
export function CaseHeader({ number, title, status, children }: { number: string; title: string; status: string; children?: ReactNode }) {
  return (
    <header className="workspace__header">
      <div>
        <div className="workspace__number mono">{number}</div>
        <h1 className="workspace__title">{title}</h1>
      </div>
      <div className="workspace__meta">
        <StatusBadge status={status} />
        {children}
      </div>
    </header>
  );
}

/** The case's tabs and the active one's view; `exclude` hides tabs a page cannot offer. */
export function CaseTabs({ caseId, active, onSelect, exclude = [] }: { caseId: string; active: string; onSelect: (key: string) => void; exclude?: string[] }) {
  const { t } = useTranslation('case');
  const tabs = CASE_TABS.filter((x) => !exclude.includes(x.key));
  const Tab = tabs.find((x) => x.key === active)?.component ?? tabs[0].component;
  return (
    <>
      <nav className="tabs" role="tablist">
        {tabs.map((x) => (
          <button key={x.key} role="tab" aria-selected={x.key === active} className={`tabs__tab${x.key === active ? ' is-active' : ''}`} onClick={() => onSelect(x.key)}>
            {t(`tabs.${x.key}`)}
          </button>
        ))}
      </nav>
      <div className="workspace__body">
        <Tab caseId={caseId} />
      </div>
    </>
  );
}
