import type { ComponentType } from 'react';
import { OverviewTab } from '../overview/OverviewTab';
import { SubjectsTab } from '../subjects/SubjectsTab';
import { TransactionsTab } from '../transactions/TransactionsTab';
import { AuditTab } from '../audit/AuditTab';
import { TrailTab } from '../trail/TrailTab';
import { AssetsTab } from '../assets/AssetsTab';
import { ExhibitsTab } from '../exhibits/ExhibitsTab';
import { CaseBundlesTab } from '../bundles/CaseBundlesTab';
import { RecordsTab } from '../records/RecordsTab';
import { WorksheetTab } from '../sharing/WorksheetTab';

export interface TabProps {
  caseId: string;
}

/** The case workspace's tabs, in order. Each domain plugs its view in here. */
export const CASE_TABS: { key: string; component: ComponentType<TabProps> }[] = [
  { key: 'overview', component: OverviewTab },
  { key: 'subjects', component: SubjectsTab },
  { key: 'transactions', component: TransactionsTab },
  { key: 'records', component: RecordsTab },
  { key: 'trail', component: TrailTab },
  { key: 'assets', component: AssetsTab },
  { key: 'sharing', component: WorksheetTab },
  { key: 'exhibits', component: ExhibitsTab },
  { key: 'bundles', component: CaseBundlesTab },
  { key: 'audit', component: AuditTab },
];
