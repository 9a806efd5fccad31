import type { ComponentType } from 'react';
import { CasesView } from './cases/CasesView';
import { CaseWorkspace } from './case/CaseWorkspace';
import { SettingsView } from './settings/SettingsView';
import { DashboardView } from './dashboard/DashboardView';
import { BundlesView } from './bundles/BundlesView';

/**
 * The app's top-level views, in navigation order. `nav` is the i18n key of its entry in the top bar
 * (null: reached from elsewhere, not shown in the bar).
 */
export const ROUTES: { view: string; nav: string | null; component: ComponentType }[] = [
  { view: 'cases', nav: 'nav.cases', component: CasesView },
  { view: 'case', nav: null, component: CaseWorkspace },
  { view: 'dashboard', nav: 'nav.dashboard', component: DashboardView },
  { view: 'bundles', nav: 'nav.bundles', component: BundlesView },
  { view: 'settings', nav: 'nav.settings', component: SettingsView },
];
