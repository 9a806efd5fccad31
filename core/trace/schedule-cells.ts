/**
 * The schedule's tables as cells, one definition for CSV, XLSX and PDF so the three files say the
 * same thing. Money cells carry minor units and their currency; each writer decides how to show them
 * (CSV: exact decimal text; XLSX: a number where exactly representable; PDF: grouped decimal text).
 */
import { formatMinor } from '../money.js';
import type { ProvenanceShare, Schedule, ScheduleAccount, ScheduleRow } from './schedule.js';

export type Cell = { text: string } | { minor: string; currency: string } | null;

export const text = (s: string): Cell => ({ text: s });
export const money = (minor: string, currency: string): Cell => (minor === '' ? null : { minor, currency });

export function rowHeadings(labels: string[]): string[] {
  return [
    'Date', 'Reference', 'Counterparty', 'Memo', 'Debit', 'Credit', 'Balance', 'Clean',
    ...labels.map((l) => `Tainted: ${l}`), 'Taint moved', 'Marked as', 'LIBR low point', 'Overdraft (unknown origin)', 'Sources of the taint', 'Transaction id',
  ];
}

/** "S1 fraud 70.00 via A > B > C": one share of a tainted amount and its route. */
export function shareText(s: ProvenanceShare, currency: string): string {
  return `S${s.source} ${s.label} ${formatMinor(s.amountMinor, currency)}${s.hops.length ? ` via ${s.hops.join(' > ')}` : ''}`;
}

export function rowCells(a: ScheduleAccount, r: ScheduleRow): Cell[] {
  const c = a.currency;
  return [
    text(r.occurredAt), text(r.reference), text(r.counterparty), text(r.memo),
    money(r.debitMinor, c), money(r.creditMinor, c), money(r.balanceMinor, c), money(r.cleanMinor, c),
    ...r.taintedByLabel.map((t) => money(t, c)),
    money(r.movedMinor === '0' ? '' : r.movedMinor, c),
    text(r.marked), text(r.lowPoint ? 'low point' : ''), money(r.overdraftMinor, c),
    text(r.provenance.map((s) => shareText(s, c)).join('; ')), text(r.transactionId),
  ];
}

export function headerFacts(s: Schedule): [string, string][] {
  const h = s.header;
  return [
    ['Case', `${h.caseNumber}: ${h.caseTitle}`],
    ['Method', `${h.method}: ${h.methodRule}`],
    ['Ordering rule', h.orderingRule],
    ['Rounding rule', h.roundingRule],
    ['Overdraft rule', h.overdraftRule],
    ['Cut-off date', h.cutOff],
    ['Labels', h.labels.join(', ')],
    ['Data version (audit head)', h.dataVersion],
    ['Audit checkpoint', h.checkpoint],
    ['Generated', `${h.generatedAt} by ${h.generatedBy}`],
    ['Provenance', h.provenanceNote],
  ];
}

/** The summary's tables: a title, headings and rows of cells each. */
export function summaryTables(s: Schedule): { title: string; headings: string[]; rows: Cell[][] }[] {
  return [
    {
      title: 'Sources (marked deposits)',
      headings: ['Source', 'Date', 'Reference', 'Label', 'Paid into', 'Amount', 'Transaction id'],
      rows: s.sources.map((x) => [text(`S${x.number}`), text(x.occurredAt), text(x.reference), text(x.label), text(x.account), money(x.amountMinor, x.currency), text(x.transactionId)]),
    },
    {
      title: 'Destinations (external accounts holding taint)',
      headings: ['Account', 'Holder', 'Tainted', ...s.header.labels.map((l) => `Tainted: ${l}`)],
      rows: s.destinations.map((d) => [text(d.account), text(d.holderName), money(d.taintedMinor, d.currency), ...d.taintedByLabel.map((t) => money(t, d.currency))]),
    },
    {
      title: 'Assets bought',
      headings: ['Asset', 'Purchase', 'Tainted part', 'Sources of the taint', 'Asset id'],
      rows: s.assets.map((a) => [
        text(a.description), money(a.purchaseMinor, a.currency), money(a.taintedMinor, a.currency),
        text(a.provenance.map((p) => shareText(p, a.currency)).join('; ')), text(a.assetId),
      ]),
    },
    {
      title: 'Closing balances (accounts of the case)',
      headings: ['Account', 'Holder', 'Balance', ...s.header.labels.map((l) => `Tainted: ${l}`)],
      rows: s.accounts.map((a) => [text(a.identifier), text(a.holderName), money(a.closingBalanceMinor, a.currency), ...a.closingTaintedByLabel.map((t) => money(t, a.currency))]),
    },
    {
      title: 'Conservation (per currency)',
      headings: ['Currency', 'Marked', 'Exchanged in', 'Held', 'External', 'Left the data', 'Exchanged out', 'Conserved'],
      rows: s.conservation.map((t) => [
        text(t.currency), money(t.injectedMinor, t.currency), money(t.exchangedInMinor, t.currency), money(t.heldMinor, t.currency),
        money(t.externalMinor, t.currency), money(t.leftDataMinor, t.currency), money(t.exchangedOutMinor, t.currency), text(t.conserved ? 'yes' : 'NO'),
      ]),
    },
  ];
}
