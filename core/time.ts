import { z } from 'zod';
import { isIsoDate } from './dates.js';

/**
 * The time model (docs/money-and-time.md). Every transaction keeps its time as the bank booked it
 * (`booked`: a date alone, or a local date and time with the UTC offset when the source gives one)
 * and a canonical ordering key derived from it (`key`). Nothing is ever shown or filtered by the
 * viewer's time zone: the booked text is what the court's copy of the statement says.
 *
 * The ordering key is text that sorts in time order:
 * - a timed booking is its instant in UTC, `YYYY-MM-DDTHH:MM:SS.fffffffffZ` (nine fraction
 *   digits). A local time without an offset is taken as UTC: the source gave no other.
 * - a date-only booking is `YYYY-MM-DDT24`: after every timed booking of that (UTC) day and before
 *   the next day. A bank that books by date has certainly booked the row by the end of that day.
 * Equal instants written differently (`12:00` and `12:00:00`, `10:00+02:00` and `08:00Z`) have the
 * same key; ties are broken by the order of entry or import (`seq`).
 */

export interface BookedTime {
  /** The booking as the source wrote it, in normal form: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS[.f][Z|±HH:MM]`. */
  booked: string;
  /** The canonical ordering key. */
  key: string;
  /** The booking date, as booked (the local date): what date filters match. */
  date: string;
  /** Minutes east of UTC when the source gave an offset; null for a local time without one or a date alone. */
  offsetMinutes: number | null;
  hasTime: boolean;
}

export type ParsedTime = { ok: true; value: BookedTime } | { ok: false; error: string };

const TIMED =
  /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?$/;

/** The furthest any real zone is from UTC (Kiribati, +14:00; Baker Island, -12:00). */
const MAX_OFFSET_MINUTES = 14 * 60;

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Parses a booking date or date-time; an impossible date, time or offset is an error naming it. */
export function parseBookedTime(input: string): ParsedTime {
  const text = input.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    if (!isIsoDate(text)) return { ok: false, error: `"${input}" is not a real date` };
    return { ok: true, value: { booked: text, key: `${text}T24`, date: text, offsetMinutes: null, hasTime: false } };
  }
  const m = TIMED.exec(text);
  if (!m) return { ok: false, error: `"${input}" is not a date (YYYY-MM-DD) or date-time (YYYY-MM-DDTHH:MM[:SS][±HH:MM])` };
  const [, date, hh, mi, ss = '00', frac = '', z, sign, oh, om = '00'] = m;
  if (!isIsoDate(date)) return { ok: false, error: `"${input}": ${date} is not a real date` };
  if (Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59) return { ok: false, error: `"${input}": ${hh}:${mi}:${ss} is not a time of day` };
  let offsetMinutes: number | null = null;
  let zone = '';
  if (z) {
    offsetMinutes = 0;
    zone = 'Z';
  }
  else if (sign) {
    if (Number(om) > 59) return { ok: false, error: `"${input}": ${sign}${oh}:${om} is not a UTC offset` };
    offsetMinutes = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
    if (Math.abs(offsetMinutes) > MAX_OFFSET_MINUTES) return { ok: false, error: `"${input}": ${sign}${oh}:${om} is beyond any UTC offset (-14:00 to +14:00)` };
    zone = `${sign}${oh}:${om}`;
  }
  const booked = `${date}T${hh}:${mi}:${ss}${frac ? '.' + frac : ''}${zone}`;
  const utc = shiftMinutes(date, Number(hh), Number(mi), -(offsetMinutes ?? 0));
  if (!utc) return { ok: false, error: `"${input}" is out of range` };
  const key = `${utc}:${ss}.${frac.padEnd(9, '0')}Z`;
  return { ok: true, value: { booked, key, date, offsetMinutes, hasTime: true } };
}

/** `date` at hh:mm moved by `delta` minutes, as `YYYY-MM-DDTHH:MM`; undefined outside years 1-9999. */
function shiftMinutes(date: string, hh: number, mi: number, delta: number): string | undefined {
  const d = new Date(0);
  d.setUTCFullYear(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  d.setUTCHours(hh, mi + delta, 0, 0);
  const y = d.getUTCFullYear();
  if (y < 1 || y > 9999) return undefined;
  return `${pad(y, 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/**
 * parseBookedTime remembering its last input: a statement books hundreds of rows a day, so an
 * import asks for the same date over and over. The answer is shared: callers only read it.
 */
export function parseBookedTimeRepeated(input: string): ParsedTime {
  if (input !== lastBooked.input) lastBooked = { input, parsed: parseBookedTime(input) };
  return lastBooked.parsed;
}
let lastBooked: { input: string; parsed: ParsedTime } = { input: '', parsed: parseBookedTime('') };

/** The ordering key of a booking already in normal form (throws on anything else: stored data is checked). */
export function timeKey(booked: string): string {
  const p = parseBookedTime(booked);
  if (!p.ok) throw new Error(p.error);
  return p.value.key;
}

/** A booking time in any accepted spelling, coming out in normal form. */
export const bookedTimeSchema = z
  .string()
  .trim()
  .transform((s, ctx) => {
    const p = parseBookedTime(s);
    if (!p.ok) {
      ctx.addIssue({ code: 'custom', message: p.error });
      return z.NEVER;
    }
    return p.value.booked;
  });

/**
 * Bounds for a filter on booking dates: `from`/`to` are dates (YYYY-MM-DD) and match the date as
 * booked, whatever the time or offset; a date-time bound is compared by ordering key.
 */
export function bookedRange(from?: string, to?: string): { fromKey?: string; toKey?: string; fromDate?: string; toDate?: string } {
  const out: { fromKey?: string; toKey?: string; fromDate?: string; toDate?: string } = {};
  if (from) {
    if (isIsoDate(from)) out.fromDate = from;
    else out.fromKey = timeKey(from);
  }
  if (to) {
    if (isIsoDate(to)) out.toDate = to;
    else out.toKey = timeKey(to);
  }
  return out;
}
