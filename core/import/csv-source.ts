import { parse, type Parser } from 'csv-parse';
import { parse as parseSync } from 'csv-parse/sync';
import fs from 'node:fs';
import { newlineNormaliser, textDecoder } from './text.js';
import { invalid } from '../errors.js';

/** One CSV record with where it sits in the file: line as an editor shows it (first line is 1). */
export interface CsvRecord {
  fields: string[];
  line: number;
  /** The record's text as it was in the file (without its line end). */
  raw: string;
}

/**
 * The longest record accepted, in characters. A ledger header, one row and then gigabytes without
 * a line end (NUL bytes, a binary tail) once grew memory to 4 GB with the write lock held.
 */
export const MAX_RECORD_CHARS = 1 << 20;

const parserOptions = (delimiter: string) => ({
  delimiter,
  max_record_size: MAX_RECORD_CHARS,
  record_delimiter: '\n',
  relax_column_count: true,
  // Banks write stray quotes ("NL77...","EUR" with the opening quote missing): read them literally.
  relax_quotes: true,
  skip_empty_lines: true,
  raw: true,
  bom: true,
});

/** Counts LF in s: the number of extra lines a multi-line record spans. */
function countNewlines(s: string, from = 0, to = s.length): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i !== -1 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Tracks line numbers across records. csv-parse's raw text of a record starts with the empty lines
 * skipped before it and ends with its own line end; the record's first line follows those.
 */
export class LineCounter {
  private next = 1;
  locate(rawWithBreaks: string): { line: number; raw: string } {
    let start = 0;
    while (rawWithBreaks.charCodeAt(start) === 10) start++;
    let end = rawWithBreaks.length;
    if (rawWithBreaks.charCodeAt(end - 1) === 10) end--;
    const line = this.next + start;
    // Fast path: a one-line record has no LF between start and end.
    const inner = rawWithBreaks.indexOf('\n', start);
    const spans = inner === -1 || inner >= end ? 0 : countNewlines(rawWithBreaks, start, end);
    this.next = line + spans + 1;
    return { line, raw: rawWithBreaks.slice(start, end) };
  }
}

export interface CsvFile {
  batches: AsyncGenerator<CsvRecord[]>;
  /** Bytes of the file read so far, for progress. */
  bytesRead(): number;
}

const CHUNK = 1 << 20;

/**
 * Streams a CSV file's records in batches, a megabyte of the file at a time, so memory stays flat
 * whatever the file's size. The parser is driven by hand (write a chunk, read what it has) rather
 * than through pipes: one await per chunk instead of one per handful of records.
 */
export function csvFile(file: string, encoding: string, delimiter: string): CsvFile {
  let position = 0;
  async function* batches(): AsyncGenerator<CsvRecord[]> {
    const fh = await fs.promises.open(file, 'r');
    const decoder = textDecoder(encoding);
    const newlines = newlineNormaliser();
    const parser: Parser = parse(parserOptions(delimiter));
    const lines = new LineCounter();
    let failure: Error | undefined;
    parser.on('error', (e: Error & { code?: string; lines?: number }) => {
      failure =
        e.code === 'CSV_MAX_RECORD_SIZE'
          ? invalid('file', `line ${e.lines ?? '?'}: a record longer than ${MAX_RECORD_CHARS} characters (damaged or binary data?): nothing was imported`)
          : e;
    });
    const buf = Buffer.allocUnsafe(CHUNK);
    let endsWithNewline = true;
    const drain = () => {
      const batch: CsvRecord[] = [];
      let r: { record: string[]; raw: string } | null;
      while ((r = parser.read() as typeof r) !== null) {
        const at = lines.locate(r.raw);
        batch.push({ fields: r.record, line: at.line, raw: at.raw });
      }
      if (failure) throw failure;
      return batch;
    };
    try {
      for (;;) {
        const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
        position += bytesRead;
        const last = bytesRead === 0;
        let text = newlines(last ? decoder.end() : decoder.write(buf.subarray(0, bytesRead)), last);
        if (text) endsWithNewline = text.endsWith('\n');
        // A last line without its line end is completed, so the parser hands it over before the end.
        if (last && !endsWithNewline) text += '\n';
        if (text) parser.write(text);
        if (last) {
          const done = new Promise<void>((resolve) => {
            parser.once('finish', resolve);
            parser.once('error', () => resolve());
          });
          parser.end();
          await done;
        }
        const batch = drain();
        if (batch.length) yield batch;
        if (last) return;
      }
    } finally {
      parser.destroy();
      await fh.close();
    }
  }
  return { batches: batches(), bytesRead: () => position };
}

/** Parses a text sample (the head of a file, newlines normalised) into records with their lines. */
export function csvSample(text: string, delimiter: string, maxRecords = 200): CsvRecord[] {
  // Drop the last, possibly cut-off line of the sample.
  const cut = text.lastIndexOf('\n');
  const body = cut > 0 ? text.slice(0, cut + 1) : text;
  let rows: { record: string[]; raw: string }[];
  try {
    rows = parseSync(body, { ...parserOptions(delimiter), to: maxRecords }) as unknown as typeof rows;
  } catch {
    return [];
  }
  const lines = new LineCounter();
  return rows.map((r) => {
    const at = lines.locate(r.raw);
    return { fields: r.record, line: at.line, raw: at.raw };
  });
}
