import type { ImportFormat } from './schemas.js';
import { DELIMITERS } from './schemas.js';
import { csvSample, type CsvRecord } from './csv-source.js';

/** The ledger CSV's required columns (the investigator's own spreadsheet). */
export const LEDGER_COLUMNS = ['date', 'from_account', 'to_account', 'amount', 'currency'] as const;

const norm = (s: string) => s.trim().toLowerCase().replace(/^\ufeff/, '');

/** Tells the format from the first bytes of the text; CSV when nothing else matches. */
export function sniffFormat(head: string): ImportFormat {
  // eslint-disable-next-line no-control-regex -- some exports start with SOH (\u0001), skipped like whitespace
  const start = head.replace(/^[\s\u0001]+/, '').slice(0, 4000);
  if (/^OFXHEADER\s*:/i.test(start) || /<\?OFX\b/i.test(start) || /^<OFX>/i.test(start)) return 'ofx';
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<report[\s>]/i.test(start) && /<(rentity_id|submission_code|report_code)>/.test(head)) return 'goaml';
  if (/^<\?xml/i.test(start) || /^<Document\b/.test(start)) {
    if (/camt\.05[234]|BkToCstmr/.test(head)) return 'camt053';
    if (/<OFX>/i.test(head)) return 'ofx';
  }
  if (/^:20:/m.test(start) && /^:(25|60[FM]|61):/m.test(head)) return 'mt940';
  const firstLine = start.split('\n', 1)[0];
  for (const d of DELIMITERS) {
    const cols = firstLine.split(d).map((c) => norm(c.replace(/^"|"$/g, '')));
    if (LEDGER_COLUMNS.every((c) => cols.includes(c))) return 'ledger';
  }
  return 'csv';
}

export interface Dialect {
  delimiter: (typeof DELIMITERS)[number];
  /** Most common number of fields in a record. */
  width: number;
  records: CsvRecord[];
}

/**
 * Picks the delimiter under which the most records share one field count (more than one field):
 * a preamble such as "Account details for:,..." does not fool it, the rows below do.
 */
export function detectDialect(text: string, forced?: Dialect['delimiter']): Dialect {
  let best: Dialect & { score: number } = { delimiter: forced ?? ',', width: 1, records: [], score: -1 };
  for (const delimiter of forced ? [forced] : DELIMITERS) {
    const records = csvSample(text, delimiter);
    const byWidth = new Map<number, number>();
    for (const r of records) byWidth.set(r.fields.length, (byWidth.get(r.fields.length) ?? 0) + 1);
    let width = 1;
    let count = 0;
    for (const [w, n] of byWidth) if (w > 1 && (n > count || (n === count && w > width))) [width, count] = [w, n];
    const score = width > 1 ? count * 1000 + width : 0;
    if (score > best.score) best = { delimiter, width, records, score };
  }
  return { delimiter: best.delimiter, width: best.width, records: best.records };
}

/** True when a record looks like data (a date or an amount in it) rather than a header. */
export function looksLikeData(fields: string[], isDate: (s: string) => boolean, isAmount: (s: string) => boolean): boolean {
  return fields.some((f) => f.trim() !== '' && (isDate(f) || isAmount(f)));
}

/**
 * The header is the first record as wide as the data rows (preamble lines above it are narrower),
 * unless that record already holds data: then the file has no header (headerLine 0).
 */
export function detectHeaderLine(d: Dialect, isDate: (s: string) => boolean, isAmount: (s: string) => boolean): number {
  const first = d.records.find((r) => r.fields.length >= d.width);
  if (!first) return 0;
  return looksLikeData(first.fields, isDate, isAmount) ? 0 : first.line;
}
