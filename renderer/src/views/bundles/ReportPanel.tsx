import { useTranslation } from 'react-i18next';
import type { VerifyReport } from '../../../../core/bundle/report';
import { formatDate } from '../../i18n/format';
import { formatBytes } from '../exhibits/bytes';

/** The verification report, shown before anything of the bundle is opened. */
export function ReportPanel({ report }: { report: VerifyReport }) {
  const { t } = useTranslation('bundles');
  const b = report.bundle;
  const records = b ? Object.values(b.recordCounts).reduce((x, y) => x + y, 0) : 0;
  return (
    <div className="bundle-report" data-testid="bundle-report" data-ok={report.ok}>
      <div className={`banner ${report.ok ? 'banner--ok' : 'banner--error'}`} role="status">
        <strong>{report.ok ? t('report.valid') : t('report.invalid')}</strong>
      </div>
      <dl className="bundle-report__facts">
        <dt>{t('report.file')}</dt>
        <dd>{report.file.name} · {formatBytes(report.file.size)}</dd>
        {report.file.sha256 && (<><dt>{t('report.sha256')}</dt><dd className="mono">{report.file.sha256}</dd></>)}
        {report.signer && (
          <>
            <dt>{t('report.signer')}</dt>
            <dd>{report.signer.agencyName}</dd>
            <dt>{t('report.fingerprint')}</dt>
            <dd className="mono" data-testid="signer-fingerprint">{report.signer.fingerprint}</dd>
          </>
        )}
        {b && (
          <>
            <dt>{t('report.case')}</dt>
            <dd><span className="mono">{b.caseNumber}</span> · {b.caseTitle} ({Object.keys(b.scope).length ? t('report.scopePart') : t('report.scopeWhole')})</dd>
            <dt>{t('report.from')}</dt>
            <dd>{b.sendingAgency}</dd>
            <dt>{t('report.to')}</dt>
            <dd>{b.recipients.join(', ')}</dd>
            <dt>{t('report.created')}</dt>
            <dd>{formatDate(b.createdAt)}</dd>
            <dt>{t('report.previous')}</dt>
            <dd className="mono">{b.previousBundleId ?? t('report.none')}</dd>
            <dt>{t('report.records')}</dt>
            <dd>{records.toLocaleString()} · {t('report.payload')} {formatBytes(b.payloadBytes)}</dd>
            <dt>{t('report.software')}</dt>
            <dd>{b.software}</dd>
          </>
        )}
      </dl>
      <h3>{t('report.checks')}</h3>
      <ul className="bundle-checks">
        {report.checks.map((c) => (
          <li key={c.id} className={c.ok ? 'is-ok' : 'is-bad'} data-check={c.id}>
            <span className="bundle-checks__mark" aria-hidden>{c.ok ? '✓' : '✗'}</span> {t(`checks.${c.id}`)}
          </li>
        ))}
      </ul>
      {report.problems.length > 0 && (
        <>
          <h3>{t('report.problems', { count: report.problems.length })}</h3>
          <ul className="bundle-problems" data-testid="bundle-problems">
            {report.problems.map((p, i) => (
              <li key={i}><span className="mono">{p.code}</span> {p.message}</li>
            ))}
          </ul>
        </>
      )}
      {report.notes.length > 0 && (
        <>
          <h3>{t('report.notes')}</h3>
          <ul className="muted">{report.notes.map((n) => <li key={n}>{n}</li>)}</ul>
        </>
      )}
    </div>
  );
}
