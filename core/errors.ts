import type { z } from 'zod';
import { renderMessage, type ErrorKey, type MessageParams } from './i18n/render.js';
import { plainIssues } from './i18n/zod-issues.js';

export type { ErrorKey, MessageParams } from './i18n/render.js';

/**
 * The kind of failure, which transports and callers branch on (HTTP status, "try again", "cancelled").
 * Busy: another process holds the database's write lock and did not let go within the stated wait.
 * What exactly went wrong is the error's `key` (a stable message code of the `errors` catalog).
 */
export type ErrorCode = 'NotFound' | 'Invalid' | 'Conflict' | 'Forbidden' | 'Cancelled' | 'Busy' | 'Internal';

export interface FieldIssue {
  /** Dotted path of the field, e.g. "amount" or "rows.3.date". */
  path: string;
  /** English, for logs and the CLI's --json; the interface renders `key` with `params` instead. */
  message: string;
  key?: ErrorKey;
  params?: MessageParams;
}

/**
 * The one error type the contract throws; it crosses every transport as {code, message, issues, key, params}.
 * `key` names the sentence in the `errors` catalog (core/i18n/<lang>/errors.json) and `params` fill it,
 * so the renderer, the CLI and court outputs say it in the reader's language; `message` is the English
 * default. An error without a key (an internal invariant) shows its English message everywhere.
 */
export class ProceedsError extends Error {
  readonly params: MessageParams;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    readonly key?: ErrorKey,
    params: MessageParams = {},
  ) {
    super(message);
    this.name = code;
    this.params = params;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, issues: this.issues, ...(this.key ? { key: this.key, params: this.params } : {}) };
  }
}

export interface SerializedError {
  code: ErrorCode;
  message: string;
  issues: FieldIssue[];
  key?: ErrorKey;
  params?: MessageParams;
}

/** The English sentence of a catalog key (the default message every coded error carries). */
export const english = (key: ErrorKey, params: MessageParams = {}): string => renderMessage('en', key, params);

/** A coded error: its message is the catalog's English sentence for `key`. */
export function fail(code: ErrorCode, key: ErrorKey, params: MessageParams = {}, issues: FieldIssue[] = []): ProceedsError {
  return new ProceedsError(code, english(key, params), issues, key, params);
}

/** A field issue in plain words, coded. */
export const issue = (path: string, key: ErrorKey, params: MessageParams = {}): FieldIssue => ({ path, message: english(key, params), key, params });

/** One field is wrong: the issue lands on the field, the message names it for the CLI. */
export function invalidField(path: string, key: ErrorKey, params: MessageParams = {}): ProceedsError {
  const message = english(key, params);
  return new ProceedsError('Invalid', `${path}: ${message}`, [{ path, message, key, params }], key, params);
}

/** A coded conflict on one field (state transitions, duplicates). */
export function conflictOn(path: string, key: ErrorKey, params: MessageParams = {}): ProceedsError {
  const message = english(key, params);
  return new ProceedsError('Conflict', message, [{ path, message, key, params }], key, params);
}

/** A file path from a caller that may not name files (the web bridge): only the CLI and the desktop app may. */
export function filePathsRefused(field?: string): ProceedsError {
  const message = english('access.filePaths');
  const issues = field ? [issue(field, 'access.notAllowedHere')] : [];
  return new ProceedsError('Forbidden', field ? `${field}: ${message}` : message, issues, 'access.filePaths');
}

/** Several fields wrong at once: every issue is shown, the message counts them. */
export function invalidFields(issues: FieldIssue[]): ProceedsError {
  const params = { count: issues.length, fields: issues.map((i) => i.path).join(', ') };
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new ProceedsError('Invalid', summary, issues, 'validation.fields', params);
}

/** What the notFound helper can name: each has its own sentence in the catalog. */
export type Thing =
  | 'case' | 'case number' | 'participant' | 'exhibit' | 'asset link' | 'saved mapping' | 'transfer link' | 'merge' | 'import'
  | 'keyring entry' | 'subject' | 'chart layout' | 'account' | 'transaction' | 'asset' | 'agency' | 'custody event' | 'trace' | 'signing key';

const THING_KEY: Record<Thing, string> = {
  case: 'case', 'case number': 'caseNumber', participant: 'participant', exhibit: 'exhibit', 'asset link': 'assetLink', 'saved mapping': 'savedMapping',
  'transfer link': 'transferLink', merge: 'merge', import: 'import', 'keyring entry': 'keyringEntry', subject: 'subject', 'chart layout': 'chartLayout',
  account: 'account', transaction: 'transaction', asset: 'asset', agency: 'agency', 'custody event': 'custodyEvent', trace: 'trace', 'signing key': 'signingKey',
};

export const notFound = (what: Thing, id: string) => fail('NotFound', `notFound.${THING_KEY[what]}` as ErrorKey, { id });

export const conflict = (message: string, path?: string) =>
  new ProceedsError('Conflict', message, path ? [{ path, message }] : []);

export const invalid = (path: string, message: string) =>
  new ProceedsError('Invalid', `${path}: ${message}`, [{ path, message }]);

/** A contract input zod refused: every field's problem in plain words (no zod jargon), coded for translation. */
export function fromZod(error: z.ZodError): ProceedsError {
  return invalidFields(plainIssues(error.issues));
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof ProceedsError) return e.toJSON();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'Internal', message, issues: [] };
}

export function deserializeError(s: SerializedError): ProceedsError {
  return new ProceedsError(s.code, s.message, s.issues ?? [], s.key, s.params ?? {});
}
