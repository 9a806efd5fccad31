import { useTranslation } from 'react-i18next';
import type { Deadline } from '../../../../core/sharing/deadlines';
import { formatDate } from '../../i18n/format';

/** What is due: overdue first, in words ("due in 5 days", "12 days overdue"), never a bare date alone. */
export function DeadlinesList({ deadlines, showCase, onOpenCase, testId }: { deadlines: Deadline[]; showCase?: boolean; onOpenCase?: (caseId: string) => void; testId: string }) {
  const { t } = useTranslation('sharing');
  if (!deadlines.length) return <p className="muted" data-testid={testId}>{t('deadlines.none')}</p>;
  return (
    <table className="table deadlines" data-testid={testId}>
      <thead>
        <tr>
          {showCase && <th>{t('deadlines.case')}</th>}
          <th>{t('deadlines.agency')}</th><th>{t('deadlines.order')}</th><th>{t('deadlines.forfeitedOn')}</th><th>{t('deadlines.dueOn')}</th><th>{t('deadlines.state')}</th>
        </tr>
      </thead>
      <tbody>
        {deadlines.map((d) => (
          <tr key={`${d.caseId}|${d.agencyId}|${d.forfeitedOn}|${d.orderReference}`} className={`deadline deadline--${d.state}`}>
            {showCase && <td>{onOpenCase ? <button type="button" className="link" onClick={() => onOpenCase(d.caseId)}>{d.caseNumber}</button> : d.caseNumber}</td>}
            <td>{d.agencyName} ({d.agencyCode})</td>
            <td>{d.orderReference || '—'}</td>
            <td>{formatDate(d.forfeitedOn)}</td>
            <td>{formatDate(d.dueOn)}</td>
            <td>
              {d.state === 'submitted' ? t('deadlines.submitted', { date: formatDate(d.submittedOn) })
                : d.state === 'overdue' ? t('deadlines.overdue', { count: -d.daysLeft })
                : t('deadlines.due', { count: d.daysLeft })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
