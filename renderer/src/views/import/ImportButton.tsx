import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ImportWizard } from './ImportWizard';
import { ExchangeDialog } from './ExchangeDialog';
import './import.css';

/** The Transactions tab's entries to the import wizard and to goAML / FollowTheMoney exchange. */
export function ImportButton({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation('import');
  const [open, setOpen] = useState(false);
  const [exchange, setExchange] = useState(false);
  return (
    <>
      <button className="button" data-testid="import-open" onClick={() => setOpen(true)}>{t('button')}</button>
      <button className="button" data-testid="exchange-open" onClick={() => setExchange(true)}>{t('exchange.button')}</button>
      {open && <ImportWizard caseId={caseId} onClose={() => setOpen(false)} onImported={onDone} />}
      {exchange && <ExchangeDialog caseId={caseId} readOnly={false} onClose={() => setExchange(false)} onImported={onDone} />}
    </>
  );
}
