import { minorDigits } from '../../../core/money';

const locale = () => navigator.language || 'en-US';

/** Minor units -> the user's locale, exactly (the division is on a decimal string, not a float sum). */
export function formatMoney(minor: number | null | undefined, currency: string): string {
  if (minor === null || minor === undefined) return '';
  const digits = minorDigits(currency) ?? 2;
  const neg = minor < 0;
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
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

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(iso);
  const d = new Date(dateOnly ? iso + 'T00:00:00Z' : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return dateOnly
    ? new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeZone: 'UTC' }).format(d)
    : new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function formatCount(n: number): string {
  return new Intl.NumberFormat(locale()).format(n);
}
