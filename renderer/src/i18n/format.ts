import { minorDigits } from '../../../core/money';
import { parseBookedTime } from '../../../core/time';

const locale = () => navigator.language || 'en-US';

/**
 * Minor units (decimal text as the contract carries them, or a bigint) -> the user's locale,
 * exactly: the digits are placed on the decimal string, never through a float.
 */
export function formatMoney(minor: string | bigint | number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined || minor === '') return '';
  const digits = minorDigits(currency) ?? 2;
  const text = String(minor);
  const neg = text.startsWith('-');
  const abs = (neg ? text.slice(1) : text).padStart(digits + 1, '0');
  const whole = digits ? abs.slice(0, -digits) : abs;
  const frac = digits ? abs.slice(-digits) : '';
  const parts = new Intl.NumberFormat(locale(), { style: 'currency', currency: safeCurrency(currency), minimumFractionDigits: digits, maximumFractionDigits: digits }).formatToParts(neg ? -1 : 1);
  const group = new Intl.NumberFormat(locale()).formatToParts(1000).find((p) => p.type === 'group')?.value ?? ',';
  const decimal = parts.find((p) => p.type === 'decimal')?.value ?? '.';
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, group);
  const number = grouped + (digits ? decimal + frac : '');
  let out = '';
  let placed = false;
  for (const p of parts) {
    if (p.type === 'integer' || p.type === 'fraction' || p.type === 'decimal' || p.type === 'group') {
      if (!placed) out += number;
      placed = true;
    } else if (p.type === 'currency') out += safeCurrency(currency) === currency ? p.value : currency;
    else out += p.value;
  }
  return out;
}

function safeCurrency(c: string): string {
  try {
    new Intl.NumberFormat('en', { style: 'currency', currency: c });
    return c;
  } catch {
    return 'XXX';
  }
}

/**
 * A booking date or date-time exactly as the bank booked it (core/time.ts reads it): the wall-clock
 * date and time are shown as written (formatted in the user's locale, never moved into the viewer's
 * time zone), and the source's UTC offset is added where it differs from the viewer's at that moment.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const p = parseBookedTime(iso);
  if (!p.ok) return iso;
  const { booked, hasTime, offsetMinutes } = p.value;
  const wall = new Date(0);
  wall.setUTCFullYear(Number(booked.slice(0, 4)), Number(booked.slice(5, 7)) - 1, Number(booked.slice(8, 10)));
  if (!hasTime) return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(wall);
  const ss = booked.slice(17, 19);
  wall.setUTCHours(Number(booked.slice(11, 13)), Number(booked.slice(14, 16)), Number(ss), 0);
  const text = new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: ss !== '00' ? 'medium' : 'short', timeZone: 'UTC' }).format(wall);
  if (offsetMinutes === null) return text;
  const viewer = -new Date(wall.getTime() - offsetMinutes * 60_000).getTimezoneOffset();
  return viewer === offsetMinutes ? text : `${text} ${offsetLabel(offsetMinutes)}`;
}

/** "UTC", "UTC−05:00", "UTC+05:30". */
function offsetLabel(minutes: number): string {
  if (minutes === 0) return 'UTC';
  const a = Math.abs(minutes);
  return `UTC${minutes < 0 ? '\u2212' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}

/** Today's date on the user's calendar (YYYY-MM-DD): the default a person expects in a date field. */
export function todayLocal(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
