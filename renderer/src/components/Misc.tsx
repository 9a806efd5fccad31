import { useTranslation } from 'react-i18next';
import type { Progress } from '../../../core/contract';
import { formatCount } from '../i18n/format';
import { errorText } from '../i18n/errors';

export function NotYet({ what }: { what: string }) {
  const { t } = useTranslation();
  return (
    <div className="empty-state">
      <h3>{t('notYet.title')}</h3>
      <p>{t('notYet.body')}</p>
      <p className="muted">{what}</p>
    </div>
  );
}

export function ErrorBanner({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = errorText(error);
  return <div className="banner banner--error" role="alert">{t('errors.generic', { message })}</div>;
}

export function Loading() {
  const { t } = useTranslation();
  return <div className="muted loading">{t('loading')}</div>;
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useTranslation();
  return <span className={`badge badge--${status}`}>{t(`status.${status}`, { defaultValue: status.replace(/_/g, ' ') })}</span>;
}

/** A progress bar for long work reported by the core. */
export function ProgressBar({ progress }: { progress?: Progress }) {
  if (!progress) return null;
  const fraction = progress.bytesTotal ? (progress.bytesDone ?? 0) / progress.bytesTotal : progress.total ? progress.done / progress.total : undefined;
  const pct = fraction === undefined ? undefined : Math.min(100, Math.round(fraction * 100));
  return (
    <div className="progress" role="progressbar" aria-valuenow={pct} aria-valuemin={0} aria-valuemax={100}>
      <div className="progress__bar" style={{ width: pct === undefined ? '100%' : `${pct}%` }} data-indeterminate={pct === undefined} />
      <div className="progress__label">
        {progress.phase} {progress.total ? `${formatCount(progress.done)} / ${formatCount(progress.total)}` : formatCount(progress.done)}
        {pct !== undefined ? ` · ${pct}%` : ''}
        {progress.etaSeconds !== undefined ? ` · ${Math.ceil(progress.etaSeconds)} s left` : ''}
      </div>
      {/* Why nothing moves, e.g. waiting for another process that writes to the same database. */}
      {progress.message ? <div className="progress__message">{progress.message}</div> : null}
    </div>
  );
}
