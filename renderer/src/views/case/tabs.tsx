import type { ComponentType } from 'react';
import { NotYet } from '../../components/Misc';
import { OverviewTab } from '../overview/OverviewTab';
import { SubjectsTab } from '../subjects/SubjectsTab';
import { TransactionsTab } from '../transactions/TransactionsTab';
import { AuditTab } from '../audit/AuditTab';

export interface TabProps {
  caseId: string;
}

/** The case workspace's tabs, in order. Each domain plugs its view in here. */
export const CASE_TABS: { key: string; component: ComponentType<TabProps> }[] = [
  { key: 'overview', component: OverviewTab },
  { key: 'subjects', component: SubjectsTab },
  { key: 'transactions', component: TransactionsTab },
  { key: 'trail', component: () => <NotYet what="Money trail: graph, Sankey, timeline, key players, tracing" /> },
  { key: 'assets', component: () => <NotYet what="Seized assets and chain of custody" /> },
  { key: 'exhibits', component: () => <NotYet what="Exhibits" /> },
  { key: 'audit', component: AuditTab },
];
