import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportWizard } from './ImportWizard';
import './import.css';

/** The Transactions tab's entry to the import wizard. */
export function ImportButton({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation('import');
  const [open, setOpen] = useState(false);
  return (
    <>
      <button className="button" data-testid="import-open" onClick={() => setOpen(true)}>{t('button')}</button>
      {open && <ImportWizard caseId={caseId} onClose={() => setOpen(false)} onImported={onDone} />}
    </>
  );
}
