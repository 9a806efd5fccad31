import type { TabProps } from '../case/tabs';
import { ExportPanel } from './ExportPanel';
import { HistoryPanel } from './HistoryPanel';
import './bundles.css';

/** The case workspace's bundle tab: export this case, and the bundles sent and received for it. */
export function CaseBundlesTab({ caseId }: TabProps) {
  return (
    <div className="stack">
      <ExportPanel caseId={caseId} />
      <HistoryPanel caseId={caseId} />
    </div>
  );
}
