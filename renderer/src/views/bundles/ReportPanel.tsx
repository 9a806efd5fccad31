import { useTranslation } from 'react-i18next';
import i18n from '../../i18n';
import type { ClaimedSigner, VerifyReport } from '../../../../core/bundle/report';
import { formatDate } from '../../i18n/format';
import { formatBytes } from '../exhibits/bytes';
import { formatCount } from '../../i18n/format';

const HEADLINE = { valid: 'report.valid', 'unknown-signer': 'report.unknownSigner', 'untrusted-signer': 'report.untrustedSigner', 'not-for-us': 'report.notForUs', invalid: 'report.invalid' } as const;

/**
 * The verification report, shown before anything of the bundle is opened. A bundle from a signer
 * we do not trust shows only what it claims, marked unverified, and (for an unknown key) the way to
 * trust that key after confirming its fingerprint.
 */
export function ReportPanel({ report, onTrustSigner }: { report: VerifyReport; onTrustSigner?: (claimed: ClaimedSigner) => void }) {
  const { t } = useTranslation('bundles');
  // What an unopened bundle says is not shown as fact.
  const b = report.opened ? report.bundle : null;
  const records = b ? Object.values(b.recordCounts).reduce((x, y) => x + y, 0) : 0;
  const tone = report.ok ? 'banner--ok' : report.state === 'unknown-signer' || report.state === 'untrusted-signer' || report.state === 'not-for-us' ? 'banner--warn' : 'banner--error';
  return (
    <div className="bundle-report" data-testid="bundle-report" data-ok={report.ok} data-state={report.state}>
      <div className={`banner ${tone}`} role="status">
        <strong data-testid="report-headline">{t(HEADLINE[report.state], { fingerprint: report.claimedSigner?.fingerprint ?? '' })}</strong>
        {report.claimedSigner && (
          <div data-testid="claimed-signer">
            {t('report.claimed', { agency: report.claimedSigner.agencyName, fingerprint: report.claimedSigner.fingerprint })}
            {onTrustSigner && <div><button className="button" data-testid="trust-signer" onClick={() => onTrustSigner(report.claimedSigner!)}>{t('report.trustSigner')}</button></div>}
          </div>
        )}
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
            <dd>{report.signer?.agencyName ?? b.sendingAgency}</dd>
            {report.sealed && (<><dt>{t('report.sealed')}</dt><dd>{b.sealedTo.map((x) => x.agency).join(', ')}</dd></>)}
            {report.chain && (<><dt>{t('report.chain')}</dt><dd className={report.chain.inOrder ? '' : 'text-danger'} data-testid="bundle-chain">{report.chain.message}</dd></>)}
            {report.auditLog && (<><dt>{t('report.auditLog')}</dt><dd className={report.auditLog.ok ? '' : 'text-danger'} data-testid="bundle-audit-log">{report.auditLog.message}</dd></>)}
            <dt>{t('report.to')}</dt>
            <dd>{b.recipients.join(', ')}</dd>
            <dt>{t('report.created')}</dt>
            <dd>{formatDate(b.createdAt)}</dd>
            <dt>{t('report.previous')}</dt>
            <dd className="mono">{b.previousBundleId ?? t('report.none')}</dd>
            <dt>{t('report.records')}</dt>
            <dd>{formatCount(records)} · {t('report.payload')} {formatBytes(b.payloadBytes)}</dd>
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
              <li key={i}><span className="mono">{p.code}</span> {problemText(p, i18n.language)}</li>
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

/**
 * A verification problem in the reader's language: its code's sentence and the file it is about. English
 * keeps the core's own detailed sentence (it names fingerprints and digests the catalog cannot).
 */
function problemText(p: { code: string; message: string; entry?: string }, language: string): string {
  if (language === 'en') return p.message;
  const said = i18n.t(`errors:bundle.problem.${p.code}`, { defaultValue: '' });
  return said ? `${said}${p.entry ? ` (${p.entry})` : ''}` : p.message;
}
