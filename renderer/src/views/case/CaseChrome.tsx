import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { StatusBadge } from '../../components/Misc';
import { TabList, TabPanel } from '../../components/Tabs';
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
  const shown = tabs.some((x) => x.key === active) ? active : tabs[0].key;
  const Tab = tabs.find((x) => x.key === shown)!.component;
  return (
    <>
      <TabList id="case" label={t('tabsLabel')} tabs={tabs.map((x) => ({ key: x.key, label: t(`tabs.${x.key}`) }))} active={shown} onSelect={onSelect} />
      <TabPanel id="case" active={shown} className="workspace__body">
        <Tab caseId={caseId} />
      </TabPanel>
    </>
  );
}
