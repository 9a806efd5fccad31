import { groupThousands } from '../money-format.js';
import { formatMinor } from '../money.js';
import type { Worksheet, WorksheetLine } from './worksheet.js';

/** The worksheet as plain tables, one source for the CSV, the XLSX and the PDF: they cannot disagree. */
export interface Table { title: string; headings: string[]; rows: string[][] }

const money = (minor: string, currency: string) => `${groupThousands(formatMinor(minor, currency))} ${currency}`;
const shares = (l: WorksheetLine, k: 'recordedMinor' | 'projectedMinor') => l.shares.map((s) => money(s[k], s.currency)).join('; ');
const pct = (bps: number | null) => (bps === null ? '' : `${bps / 100}%`);

export function worksheetFacts(w: Worksheet, generatedAt: string, generatedBy: string): [string, string][] {
  return [
    ['Case', `${w.caseNumber} ${w.caseTitle}`],
    ['Sharing policy', w.policyText],
    ['Generated', `${generatedAt} by ${generatedBy}`],
    ['Note', 'Recorded shares were decided and recorded; projected shares are what the current policy would give, not a decision.'],
  ];
}

export function worksheetTables(w: Worksheet): Table[] {
  return [
    {
      title: 'Contribution factors (DAG-71)',
      headings: ['Agency', 'Code', 'Role', 'Work hours', 'Originated the information', 'Unique or significant assistance', 'Foreign assets / international assistance', 'Other', 'Requested share', 'Submitted on', 'Recorded share', 'Projected share'],
      rows: w.lines.map((l) => [
        l.name, l.code, l.role, String(l.workHours), l.originatedInformation ? 'yes' : 'no', l.uniqueAssistance, l.foreignAssistance, l.other,
        pct(l.requestedShareBps), l.submittedOn ?? '', shares(l, 'recordedMinor'), shares(l, 'projectedMinor'),
      ]),
    },
    {
      title: 'Deadlines (DAG-71 due 45 days after the forfeiture order)',
      headings: ['Agency', 'Order', 'Forfeited on', 'Assets', 'Due on', 'State', 'Submitted on'],
      rows: w.deadlines.map((d) => [`${d.agencyName} (${d.agencyCode})`, d.orderReference, d.forfeitedOn, String(d.assets), d.dueOn, d.state, d.submittedOn ?? '']),
    },
  ];
}
