import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/hooks';
import { ErrorBanner } from '../../components/Misc';
import { formatMoney } from '../../i18n/format';
import type { AccountCoverage, CoverageEvent } from '../../../../core/import/reconcile';

/** Days from the first to the last date of an account's statements, for placing segments on the strip. */
const day = (d: string) => Date.parse(`${d.slice(0, 10)}T00:00:00Z`) / 86400000;

/**
 * One strip per account: each statement a segment (green when opening + rows = closing, amber when
 * no balances to check, red when it does not add up), gaps left empty, breaks marked with their amount.
 */
function Strip({ cov }: { cov: AccountCoverage }) {
  const { t } = useTranslation('records');
  const dated = cov.events.filter((e) => e.from || e.to);
  const first = Math.min(...dated.map((e) => day((e.from ?? e.to)!)));
  const last = Math.max(...dated.map((e) => day((e.to ?? e.from)!)));
  const span = Math.max(1, last - first + 1);
  const place = (e: CoverageEvent) => {
    const a = day((e.from ?? e.to)!);
    const b = day((e.to ?? e.from)!);
    return { left: `${((a - first) / span) * 100}%`, width: `${Math.max(0.8, ((b - a + 1) / span) * 100)}%` };
  };
  const cls = (e: CoverageEvent) => (e.kind === 'statement' ? (/no opening and closing/.test(e.text) ? 'unchecked' : 'ok') : e.kind);
  const problems = cov.events.filter((e) => e.kind !== 'statement');
  return (
    <div className="coverage" data-testid="coverage-account" data-account={cov.identifier} data-verified={cov.verified}>
      <div className="coverage__head">
        <span className="mono">{cov.identifier}</span> <span className="muted">{cov.currency}</span>{' '}
        <span className={`badge ${cov.verified ? 'badge--closed' : 'badge--returned'}`}>{cov.verified ? t('coverage.verified') : t('coverage.notVerified')}</span>{' '}
        <span className="muted">{t('coverage.statements', { count: cov.statements })}</span>
      </div>
      {dated.length > 0 && (
        <div className="coverage__strip" role="img" aria-label={t('coverage.stripLabel', { account: cov.identifier })}>
          {cov.events.filter((e) => (e.from || e.to) && e.kind !== 'break').map((e, i) => (
            <span key={i} className={`coverage__seg coverage__seg--${cls(e)}`} style={place(e)} title={e.text} />
          ))}
          {cov.events.filter((e) => e.kind === 'break' && (e.from || e.to)).map((e, i) => (
            // At the start of the statement that does not open where the last one closed.
            <span key={`b${i}`} className="coverage__break" style={{ left: place({ ...e, from: e.to ?? e.from }).left }} title={e.text} />
          ))}
        </div>
      )}
      <div className="coverage__scale muted">
        <span>{dated.length ? new Date(first * 86400000).toISOString().slice(0, 10) : ''}</span>
        <span>{dated.length ? new Date(last * 86400000).toISOString().slice(0, 10) : ''}</span>
      </div>
      {problems.length > 0 && (
        <ul className="coverage__problems" data-testid="coverage-problems">
          {problems.map((e, i) => (
            <li key={i} className={`coverage__problem coverage__problem--${e.kind}`}>
              <strong>{t(`coverage.kind.${e.kind}`)}</strong>
              {e.amount && <span className="mono"> {formatMoney(e.amount.replace('-', ''), cov.currency)}</span>}: {e.text}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function CoverageStrips({ caseId }: { caseId: string }) {
  const { t } = useTranslation('records');
  const cov = useApi('imports.coverage', { caseId });
  return (
    <section className="panel" data-testid="coverage">
      <div className="panel__header"><h2>{t('coverage.title')}</h2></div>
      <ErrorBanner error={cov.error} />
      {cov.data && cov.data.length === 0 && <p className="muted">{t('coverage.none')}</p>}
      {cov.data?.map((c) => <Strip key={`${c.accountId}:${c.currency}`} cov={c} />)}
      <div className="coverage__legend muted">
        <span className="coverage__key coverage__seg--ok" /> {t('coverage.legend.ok')}
        <span className="coverage__key coverage__seg--unchecked" /> {t('coverage.legend.unchecked')}
        <span className="coverage__key coverage__seg--unreconciled" /> {t('coverage.legend.unreconciled')}
        <span className="coverage__key coverage__seg--gap" /> {t('coverage.legend.gap')}
        <span className="coverage__key coverage__key--break" /> {t('coverage.legend.break')}
      </div>
    </section>
  );
}
