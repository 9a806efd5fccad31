import fs from 'node:fs';
import { groupThousands } from '../money-format.js';
import { formatMinor } from '../money.js';
import type { Schedule } from './schedule.js';
import { headerFacts, rowCells, rowHeadings, shareText, summaryTables, type Cell } from './schedule-cells.js';
import { numericFastPath } from './pdf-digits.js';

export type Paper = 'a4' | 'letter';

/**
 * Fonts with the glyphs of the names a case holds (accents, Arabic, Chinese): the standard PDF
 * fonts cover Latin-1 only. Debian's fonts-dejavu-core and fonts-droid-fallback (.ci/run installs
 * both); without them the report falls back to Helvetica and says so on its first page.
 */
const FONT_FILES = {
  regular: ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf'],
  bold: ['/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'],
  cjk: ['/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf', '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc'],
};
const firstFile = (list: string[]) => list.find((f) => fs.existsSync(f));

/** Han, kana, hangul and CJK punctuation: DejaVu has none of them (and the CJK font has no Latin). */
const CJK = /[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]/;
const CJK_RUNS = /([\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef]+)/;

const FONT_SIZE = 7;
const LINE = 9.5;
const MARGIN = 36;

interface Col {
  heading: string;
  width: number;
  right: boolean;
}

/** A cell as printed: money grouped with its decimals (exact), text as given. */
const printed = (c: Cell): string => (c === null ? '' : 'text' in c ? c.text : groupThousands(formatMinor(c.minor, c.currency)));

/**
 * The schedule as a PDF: A4 or Letter landscape, a summary first, then each account's rows; every
 * page has a running header (case, method, account) and "Page x of y". Rows are one line each
 * (long text is cut with an ellipsis; the XLSX and CSV carry it whole), except the sources of a
 * tainted debit, one line per source.
 */
