import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/hooks';
import { ErrorBanner } from '../../components/Misc';
import { formatDate } from '../../i18n/format';

/** Bundles sent and received (of one case, or all). */
export function HistoryPanel({ caseId }: { caseId?: string }) {
  const { t } = useTranslation('bundles');
  const list = useApi('bundles.list', { caseId });
  return (
    <section className="panel">
      <h2>{caseId ? t('tab.history') : t('sections.history')}</h2>
      <ErrorBanner error={list.error} />
      {list.data?.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <table className="table" data-testid="bundle-history">
          <thead><tr><th>{t('history.when')}</th><th>{t('history.direction')}</th><th>{t('history.case')}</th><th>{t('history.from')}</th><th>{t('history.to')}</th><th>{t('history.file')}</th></tr></thead>
          <tbody>
            {list.data?.map((b) => (
              <tr key={b.id}>
                <td>{formatDate(b.createdAt)}</td>
                <td><span className={`badge ${b.direction === 'sent' ? 'badge--open' : 'badge--closed'}`}>{t(`history.${b.direction}`)}</span></td>
                <td className="mono">{b.caseNumber}</td>
                <td>{b.senderAgency}</td>
                <td>{b.recipients.join(', ')}</td>
                <td className="mono">{b.fileName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
