import type { z } from 'zod';

/** Busy: another process holds the database's write lock and did not let go within the stated wait. */
export type ErrorCode = 'NotFound' | 'Invalid' | 'Conflict' | 'Forbidden' | 'Cancelled' | 'Busy' | 'Internal';

export interface FieldIssue {
  /** Dotted path of the field, e.g. "amount" or "rows.3.date". */
  path: string;
  message: string;
}

/** The one error type the contract throws; it crosses every transport as {code, message, issues}. */
export class ProceedsError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
    this.name = code;
  }

  toJSON(): SerializedError {
    return { code: this.code, message: this.message, issues: this.issues };
  }
}

export interface SerializedError {
  code: ErrorCode;
  message: string;
  issues: FieldIssue[];
}

export const notFound = (what: string, key: string) => new ProceedsError('NotFound', `${what} not found: ${key}`);

export const conflict = (message: string, path?: string) =>
  new ProceedsError('Conflict', message, path ? [{ path, message }] : []);

export const invalid = (path: string, message: string) =>
  new ProceedsError('Invalid', `${path}: ${message}`, [{ path, message }]);

export function fromZod(error: z.ZodError): ProceedsError {
  const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.') || '(input)', message: i.message }));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return new ProceedsError('Invalid', summary, issues);
}

export function serializeError(e: unknown): SerializedError {
  if (e instanceof ProceedsError) return e.toJSON();
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'Internal', message, issues: [] };
}

export function deserializeError(s: SerializedError): ProceedsError {
  return new ProceedsError(s.code, s.message, s.issues ?? []);
}
