import type ExcelJS from 'exceljs';
import { formulaSafe } from '../csv-safe.js';
import { formatMinor, minorDigits } from '../money.js';
import type { Schedule } from './schedule.js';
import { headerFacts, rowCells, rowHeadings, summaryTables, type Cell } from './schedule-cells.js';

/** A spreadsheet number keeps 15 significant digits: beyond that an amount is written as text, exactly. */
const MAX_EXACT_DIGITS = 15;

const numFmts = new Map<string, string>();
/** The currency's number format, made once per currency (a schedule writes it on every money cell). */
const numFmt = (currency: string): string => {
  let f = numFmts.get(currency);
  if (f === undefined) {
    const d = minorDigits(currency) ?? 2;
    numFmts.set(currency, (f = `#,##0${d ? '.' + '0'.repeat(d) : ''} "${currency.replace(/"/g, '')}"`));
  }
  return f;
};

/** True when the amount's decimal digits survive a double (and so a spreadsheet cell) exactly. */
export function exactAsNumber(minor: string): boolean {
  return minor.replace(/^-/, '').replace(/^0+(?=\d)/, '').length <= MAX_EXACT_DIGITS;
}

/** A cell's value: numbers for money that fits, text otherwise; text never starts a formula. */
export function xlsxValue(c: Cell): { value: string | number; numFmt?: string } {
  if (c === null) return { value: '' };
  if ('text' in c) return { value: formulaSafe(c.text) };
  const decimal = formatMinor(c.minor, c.currency);
  if (exactAsNumber(c.minor)) return { value: Number(decimal), numFmt: numFmt(c.currency) };
  return { value: `${decimal} ${c.currency}` };
}

function addRow(ws: ExcelJS.Worksheet, cells: Cell[], bold = false): void {
  const values = cells.map(xlsxValue);
  const row = ws.addRow(values.map((v) => v.value));
  values.forEach((v, i) => {
    if (v.numFmt) row.getCell(i + 1).numFmt = v.numFmt;
  });
  if (bold) row.font = { bold: true };
  row.commit();
}

/** Sheet names: at most 31 characters, none of []:*?/\, unique (case-insensitively). */
export function sheetNamer(): (name: string) => string {
  const used = new Set<string>();
  return (name) => {
    const base = (name.replace(/[[\]:*?/\\]/g, '_').replace(/^'+|'+$/g, '').trim() || 'Account').slice(0, 31);
    let n = base;
    for (let i = 2; used.has(n.toLowerCase()); i++) n = `${base.slice(0, 31 - String(i).length - 1)}~${i}`;
    used.add(n.toLowerCase());
    return n;
  };
}

const NUMBERS_NOTE = `Amounts are numbers in the account's currency; an amount of more than ${MAX_EXACT_DIGITS} digits is text, exactly as computed (a spreadsheet number would round it).`;

/**
 * The schedule as an XLSX workbook: a Summary sheet (header, sources, destinations, assets,
 * closing balances, conservation), then one sheet per account. Written by exceljs's streaming
 * writer, row by row, so a large trace never builds the workbook in memory.
 */
export async function writeScheduleXlsx(s: Schedule, file: string): Promise<void> {
  // Loaded on first use: exceljs costs more to load than the rest of the CLI together.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  wb.creator = 'Proceeds';
  const name = sheetNamer();
  const summary = wb.addWorksheet(name('Summary'));
  summary.columns = [{ width: 34 }, { width: 22 }, { width: 22 }, { width: 22 }, { width: 22 }, { width: 22 }, { width: 22 }, { width: 22 }];
  addRow(summary, [{ text: 'Tracing schedule' }], true);
  for (const [k, v] of headerFacts(s)) addRow(summary, [{ text: k }, { text: v }]);
  addRow(summary, [{ text: 'Numbers' }, { text: NUMBERS_NOTE }]);
  for (const t of summaryTables(s)) {
    addRow(summary, []);
    addRow(summary, [{ text: t.title }], true);
    addRow(summary, t.headings.map((h) => ({ text: h })), true);
    for (const r of t.rows) addRow(summary, r);
  }
  addRow(summary, []);
  for (const c of s.conservation) addRow(summary, [{ text: 'Conservation' }, { text: c.line }]);
  summary.commit();

  const headings = rowHeadings(s.header.labels);
  for (const a of s.accounts) {
    const ws = wb.addWorksheet(name(a.identifier));
    ws.columns = headings.map((h) => ({ width: h === 'Sources of the taint' ? 60 : h === 'Transaction id' ? 38 : 16 }));
    addRow(ws, [{ text: a.identifier }, { text: a.holderName }, { text: a.currency }, { text: `method: ${s.header.method}` }], true);
    addRow(ws, headings.map((h) => ({ text: h })), true);
    for (const r of a.rows) addRow(ws, rowCells(a, r));
    ws.commit();
  }
  await wb.commit();
}
