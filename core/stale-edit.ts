import { ProceedsError, english, issue } from './errors.js';

/**
 * The refusal of an edit made from a form opened before someone else saved the record: nothing is
 * written, and the message shows, field by field, what is saved now beside what this edit would
 * write, so neither version is lost. `ifUnchangedSince` is the updatedAt the editor saw (null:
 * never edited); absent, the caller did not ask for the check (the CLI's one-shot edits).
 */
export function checkUnchanged(
  what: 'case' | 'subject',
  saved: Record<string, unknown> & { updatedAt: string | null },
  input: Record<string, unknown> & { ifUnchangedSince?: string | null },
  fields: readonly string[],
): void {
  if (input.ifUnchangedSince === undefined || input.ifUnchangedSince === saved.updatedAt) return;
  const shown = (v: unknown) => (v === null || v === undefined || v === '' ? 'none' : typeof v === 'string' ? v : JSON.stringify(v));
  const changed = fields.filter((f) => input[f] !== undefined && shown(input[f]) !== shown(saved[f]));
  const fieldIssues = changed.map((f) => issue(f, 'case.staleField', { saved: shown(saved[f]), yours: shown(input[f]) }));
  const lines = fieldIssues.map((i) => `${i.path}: ${i.message}`);
  // The head is the sentence the interface translates; the field-by-field lines follow as issues.
  const params = { what, at: saved.updatedAt ?? 'an unknown time' };
  const message = `${english('case.staleEdit', params)} ${lines.join('; ')}`.trim();
  throw new ProceedsError('Conflict', message, [{ path: 'ifUnchangedSince', message, key: 'case.staleEdit', params }, ...fieldIssues], 'case.staleEdit', params);
}
