import { formatMoneyIn } from '../../../core/money-format';
import { parseBookedTime } from '../../../core/time';

/**
 * All display of money, numbers and dates goes through here, in the user's locale, through Intl.
 * The locale comes from i18n/index.ts (the chosen language with the system's region); every
 * function also takes an explicit locale, which is how tests/unit/i18n/format.test.ts checks
 * es-MX, es-ES, pt-BR, fr-CA and en-IN.
 */
let localeSource: () => string = () => (typeof navigator !== 'undefined' && navigator.language) || 'en-US';

/** Called once by i18n/index.ts so formatting follows the interface language. */
export function setLocaleSource(source: () => string): void {
  localeSource = source;
}

export const displayLocale = (): string => localeSource();

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: string, digits: number): Intl.NumberFormat {
  const key = `${locale}|${digits}`;
  let nf = cache.get(key);
  if (!nf) cache.set(key, (nf = new Intl.NumberFormat(locale, { maximumFractionDigits: digits })));
  return nf;
}

/**
 * Minor units (decimal text as the contract carries them, or a bigint) -> the user's locale,
 * exactly at any size, with the currency's own exponent (core/money-format.ts: the integer part
 * through Intl.NumberFormat on a BigInt, never a float).
 */
export function formatMoney(minor: string | bigint | number | null | undefined, currency: string, locale = displayLocale()): string {
  if (minor === null || minor === undefined || minor === '') return '';
  return formatMoneyIn(locale, minor, currency);
}

/** A count or other integer (a bigint stays exact). */
export function formatCount(n: number | bigint, locale = displayLocale()): string {
  return numberFormat(locale, 0).format(n);
}

/** A plain number with up to `maxFraction` decimals (sizes, rates, percentages). */
export function formatNumber(n: number, maxFraction = 2, locale = displayLocale()): string {
  return numberFormat(locale, maxFraction).format(n);
}

/**
 * A booking date or date-time exactly as the bank booked it (core/time.ts reads it): the wall-clock
 * date and time are shown as written (formatted in the user's locale, never moved into the viewer's
 * time zone), and the source's UTC offset is added where it differs from the viewer's at that moment.
 */
export function formatDate(iso: string | null | undefined, locale = displayLocale()): string {
  if (!iso) return '';
  const p = parseBookedTime(iso);
  if (!p.ok) return iso;
  const { booked, hasTime, offsetMinutes } = p.value;
  const wall = new Date(0);
  wall.setUTCFullYear(Number(booked.slice(0, 4)), Number(booked.slice(5, 7)) - 1, Number(booked.slice(8, 10)));
  if (!hasTime) return dateFormat(locale, 'date').format(wall);
  const ss = booked.slice(17, 19);
  wall.setUTCHours(Number(booked.slice(11, 13)), Number(booked.slice(14, 16)), Number(ss), 0);
  const text = dateFormat(locale, ss !== '00' ? 'seconds' : 'minutes').format(wall);
  if (offsetMinutes === null) return text;
  const viewer = -new Date(wall.getTime() - offsetMinutes * 60_000).getTimezoneOffset();
  return viewer === offsetMinutes ? text : `${text} ${offsetLabel(offsetMinutes)}`;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();
/** Made once per locale and style: the grid formats every visible cell on each scrolled frame, and building an Intl.DateTimeFormat is far dearer than using one. */
function dateFormat(locale: string, style: 'date' | 'minutes' | 'seconds'): Intl.DateTimeFormat {
  const key = `${locale}|${style}`;
  let f = dateFormats.get(key);
  if (!f)
    dateFormats.set(
      key,
      (f = new Intl.DateTimeFormat(locale, style === 'date' ? { dateStyle: 'medium', timeZone: 'UTC' } : { dateStyle: 'medium', timeStyle: style === 'seconds' ? 'medium' : 'short', timeZone: 'UTC' })),
    );
  return f;
}

/** "UTC", "UTC−05:00", "UTC+05:30". */
function offsetLabel(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '\u2212' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** Today's date on the user's calendar (YYYY-MM-DD): the default a person expects in a date field. */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** 1536 -> "1.5 kB" (en), "1,5 ko" (fr-CA): the unit's name is the locale's own, through Intl. */
export function formatBytes(n: number, locale = displayLocale()): string {
  let i = 0;
  let v = n;
  while (v >= 1024 && i < BYTE_UNITS.length - 1) {
    v /= 1024;
    i++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: BYTE_UNITS[i], unitDisplay: i ? 'short' : 'long', maximumFractionDigits: i ? 1 : 0 }).format(v);
}
