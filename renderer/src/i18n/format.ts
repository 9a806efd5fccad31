import { minorDigits } from '../../../core/money';

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

const BOOKED = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A booking date or date-time exactly as the bank booked it: the wall-clock date and time are
 * shown as written (formatted in the user's locale, never moved into the viewer's time zone),
 * and the source's UTC offset is added where it differs from the viewer's at that moment.
 */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = BOOKED.exec(iso);
  if (!m) return iso;
  const [, y, mo, d, hh, mi, ss, zone] = m;
  const wall = new Date(0);
  wall.setUTCFullYear(Number(y), Number(mo) - 1, Number(d));
  if (hh === undefined) return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(wall);
  wall.setUTCHours(Number(hh), Number(mi), Number(ss ?? 0), 0);
  const text = new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: ss && ss !== '00' ? 'medium' : 'short', timeZone: 'UTC' }).format(wall);
  if (zone === undefined) return text;
  const offset = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(-2)));
  const instant = new Date(wall.getTime() - offset * 60_000);
  const viewer = -instant.getTimezoneOffset();
  return viewer === offset ? text : `${text} ${offsetLabel(offset)}`;
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
