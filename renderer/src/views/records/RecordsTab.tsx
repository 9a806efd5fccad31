import { useTranslation } from 'react-i18next';
import type { TabProps } from '../case/tabs';
import { CoverageStrips } from './CoverageStrips';
import { TransferReview } from './TransferReview';
import { MergeSuggestions } from './MergeSuggestions';
import './records.css';

/**
 * Bank records as they came: does each account's run of statements hold together (coverage), which
 * payments appear on both sides (transfer review), and which accounts or subjects are one (merges).
 */
export function RecordsTab({ caseId }: TabProps) {
  const { t } = useTranslation('records');
  return (
    <div className="records">
      <p className="muted">{t('intro')}</p>
      <CoverageStrips caseId={caseId} />
      <TransferReview caseId={caseId} />
      <MergeSuggestions caseId={caseId} />
    </div>
  );
}
