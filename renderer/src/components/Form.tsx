import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import type { FieldIssue } from '../../../core/errors';
import { plainIssues } from '../../../core/i18n/zod-issues';
import { issueText } from '../i18n/errors';

/** Field errors keyed by dotted path, from a zod parse in the form or a ProceedsError from the core. */
export type FieldErrors = Record<string, string>;

/**
 * Field errors in the user's language: a core issue by its code, a zod issue of the form's own check
 * in plain words (core/i18n/zod-issues.ts), so no "Invalid input: expected string" reaches the screen.
 */
export function issuesToErrors(issues: readonly FieldIssue[] | readonly z.core.$ZodIssue[]): FieldErrors {
  const plain = issues.length && Array.isArray(issues[0]!.path) ? plainIssues(issues as readonly z.core.$ZodIssue[]) : (issues as readonly FieldIssue[]);
  const out: FieldErrors = {};
  for (const i of plain) out[i.path || '(input)'] ??= issueText(i);
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
