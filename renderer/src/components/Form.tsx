import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { FieldIssue } from '../../../core/errors';

/** Field errors keyed by dotted path, from a zod parse in the form or a ProceedsError from the core. */
export type FieldErrors = Record<string, string>;

export function issuesToErrors(issues: FieldIssue[] | { path: (string | number | symbol)[]; message: string }[]): FieldErrors {
  const out: FieldErrors = {};
  for (const i of issues) {
    const path = Array.isArray(i.path) ? i.path.map(String).join('.') : i.path;
    out[path || '(input)'] ??= i.message;
  }
  return out;
}

export function Field({ label, error, children, hint, wide }: { label: string; error?: string; children: ReactNode; hint?: string; wide?: boolean }) {
  return (
    <label className={`field${error ? ' field--error' : ''}${wide ? ' field--wide' : ''}`}>
      <span className="field__label">{label}</span>
      {children}
      {error ? <span className="field__error" role="alert">{error}</span> : hint ? <span className="field__hint">{hint}</span> : null}
    </label>
  );
}

export function FormError({ message }: { message?: string }) {
  if (!message) return null;
  return <div className="banner banner--error" role="alert">{message}</div>;
}

/** A form's closing row: Cancel, then the submit button (disabled while the core works). */
export function FormActions({ onCancel, submitLabel, busy }: { onCancel: () => void; submitLabel: string; busy?: boolean }) {
  const { t } = useTranslation();
  return (
    <div className="form__actions">
      <button type="button" className="button" onClick={onCancel}>{t('actions.cancel')}</button>
      <button type="submit" className="button button--primary" disabled={busy}>{submitLabel}</button>
    </div>
  );
}
