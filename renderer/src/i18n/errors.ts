import { ProceedsError, type FieldIssue } from '../../../core/errors';
import i18n from './index';

/**
 * How the interface says what the core refused: from the error's code (`key`) and parameters, in
 * the current language, never the English text the core carries (that is for logs and the CLI's
 * --json). An error without a code (an internal invariant) shows its own message.
 */
export function issueText(issue: Pick<FieldIssue, 'message' | 'key' | 'params'>): string {
  return issue.key ? i18n.t(`errors:${issue.key}`, { ...issue.params, defaultValue: issue.message }) : issue.message;
}

export function errorText(err: unknown): string {
  if (err instanceof ProceedsError) return issueText(err);
  if (err && typeof err === 'object' && 'message' in err) return issueText(err as FieldIssue);
  return String(err);
}

/** An error and the field issues it carries, one sentence a line: for a banner where no field shows them. */
export function errorLines(err: unknown, max = 8): string[] {
  const head = errorText(err);
  if (!(err instanceof ProceedsError)) return [head];
  // The message once: an issue that repeats it (a conflict names its field with the same words) is not said again.
  const more = err.issues.filter((i) => (i.key ? i.key !== err.key : i.message !== err.message && !err.message.includes(i.message))).slice(0, max).map((i) => `${i.path}: ${issueText(i)}`);
  return [head, ...more];
}
