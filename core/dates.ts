import { z } from 'zod';

/** True for a real calendar date in ISO form (rejects 2024-02-30). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const dt = new Date(Date.UTC(y, mo - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === mo - 1 && dt.getUTCDate() === d;
}

/** ISO date, or date-time with optional seconds/fraction and zone; the calendar part must exist. */
export function isIsoTimestamp(s: string): boolean {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (!m || !isIsoDate(m[1])) return false;
  if (m[2] !== undefined && (Number(m[2]) > 23 || Number(m[3]) > 59 || Number(m[4] ?? 0) > 59)) return false;
  return true;
}

export const isoDateSchema = z.string().trim().refine(isIsoDate, 'not a real date in the form YYYY-MM-DD');
export const isoTimestampSchema = z
  .string()
  .trim()
  .refine(isIsoTimestamp, 'not a real date or date-time (YYYY-MM-DD or YYYY-MM-DDTHH:MM)');

/** The calendar date `days` after an ISO date (UTC calendar, no time zone can shift it). */
export function addDays(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Whole days from one ISO date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const at = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((at(to) - at(from)) / 86_400_000);
}
