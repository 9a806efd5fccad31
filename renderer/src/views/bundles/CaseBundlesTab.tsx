import type { TabProps } from '../case/tabs';
import { ExportPanel } from './ExportPanel';
import { HistoryPanel } from './HistoryPanel';
import { CaseHubPanel } from './CaseHubPanel';
import { useReadOnly } from '../../api/hooks';
import './bundles.css';

/** The case workspace's bundle tab: export this case, share it with the hub, and the bundles sent and received for it. */
export function CaseBundlesTab({ caseId }: TabProps) {
  const readOnly = useReadOnly();
  return (
    <div className="stack">
      <ExportPanel caseId={caseId} />
      {!readOnly && <CaseHubPanel caseId={caseId} />}
      <HistoryPanel caseId={caseId} />
    </div>
  );
}
