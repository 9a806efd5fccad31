import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Progress } from '../../../../core/contract';
import { Modal } from '../../components/Modal';
import { FormError } from '../../components/Form';
import { ProgressBar } from '../../components/Misc';
import { PickStep, type Picked } from './PickStep';
import { ReviewStep, type ImportChoice } from './ReviewStep';
import { ResultStep } from './ResultStep';
import type { Report } from './types';
import { useClient } from '../../api/hooks';
import { formatCount } from '../../i18n/format';
import { errorLines } from '../../i18n/errors';

type Step = 'pick' | 'review' | 'progress' | 'result';

/** Pick a file -> preview as parsed (and the CSV mapping) -> progress with Cancel -> report with the rejects. */
export function ImportWizard({ caseId, onClose, onImported }: { caseId: string; onClose: () => void; onImported: () => void }) {
  const client = useClient();
  const { t } = useTranslation('import');
  const [step, setStep] = useState<Step>('pick');
  const [picked, setPicked] = useState<Picked>();
  const [progress, setProgress] = useState<Progress>();
  const [report, setReport] = useState<Report>();
  const [error, setError] = useState<string>();
  const abort = useRef<AbortController>(undefined);

  const run = async (choice: ImportChoice) => {
    if (!picked) return;
    setStep('progress');
    setError(undefined);
    abort.current = new AbortController();
    setProgress({ phase: 'hashing', done: 0 });
    try {
      const r = await client['imports.run'](
        { caseId, file: { staged: picked.staged.staged }, format: picked.preview.format, encoding: picked.encoding, ...choice },
        { onProgress: setProgress, signal: abort.current.signal },
      );
      setReport(r);
      setStep('result');
      onImported();
    } catch (e) {
      setError((e as { code?: string }).code === 'Cancelled' ? t('progress.cancelled') : errorLines(e).join('\n'));
      setStep('review');
    } finally {
      setProgress(undefined);
    }
  };

  const phase = progress && t(`progress.${progress.phase}`, { defaultValue: progress.phase });
  return (
    <Modal title={t('title')} onClose={step === 'progress' ? () => abort.current?.abort() : onClose} wide>
      <ol className="import-steps" aria-label={t('title')}>
        {(['pick', 'review', 'progress', 'result'] as const).map((s) => <li key={s} className={s === step ? 'is-current' : ''}>{t(`steps.${s}`)}</li>)}
      </ol>
      {step !== 'progress' && <FormError message={error} />}
      {step === 'pick' && <PickStep caseId={caseId} onPicked={(p) => { setPicked(p); setError(undefined); setStep('review'); }} onCancel={onClose} />}
      {step === 'review' && picked && <ReviewStep caseId={caseId} picked={picked} onBack={() => setStep('pick')} onImport={run} />}
      {step === 'progress' && (
        <div data-testid="import-progress">
          <ProgressBar progress={progress && { ...progress, phase: phase ?? '' }} />
          <p className="muted">{t('progress.rows', { rows: formatCount(progress?.done ?? 0) })}</p>
          <div className="form__actions">
            <button className="button button--danger" data-testid="import-cancel" onClick={() => abort.current?.abort()}>{t('progress.cancel')}</button>
          </div>
        </div>
      )}
      {step === 'result' && report && <ResultStep report={report} onClose={onClose} />}
    </Modal>
  );
}
