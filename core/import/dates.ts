import { isIsoDate } from '../dates.js';
import { DATE_FORMATS, type DateFormat } from './schemas.js';

/** Month names and abbreviations of the languages task forces in the Americas meet in bank records. */
const MONTHS: Record<string, number> = {};
const names: [number, string[]][] = [
  [1, ['jan', 'january', 'ene', 'enero', 'janv', 'janvier', 'janeiro', 'januar']],
  [2, ['feb', 'february', 'fev', 'fevereiro', 'febrero', 'fevr', 'fevrier', 'februar']],
  [3, ['mar', 'march', 'marzo', 'marco', 'mars', 'marz', 'maerz', 'mrz']],
  [4, ['apr', 'april', 'abr', 'abril', 'avr', 'avril']],
  [5, ['may', 'mayo', 'mai', 'maio']],
  [6, ['jun', 'june', 'junio', 'juin', 'junho', 'juni']],
  [7, ['jul', 'july', 'julio', 'juil', 'juillet', 'julho', 'juli']],
  [8, ['aug', 'august', 'ago', 'agosto', 'aout', 'aou']],
  [9, ['sep', 'sept', 'september', 'set', 'setembro', 'septiembre', 'septembre']],
  [10, ['oct', 'october', 'octubre', 'octobre', 'out', 'outubro', 'okt', 'oktober']],
  [11, ['nov', 'november', 'noviembre', 'novembre', 'novembro']],
  [12, ['dec', 'december', 'dic', 'diciembre', 'dez', 'dezembro', 'dezember', 'decembre']],
];
for (const [m, list] of names) for (const n of list) MONTHS[n] = m;

function monthNumber(name: string): number | undefined {
  const n = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f.]/g, '')
    .toLowerCase();
  return MONTHS[n] ?? MONTHS[n.slice(0, 3)];
}

interface Compiled {
  re: RegExp;
  order: ('Y' | 'y' | 'M' | 'N' | 'D')[];
}

/** A time after the date: 24-hour or 12-hour ("06:50 PM"), seconds and fraction optional. */
const TIME = '(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?\\s*([AaPp]\\.?[Mm]\\.?)?)?';
/** A compact timestamp after YYYYMMDD: HHMMSS and an OFX-style offset, "20091224120000[0:GMT]". */
const COMPACT_TIME = '(?:(\\d{2})(\\d{2})(\\d{2})?(?:\\.\\d+)?)?(?:\\s*\\[([+-]?\\d{1,2}(?:\\.\\d+)?)(?::[^\\]]*)?\\])?';

function compile(fmt: DateFormat): Compiled {
  const order: Compiled['order'] = [];
  const body = fmt.replace(/YYYY|YY|MMM|MM|DD|[.*+?^${}()|[\]\\/]/g, (tok) => {
    switch (tok) {
      case 'YYYY': order.push('Y'); return '(\\d{4})';
      case 'YY': order.push('y'); return '(\\d{2})';
      case 'MMM': order.push('N'); return '([A-Za-z\\u00c0-\\u017f]{3,9}\\.?)';
      case 'MM': order.push('M'); return fmt === 'YYYYMMDD' ? '(\\d{2})' : '(\\d{1,2})';
      case 'DD': order.push('D'); return fmt === 'YYYYMMDD' ? '(\\d{2})' : '(\\d{1,2})';
      default: return '\\' + tok;
    }
  });
  return { re: new RegExp(`^${body}${fmt === 'YYYYMMDD' ? COMPACT_TIME : TIME}$`), order };
}

const COMPILED = new Map(DATE_FORMATS.map((f) => [f, compile(f)]));

/** POSIX rule for two-digit years: 69-99 are 1969-1999, 00-68 are 2000-2068. */
export const expandYear = (yy: number) => (yy >= 69 ? 1900 + yy : 2000 + yy);

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * Parses a date (optionally followed by a time) in the given layout into ISO form:
 * "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SS". Returns undefined for text that is not a real date.
 */
