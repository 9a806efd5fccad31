import type { CustodyReportData } from './report-data.js';
import { checkpointLine, eventSummary, readableTime } from './report-data.js';
import { gapsLine, unbrokenLine, wordsOf } from './report-strings.js';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const STYLE = `
  body { font: 11pt/1.4 system-ui, sans-serif; margin: 2em; color: #111; }
  h1 { font-size: 16pt; margin: 0 0 .2em; } h2 { font-size: 12pt; margin: 1.2em 0 .4em; }
  table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: 4px 6px; text-align: left; vertical-align: top; }
  th { background: #eee; } .void td { color: #888; text-decoration: line-through; }
  .ok { border: 2px solid #2a7; padding: .5em; } .gaps { border: 2px solid #c22; padding: .5em; }
  .gap-row td { background: #fdd; } dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 1em; }
  dt { font-weight: 600; } footer { margin-top: 2em; font-size: 9pt; color: #555; word-break: break-all; }
  @media print { body { margin: 0; } }`;

/** A self-contained printable page in the report's language: no scripts, no external resources, every value escaped. */
export function custodyReportHtml(d: CustodyReportData): string {
  const w = wordsOf(d.lang);
  const gapEvents = new Set(d.analysis.gaps.map((g) => g.eventId).filter(Boolean));
  const verdict = d.analysis.unbroken
    ? `<p class="ok"><strong>${esc(w.unbrokenLead)}</strong>: ${esc(unbrokenLine(d.lang, d.analysis.effective.length))}</p>`
    : `<div class="gaps"><strong>${esc(gapsLine(d.lang, d.analysis.gaps.length))}</strong><ul>${d.analysis.gaps
        .map((g) => `<li>${esc(g.message)}</li>`)
        .join('')}</ul></div>`;
  const rows = d.analysis.events
    .map((e, i) => {
      const cls = [e.superseded ? 'void' : '', gapEvents.has(e.id) ? 'gap-row' : ''].filter(Boolean).join(' ');
      const note = e.correctsEventId ? ` ${w.corrects(d.analysis.events.findIndex((x) => x.id === e.correctsEventId) + 1)}` : '';
      return `<tr class="${cls}"><td>${i + 1}</td><td>${esc(readableTime(e.occurredAt))}</td><td>${esc(eventSummary(e, d.lang))}${esc(note)}</td>
        <td>${esc([e.location, e.locker].filter(Boolean).join(', '))}</td><td>${esc(e.reason)}</td><td>${esc(e.witness)}</td><td>${esc(e.actor)}</td></tr>`;
    })
    .join('\n');
  const a = d.asset;
  const l = w.labels;
  return `<!doctype html><html lang="${d.lang}"><head><meta charset="utf-8"><title>${esc(d.title)}</title><style>${STYLE}</style></head><body>
<h1>${esc(d.title)}</h1>
<dl><dt>${esc(l.case)}</dt><dd>${esc(d.caseNumber)}: ${esc(d.caseTitle)}</dd><dt>${esc(l.asset)}</dt><dd>${esc(w.types[a.type] ?? a.type)}, ${esc(a.id)}</dd>
<dt>${esc(l.status)}</dt><dd>${esc(w.statuses[a.status] ?? a.status)}</dd><dt>${esc(l.seized)}</dt><dd>${esc(a.seizedOn)}${a.seizedPlace ? ', ' + esc(a.seizedPlace) : ''}${a.seizingAgency ? ', ' + esc(w.by(a.seizingAgency)) : ''}</dd>
<dt>${esc(l.authority)}</dt><dd>${esc(a.legalAuthority)}</dd><dt>${esc(l.valueSeized)}</dt><dd>${esc(a.valueSeized)}</dd></dl>
<h2>${esc(l.verdict)}</h2>${verdict}
<h2>${esc(l.events)}</h2>
<table><thead><tr>${w.columns.map((c) => `<th>${esc(c)}</th>`).join('')}</tr></thead><tbody>
${rows}
</tbody></table>
<footer>${esc(w.generated(d.generatedAt, d.generatedBy, d.auditHead.seq, d.auditHead.hash))} ${esc(checkpointLine(d.checkpoint, d.lang))}
${esc(w.struck)}</footer>
</body></html>`;
}