export async function writeSchedulePdf(s: Schedule, file: string, paper: Paper = 'a4'): Promise<void> {
  // Loaded on first use: pdfkit decompresses its fonts as it loads, a cost no other command should pay.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: paper === 'letter' ? 'LETTER' : 'A4',
    layout: 'landscape',
    margins: { top: MARGIN + 18, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: false,
    info: { Title: `Tracing schedule ${s.header.caseNumber}`, Author: s.header.generatedBy, Subject: `Method ${s.header.method}`, Creator: 'Proceeds' },
  });
  const done = new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(file);
    out.on('finish', resolve).on('error', reject);
    doc.on('error', reject);
    doc.pipe(out);
  });

  const files = { regular: firstFile(FONT_FILES.regular), bold: firstFile(FONT_FILES.bold), cjk: firstFile(FONT_FILES.cjk) };
  if (files.regular) doc.registerFont('body', files.regular);
  if (files.bold) doc.registerFont('bold', files.bold);
  if (files.cjk) doc.registerFont('cjk', files.cjk);
  const body = files.regular ? 'body' : 'Helvetica';
  const bold = files.bold ? 'bold' : 'Helvetica-Bold';
  // The embedded fonts lay out amounts and dates from their characters' glyphs (pdf-digits.ts).
  for (const f of [body, bold]) numericFastPath((doc.font(f) as unknown as { _font: unknown })._font);
  const fontFor = (t: string, b = false) => (files.cjk && CJK.test(t) ? 'cjk' : b ? bold : body);
  /** Text split into runs of one font each: CJK in the CJK font, the rest in the body font. */
  const runs = (t: string, b = false): [string, string][] =>
    files.cjk && CJK.test(t) ? t.split(CJK_RUNS).filter(Boolean).map((r) => [r, fontFor(r, b)]) : [[t, b ? bold : body]];
  /** Flowing text (header facts) that may mix scripts. */
  const flow = (t: string, b = false, last = true) => {
    const rs = runs(t, b);
    rs.forEach(([r, f], i) => doc.font(f).text(r, { continued: !last || i < rs.length - 1, width: width() }));
  };

  const pageHeads: string[] = [];
  let head = '';
  const newPage = () => {
    doc.addPage();
    pageHeads.push(head);
    return doc.page.margins.top;
  };
  const bottom = () => doc.page.height - doc.page.margins.bottom;
  const width = () => doc.page.width - MARGIN * 2;

  /** One line of text cut to `w` points (an estimate per character: no measuring per cell, so 100,000 rows stay quick). */
  const cell = (t: string, x: number, y: number, w: number, right = false, b = false) => {
    if (!t) return;
    const max = Math.max(1, Math.floor(w / (FONT_SIZE * 0.58)));
    const shown = t.length > max ? t.slice(0, max - 1) + '…' : t;
    const rs = runs(shown, b);
    if (rs.length === 1) {
      // No width given: pdfkit then places the text as one fragment, where a width makes it build a
      // line wrapper per cell, which measures every word again. Right-aligned text is placed
      // by its measured width (the font caches the layout, which the fragment then reuses).
      doc.font(rs[0][1]);
      // textWidth given: pdfkit would otherwise measure every fragment again (for underlines and links).
      const textWidth = right ? doc.widthOfString(shown) : 0;
      const options = { lineBreak: false, textWidth, wordCount: 1 };
      doc.text(shown, right ? x + w - textWidth : x, y, options);
      return;
    }
    let cx = x;
    for (const [r, f] of rs) {
      doc.font(f).text(r, cx, y, { lineBreak: false });
      cx += doc.widthOfString(r);
    }
  };

  let y = 0;
  const ensure = (h: number, repeat?: () => void) => {
    if (y + h > bottom()) {
      y = newPage();
      repeat?.();
    }
  };

  const table = (cols: Col[], rows: Cell[][], extra?: (i: number) => string[]) => {
    const drawHead = () => {
      let x = MARGIN;
      for (const c of cols) {
        doc.font(bold).text(c.heading, x, y, { width: c.width - 3, align: c.right ? 'right' : 'left', height: LINE * 2, ellipsis: true });
        x += c.width;
      }
      y += LINE * 2;
      doc.moveTo(MARGIN, y - 1.5).lineTo(MARGIN + width(), y - 1.5).lineWidth(0.4).stroke();
    };
    ensure(LINE * 3);
    drawHead();
    rows.forEach((r, i) => {
      const more = extra?.(i) ?? [];
      ensure(LINE * (1 + more.length), drawHead);
      let x = MARGIN;
      r.forEach((c, j) => {
        cell(printed(c), x, y, cols[j].width - 3, cols[j].right);
        x += cols[j].width;
      });
      y += LINE;
      for (const m of more) {
        cell(m, MARGIN + 60, y, width() - 60);
        y += LINE;
      }
    });
  };

  /** Columns sized to the page: money columns fixed, text columns share the rest. */
  const columns = (headings: string[], money: boolean[], grow: Record<string, number> = {}): Col[] => {
    const fixed = headings.reduce((n, h, i) => n + (money[i] ? 62 : 0), 0);
    const weights = headings.map((h, i) => (money[i] ? 0 : grow[h] ?? 1));
    const total = weights.reduce((a, b) => a + b, 0) || 1;
    return headings.map((h, i) => ({ heading: h, right: money[i], width: money[i] ? 62 : ((width() - fixed) * weights[i]) / total }));
  };
  const isMoney = (rows: Cell[][], n: number) => Array.from({ length: n }, (_, j) => rows.some((r) => r[j] !== null && r[j] !== undefined && 'minor' in r[j]));

  // Summary.
  head = `Tracing schedule, case ${s.header.caseNumber}, method ${s.header.method}: summary`;
  y = newPage();
  doc.fontSize(14).font(bold).text('Tracing schedule', MARGIN, y);
  y = doc.y + 4;
  doc.fontSize(FONT_SIZE + 1);
  for (const [k, v] of headerFacts(s)) {
    ensure(LINE * 2);
    doc.font(bold).text(`${k}: `, MARGIN, y, { continued: true, width: width() });
    flow(v);
    y = doc.y + 1;
  }
  if (!files.regular) {
    doc.font(body).text('Note: Unicode fonts were not found; names outside Latin-1 may not print.', MARGIN, y);
    y = doc.y + 1;
  }
  doc.fontSize(FONT_SIZE);
  for (const t of summaryTables(s)) {
    y += LINE * 0.6;
    ensure(LINE * 3);
    cell(t.title, MARGIN, y, width(), false, true);
    y += LINE * 1.2;
    if (t.rows.length === 0) {
      cell('none', MARGIN, y, width());
      y += LINE;
      continue;
    }
    table(columns(t.headings, isMoney(t.rows, t.headings.length), { 'Sources of the taint': 6, 'Asset id': 2, 'Transaction id': 2 }), t.rows);
  }
  y += LINE * 0.6;
  for (const c of s.conservation) {
    ensure(LINE);
    cell(c.line, MARGIN, y, width(), false, true);
    y += LINE;
  }

  // One section per account; sources of a debit's taint on lines of their own under it.
  const headings = rowHeadings(s.header.labels).filter((h) => h !== 'Sources of the taint' && h !== 'Transaction id' && h !== 'Memo');
  const drop = new Set(['Sources of the taint', 'Transaction id', 'Memo'].map((h) => rowHeadings(s.header.labels).indexOf(h)));
  for (const a of s.accounts) {
    head = `Tracing schedule, case ${s.header.caseNumber}, method ${s.header.method}: ${a.identifier} ${a.holderName} (${a.currency})`;
    y = newPage();
    doc.fontSize(10);
    cell(`${a.identifier}  ${a.holderName}  (${a.currency})`, MARGIN, y, width(), false, true);
    y += LINE * 1.6;
    doc.fontSize(FONT_SIZE);
    const rows = a.rows.map((r) => rowCells(a, r).filter((_, j) => !drop.has(j)));
    const cols = columns(headings, isMoney(rows, headings.length).map((m, j) => m || /^(Debit|Credit|Balance|Clean|Tainted|Taint moved|Overdraft)/.test(headings[j])), {
      Counterparty: 2,
      Reference: 1.4,
      Date: 1.4,
    });
    table(cols, rows, (i) => a.rows[i].provenance.map((p) => `from ${shareText(p, a.currency)}`));
  }
  if (pageHeads.length === 0) newPage();

  // Running headers and "Page x of y", now that the number of pages is known.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const { height } = doc.page;
    const saved = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.fontSize(7).fillColor('#444444');
    cell(pageHeads[i - range.start] ?? '', MARGIN, MARGIN - 4, width() - 80);
    cell(`Page ${i - range.start + 1} of ${range.count}`, MARGIN + width() - 80, MARGIN - 4, 80, true);
    cell(`Data version ${s.header.dataVersion}. ${s.header.checkpoint}`, MARGIN, height - MARGIN, width());
    doc.page.margins.bottom = saved;
    doc.fillColor('black');
  }
  doc.end();
  return done;
}
