import fs from 'node:fs';
import type { CustodyReportData } from './report-data.js';
import { checkpointLine, eventSummary, readableTime } from './report-data.js';
import { gapsLine, unbrokenLine, wordsOf } from './report-strings.js';

const RED = '#b00020';
const GREEN = '#1b7a3a';

/** Writes the custody report as a PDF (A4 landscape, the standard Helvetica fonts) and resolves when it is on disk. */
export async function writeCustodyPdf(d: CustodyReportData, file: string): Promise<void> {
  // Loaded when a report is asked for: pdfkit and its fonts cost every other command's start-up.
  const { default: PDFDocument } = await import('pdfkit');
  const doc = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: 40,
    info: { Title: d.title, Author: d.generatedBy, Subject: `${wordsOf(d.lang).labels.case} ${d.caseNumber}`, Creator: 'Proceeds' },
  });
  const done = new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(file);
    out.on('finish', resolve).on('error', reject);
    doc.on('error', reject);
    doc.pipe(out);
  });

  doc.font('Helvetica-Bold').fontSize(16).text(d.title);
  doc.moveDown(0.3).font('Helvetica').fontSize(10);
  const a = d.asset;
  const w = wordsOf(d.lang);
  const l = w.labels;
  const facts: [string, string][] = [
    [l.case, `${d.caseNumber}: ${d.caseTitle}`],
    [l.asset, `${w.types[a.type] ?? a.type}, ${a.id}`],
    [l.status, w.statuses[a.status] ?? a.status],
    [l.seized, [a.seizedOn, a.seizedPlace, a.seizingAgency && w.by(a.seizingAgency)].filter(Boolean).join(', ')],
    [l.authority, a.legalAuthority || '-'],
    // pdfkit's standard fonts have no narrow no-break space: the group separator of fr-CA becomes a no-break space
    [l.valueSeized, a.valueSeized.replace(/\u202f/g, '\u00a0')],
  ];
  for (const [k, v] of facts) doc.font('Helvetica-Bold').text(`${k}: `, { continued: true }).font('Helvetica').text(v);

  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(12);
  if (d.analysis.unbroken) doc.fillColor(GREEN).text(`${w.unbrokenLead}: ${unbrokenLine(d.lang, d.analysis.effective.length)}`);
  else {
    doc.fillColor(RED).text(gapsLine(d.lang, d.analysis.gaps.length));
    doc.font('Helvetica').fontSize(10);
    for (const g of d.analysis.gaps) doc.text(`- ${g.message}`);
  }
  doc.fillColor('black').moveDown(0.6);

  const gapEvents = new Set(d.analysis.gaps.map((g) => g.eventId).filter(Boolean));
  const header = w.columns.map((text) => ({ text, type: 'TH' as const, font: { src: 'Helvetica-Bold' } }));
  const rows = d.analysis.events.map((e, i) => {
    const corrects = e.correctsEventId ? ` ${w.corrects(d.analysis.events.findIndex((x) => x.id === e.correctsEventId) + 1)}` : '';
    const style = e.superseded ? { textColor: '#888888' } : gapEvents.has(e.id) ? { backgroundColor: '#fde0e0' } : {};
    const cells = [String(i + 1), readableTime(e.occurredAt), eventSummary(e, d.lang) + corrects + (e.superseded ? ` ${w.void}` : ''), [e.location, e.locker].filter(Boolean).join(', '), e.reason, e.witness, e.actor];
    return cells.map((text) => ({ text, ...style }));
  });
  doc.fontSize(9).table({
    columnStyles: [24, 95, '*', 110, 150, 80, 70],
    defaultStyle: { padding: 3 },
    data: [header, ...rows],
  });

  doc.moveDown(1).fontSize(8).fillColor('#555555');
  doc.text(`${w.generated(d.generatedAt, d.generatedBy, d.auditHead.seq, d.auditHead.hash)} ${checkpointLine(d.checkpoint, d.lang)}`);
  doc.text(w.voidNote);
  doc.end();
  return done;
}
