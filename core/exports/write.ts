import fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { formulaSafe } from '../csv-safe.js';
import { formatMinor } from '../money.js';
import { xlsxValue, sheetNamer } from '../trace/schedule-xlsx.js';
import type { Cell } from '../trace/schedule-cells.js';
import type { TableExport } from './tables.js';

/** Money as exact decimal text in major units: a CSV has no number type to lose digits to. */
const plain = (c: Cell): string => (c === null ? '' : 'text' in c ? c.text : formatMinor(c.minor, c.currency));

/** One table as CSV (UTF-8 with a BOM, so spreadsheets read any script); no cell starts a formula. */
export async function writeTableCsv(table: TableExport, file: string, signal?: AbortSignal): Promise<number> {
  let n = 0;
  const records = Readable.from(
    (function* () {
      yield table.headings;
      for (const r of table.rows) {
        if (signal?.aborted) throw new Error('cancelled');
        n++;
        yield r.map(plain);
      }
    })(),
  );
  await pipeline(records, stringify({ bom: true, cast: { string: formulaSafe } }), fs.createWriteStream(file));
  return n;
}

/**
 * One table as an XLSX sheet, streamed row by row: money as numbers in the currency's format (text
 * when a double would round it), text never starting a formula, the heading row frozen.
 */
export async function writeTableXlsx(table: TableExport, file: string, signal?: AbortSignal): Promise<number> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = 'Proceeds';
  const ws = wb.addWorksheet(sheetNamer()(table.title), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.headings.map((h) => ({ width: /id$/.test(h) ? 38 : Math.max(12, Math.min(40, h.length + 4)) }));
  const head = ws.addRow(table.headings.map(formulaSafe));
  head.font = { bold: true };
  head.commit();
  let n = 0;
  for (const cells of table.rows) {
    if (signal?.aborted) throw new Error('cancelled');
    const row = ws.addRow(cells.map((c) => xlsxValue(c).value));
    cells.forEach((c, i) => {
      const f = xlsxValue(c).numFmt;
      if (f) row.getCell(i + 1).numFmt = f;
    });
    row.commit();
    n++;
  }
  ws.commit();
  await wb.commit();
  return n;
}
