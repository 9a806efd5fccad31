import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import { formulaSafe } from '../csv-safe.js';
import { formatMinor } from '../money.js';
import type { Schedule } from './schedule.js';
import { headerFacts, rowCells, rowHeadings, summaryTables, type Cell } from './schedule-cells.js';

/** Money as exact decimal text in major units: a CSV has no number type to lose digits to. */
const plain = (c: Cell): string => (c === null ? '' : 'text' in c ? c.text : formatMinor(c.minor, c.currency));

/**
 * The schedule as one CSV: lines starting with "#" state the header and the summary (readers such
 * as pandas skip them with comment='#'), then one table of every row with its account in front.
 * Streamed: a large trace never sits in memory as text. Cells never start a formula (csv-safe.ts).
 */
export async function writeScheduleCsv(s: Schedule, file: string): Promise<void> {
  const records = Readable.from(
    (function* () {
      yield ['# Tracing schedule'];
      for (const [k, v] of headerFacts(s)) yield [`# ${k}`, v];
      for (const t of summaryTables(s)) {
        yield [`# ${t.title}`, ...t.headings];
        for (const r of t.rows) yield ['#', ...r.map(plain)];
      }
      for (const line of s.conservation) yield ['# Conservation', line.line];
      yield ['Account', 'Holder', 'Currency', ...rowHeadings(s.header.labels)];
      for (const a of s.accounts) for (const r of a.rows) yield [a.identifier, a.holderName, a.currency, ...rowCells(a, r).map(plain)];
    })(),
  );
  await pipeline(records, stringify({ cast: { string: formulaSafe } }), fs.createWriteStream(file));
}
