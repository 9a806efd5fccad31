/**
 * Reads a date as a person types it: ISO (2024-03-01, always accepted, with or without a time and
 * offset, handed on unchanged for core/time.ts to check) or the numeric order of the user's locale
 * (01/03/2024 in es-MX, pt-BR and fr-CA... day first; 03/01/2024 in en-US: month first; separators
 * "/", ".", "-" or a space). The year is written in full, so 01/03/24 is refused rather than guessed.
 * Pure; returns the ISO date the contract takes.
 */
export type DateInputResult =
  | { kind: 'ok'; iso: string }
  | { kind: 'error'; code: 'empty' | 'notADate' | 'noSuchDay' | 'shortYear'; params: Record<string, string>; message: string };

export type DateOrder = 'dmy' | 'mdy' | 'ymd';

/** The order of day, month and year in the locale's numeric dates. */
export function localeDateOrder(locale: string): DateOrder {
  const parts = new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' })
    .formatToParts(new Date(Date.UTC(2024, 10, 23)))
    .filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year')
    .map((p) => p.type[0])
    .join('');
  return parts === 'mdy' || parts === 'ymd' ? parts : 'dmy';
}

/** The pattern shown to the user for their locale: "DD/MM/YYYY", "MM/DD/YYYY" or "YYYY-MM-DD". */
export function localeDatePattern(locale: string): string {
  const order = localeDateOrder(locale);
  return order === 'mdy' ? 'MM/DD/YYYY' : order === 'ymd' ? 'YYYY-MM-DD' : 'DD/MM/YYYY';
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function readDate(text: string, locale = 'en-US'): DateInputResult {
  const s = text.trim();
  const pattern = localeDatePattern(locale);
  if (s === '') return { kind: 'error', code: 'empty', params: {}, message: 'date is empty' };
  const bad = (): DateInputResult => ({ kind: 'error', code: 'notADate', params: { text, pattern }, message: `"${text}" is not a date: write it as ${pattern} or YYYY-MM-DD` });
  let y: string, m: string, d: string;
  const iso = /^(\d{4})-(\d{2})-(\d{2})(T.*)?$/.exec(s);
  if (iso) {
    [, y, m, d] = iso as unknown as [string, string, string, string];
    if (iso[4]) return check(y, m, d, text) ?? { kind: 'ok', iso: s };
  } else {
    const f = /^(\d{1,4})[./\-\s]+(\d{1,2})[./\-\s]+(\d{1,4})$/.exec(s);
    if (!f) return bad();
    const [a, b, c] = [f[1], f[2], f[3]];
    // A locale whose numeric dates are year-first (fr-CA writes 2024-03-01) still reads a
    // day-first entry when the year comes last: 01/03/2024 is how Quebec writes by hand.
    const localeOrder = localeDateOrder(locale);
    const order = a.length === 4 ? 'ymd' : localeOrder === 'ymd' ? 'dmy' : localeOrder;
    if (order === 'ymd') [y, m, d] = [a, b, c];
    else if (order === 'mdy') [m, d, y] = [a, b, c];
    else [d, m, y] = [a, b, c];
    if (y.length !== 4) return { kind: 'error', code: 'shortYear', params: { text, pattern }, message: `"${text}": write the year in full (${pattern})` };
    if (d.length > 2 || m.length > 2) return bad();
  }
  const problem = check(y, m, d, text);
  if (problem) return problem;
  return { kind: 'ok', iso: `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}` };
}

function check(y: string, m: string, d: string, text: string): DateInputResult | undefined {
  const [yy, mm, dd] = [Number(y), Number(m), Number(d)];
  if (mm < 1 || mm > 12 || dd < 1 || dd > daysIn(yy, mm))
    return { kind: 'error', code: 'noSuchDay', params: { text }, message: `"${text}": there is no such day` };
  return undefined;
}
