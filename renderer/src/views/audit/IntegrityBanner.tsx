import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/hooks';

/**
 * Shown above every view when the database failed deep verification as it opened: the app is
 * read-only (the core refuses every change) and these are the rows someone changed outside it.
 */
export function IntegrityBanner() {
  const { t } = useTranslation();
  const check = useApi('audit.openCheck', {});
  if (!check.data?.readOnly) return null;
  const { findings, total } = check.data;
  return (
    <div className="banner banner--error integrity-banner" role="alert" data-testid="integrity-banner">
      <strong>{t('integrity.title', { count: total })}</strong>
      <p>{t('integrity.body')}</p>
      <ul className="mono">
        {findings.slice(0, 20).map((f) => <li key={f}>{f}</li>)}
      </ul>
      {total > 20 && <p>{t('integrity.more', { count: total - 20 })}</p>}
    </div>
  );
}
