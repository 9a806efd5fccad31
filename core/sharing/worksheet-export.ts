import fs from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import { formulaSafe } from '../csv-safe.js';
import type { Worksheet } from './worksheet.js';
import { worksheetFacts, worksheetTables } from './worksheet-cells.js';

export type Format = 'csv' | 'xlsx' | 'pdf';

interface Meta { generatedAt: string; generatedBy: string; paper: 'a4' | 'letter' }

/** Lines starting with "#" carry the facts and the table titles, as the tracing schedule's CSV does. */
function writeCsv(w: Worksheet, file: string, m: Meta): void {
  const records: string[][] = [['# Equitable-sharing worksheet']];
  for (const [k, v] of worksheetFacts(w, m.generatedAt, m.generatedBy)) records.push([`# ${k}`, v]);
  for (const t of worksheetTables(w)) {
    records.push([`# ${t.title}`]);
    records.push(t.headings, ...t.rows);
  }
  fs.writeFileSync(file, stringify(records, { cast: { string: formulaSafe } }));
}

async function writeXlsx(w: Worksheet, file: string, m: Meta): Promise<void> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Proceeds';
  const about = book.addWorksheet('About');
  for (const [k, v] of worksheetFacts(w, m.generatedAt, m.generatedBy)) about.addRow([k, formulaSafe(v)]);
  about.getColumn(1).font = { bold: true };
  about.getColumn(2).width = 100;
  for (const [i, t] of worksheetTables(w).entries()) {
    const ws = book.addWorksheet(i === 0 ? 'Factors' : 'Deadlines');
    ws.addRow(t.headings).font = { bold: true };
    for (const r of t.rows) ws.addRow(r.map(formulaSafe));
    t.headings.forEach((h, j) => (ws.getColumn(j + 1).width = Math.min(40, Math.max(12, h.length + 2))));
  }
  await book.xlsx.writeFile(file);
}

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const BOLD = '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf';

/** Landscape, one block per agency (the factors are prose, too wide for a table row), then the deadlines table. */
function writePdf(w: Worksheet, file: string, m: Meta): Promise<void> {
  const doc = new PDFDocument({ size: m.paper === 'letter' ? 'LETTER' : 'A4', layout: 'landscape', margin: 40, info: { Title: `Equitable-sharing worksheet ${w.caseNumber}`, Author: m.generatedBy, Creator: 'Proceeds' } });
  const done = new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(file);
    out.on('finish', resolve).on('error', reject);
    doc.on('error', reject);
    doc.pipe(out);
  });
  const body = fs.existsSync(FONT) ? (doc.registerFont('body', FONT), 'body') : 'Helvetica';
  const bold = fs.existsSync(BOLD) ? (doc.registerFont('bold', BOLD), 'bold') : 'Helvetica-Bold';
  doc.font(bold).fontSize(14).text('Equitable-sharing worksheet');
  doc.fontSize(9);
  for (const [k, v] of worksheetFacts(w, m.generatedAt, m.generatedBy)) doc.font(bold).text(`${k}: `, { continued: true }).font(body).text(v);
  const [factors, deadlines] = worksheetTables(w);
  doc.moveDown().font(bold).fontSize(11).text(factors.title).fontSize(9);
  for (const r of factors.rows) {
    doc.moveDown(0.4).font(bold).text(`${r[0]} (${r[1]}), ${r[2]}`);
    factors.headings.slice(3).forEach((h, j) => r[j + 3] && doc.font(body).text(`${h}: ${r[j + 3]}`, { indent: 12 }));
  }
  doc.moveDown().font(bold).fontSize(11).text(deadlines.title).fontSize(9);
  if (!deadlines.rows.length) doc.font(body).text('No forfeiture order yet: nothing is due.');
  for (const r of deadlines.rows) doc.font(body).text(deadlines.headings.map((h, j) => `${h}: ${r[j] || '-'}`).join('   '));
  doc.end();
  return done;
}

export async function writeWorksheet(w: Worksheet, format: Format, file: string, m: Meta): Promise<void> {
  if (format === 'csv') writeCsv(w, file, m);
  else if (format === 'xlsx') await writeXlsx(w, file, m);
  else await writePdf(w, file, m);
}