export function parseDate(text: string, fmt: DateFormat): string | undefined {
  // Rows of one day repeat their date: the last answer is kept (a string, so sharing it is safe).
  if (text === lastDate.text && fmt === lastDate.fmt) return lastDate.iso;
  const iso = parseDateOnce(text, fmt);
  lastDate = { text, fmt, iso };
  return iso;
}
let lastDate: { text: string; fmt: DateFormat | ''; iso: string | undefined } = { text: '', fmt: '', iso: undefined };

function parseDateOnce(text: string, fmt: DateFormat): string | undefined {
  const c = COMPILED.get(fmt)!;
  const m = c.re.exec(text.trim());
  if (!m) return undefined;
  let y = 0;
  let mo = 0;
  let d = 0;
  c.order.forEach((k, i) => {
    const v = m[i + 1];
    if (k === 'Y') y = Number(v);
    else if (k === 'y') y = expandYear(Number(v));
    else if (k === 'M') mo = Number(v);
    else if (k === 'N') mo = monthNumber(v) ?? 0;
    else d = Number(v);
  });
  const iso = `${String(y).padStart(4, '0')}-${pad(mo)}-${pad(d)}`;
  if (!isIsoDate(iso)) return undefined;
  const n = c.order.length;
  const [hh, mm, ss, extra] = [m[n + 1], m[n + 2], m[n + 3], m[n + 4]];
  if (hh === undefined) return iso;
  if (fmt === 'YYYYMMDD') {
    if (Number(hh) > 23 || Number(mm) > 59 || Number(ss ?? 0) > 59) return undefined;
    let out = `${iso}T${hh}:${mm}:${ss ?? '00'}`;
    if (extra !== undefined) {
      const minutes = Math.round(Math.abs(Number(extra)) * 60);
      out += `${Number(extra) < 0 ? '-' : '+'}${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
    }
    return out;
  }
  const h = twelveHour(Number(hh), extra);
  if (h === undefined || Number(mm) > 59 || Number(ss ?? 0) > 59) return undefined;
  return `${iso}T${pad(h)}:${mm}:${ss ?? '00'}`;
}

/** 24-hour clock, or 12-hour with AM/PM: 12:05 AM is 00:05, 12:05 PM is 12:05, 13:00 PM is no time. */
function twelveHour(h: number, meridiem: string | undefined): number | undefined {
  if (!meridiem) return h > 23 ? undefined : h;
  if (h < 1 || h > 12) return undefined;
  const pm = /^p/i.test(meridiem);
  return (h % 12) + (pm ? 12 : 0);
}

/** Combines a date with a separate time column ("14:05", "14:05:09", "1405"). */
export function withTime(isoDate: string, time: string): string | undefined {
  const t = time.trim();
  if (t === '') return isoDate;
  const m = /^(\d{1,2}):?(\d{2})(?::?(\d{2}))?\s*([AaPp]\.?[Mm]\.?)?$/.exec(t);
  const h = m ? twelveHour(Number(m[1]), m[4]) : undefined;
  if (!m || h === undefined || Number(m[2]) > 59 || Number(m[3] ?? 0) > 59) return undefined;
  return `${isoDate.slice(0, 10)}T${pad(h)}:${m[2]}:${m[3] ?? '00'}`;
}

/**
 * The layouts that read the most samples as real dates (a few rows such as "Pending" may read as
 * none); the first is the most likely.
 */
export function candidateDateFormats(samples: string[]): DateFormat[] {
  const values = samples.map((s) => s.trim()).filter(Boolean);
  const counts = DATE_FORMATS.map((f) => values.filter((v) => parseDate(v, f) !== undefined).length);
  const best = Math.max(0, ...counts);
  if (best === 0 || best < values.length / 2) return [];
  return DATE_FORMATS.filter((_f, i) => counts[i] === best);
}

/** Day/month order cannot be told from the samples (every day is 12 or less): the user must say. */
export function isAmbiguous(formats: DateFormat[]): boolean {
  const dayFirst = formats.some((f) => f.startsWith('DD'));
  const monthFirst = formats.some((f) => f.startsWith('MM/') || f.startsWith('MM-'));
  return dayFirst && monthFirst;
}
