import { ProceedsError } from './errors.js';

/**
 * The refusal of an edit made from a form opened before someone else saved the record: nothing is
 * written, and the message shows, field by field, what is saved now beside what this edit would
 * write, so neither version is lost. `ifUnchangedSince` is the updatedAt the editor saw (null:
 * never edited); absent, the caller did not ask for the check (the CLI's one-shot edits).
 */
export function checkUnchanged(
  what: string,
  saved: Record<string, unknown> & { updatedAt: string | null },
  input: Record<string, unknown> & { ifUnchangedSince?: string | null },
  fields: readonly string[],
): void {
  if (input.ifUnchangedSince === undefined || input.ifUnchangedSince === saved.updatedAt) return;
  const shown = (v: unknown) => (v === null || v === undefined || v === '' ? 'none' : typeof v === 'string' ? v : JSON.stringify(v));
  const lines = fields
    .filter((f) => input[f] !== undefined && shown(input[f]) !== shown(saved[f]))
    .map((f) => `${f}: saved ${shown(saved[f])}, yours ${shown(input[f])}`);
  const message = `the ${what} was changed at ${saved.updatedAt ?? 'an unknown time'} since you opened it; nothing was written. ${lines.join('; ')}`.trim();
  throw new ProceedsError('Conflict', message, [{ path: 'ifUnchangedSince', message }, ...lines.map((l) => ({ path: l.slice(0, l.indexOf(':')), message: l.slice(l.indexOf(':') + 2) }))]);
}
