import type { Sqlite } from '../../db/connection.js';
import type { Cell } from '../trace/schedule-cells.js';
import type { TraceResult } from '../trace/result.js';
import { textOf } from '../text-of.js';

/** The tables a case exports as CSV or XLSX. */
export const EXPORT_TABLES = ['transactions', 'subjects', 'accounts', 'assets', 'trace'] as const;
export type ExportTable = (typeof EXPORT_TABLES)[number];

export interface TableExport {
  title: string;
  headings: string[];
  /** Rows as cells, produced one by one: a case of a million transactions is never held in memory. */
  rows: Iterable<Cell[]>;
}

const t = (v: unknown): Cell => ({ text: v == null ? '' : textOf(v) });
const m = (minor: unknown, currency: unknown): Cell => (minor == null || minor === '' || !currency ? null : { minor: textOf(minor), currency: textOf(currency) });
const listText = <T>(json: string | null, pick: (x: T) => string) => {
  try {
    return (JSON.parse(json ?? '[]') as T[]).map(pick).join('; ');
  } catch {
    return json ?? '';
  }
};

function* iterate(sqlite: Sqlite, sql: string, caseId: string, cells: (r: Record<string, unknown>) => Cell[]): Generator<Cell[]> {
  for (const r of sqlite.prepare(sql).iterate({ c: caseId }) as IterableIterator<Record<string, unknown>>) yield cells(r);
}

/** Every transaction of the case as booked, in booked order (time_key, seq), with both sides named. */
function transactions(sqlite: Sqlite, caseId: string): TableExport {
  return {
    title: 'Transactions',
    headings: ['Date', 'Reference', 'From account', 'From holder', 'To account', 'To holder', 'Amount', 'Currency', 'Amount received', 'Currency received', 'Method', 'Counterparty', 'Memo', 'Balance after', 'Transaction id'],
    rows: iterate(sqlite, `
      SELECT t.*, fa.identifier AS fromId, coalesce(nullif(fs.name, ''), fa.holder_name) AS fromHolder,
             ta.identifier AS toId, coalesce(nullif(ts.name, ''), ta.holder_name) AS toHolder
      FROM transactions t
      LEFT JOIN accounts fa ON fa.id = t.from_account_id LEFT JOIN subjects fs ON fs.id = fa.holder_subject_id
      LEFT JOIN accounts ta ON ta.id = t.to_account_id LEFT JOIN subjects ts ON ts.id = ta.holder_subject_id
      WHERE t.case_id = @c ORDER BY t.time_key, t.seq`, caseId, (r) => [
      t(r.occurred_at), t(r.reference), t(r.fromId), t(r.fromHolder), t(r.toId), t(r.toHolder),
      m(r.amount_minor, r.currency), t(r.currency), m(r.to_amount_minor, r.to_currency), t(r.to_currency), t(r.method),
      t(r.counterparty_name), t(r.memo), m(r.balance_after_minor, r.currency), t(r.id),
    ]),
  };
}

function subjects(sqlite: Sqlite, caseId: string): TableExport {
  return {
    title: 'Subjects',
    headings: ['Name', 'Kind', 'Aliases', 'Identifiers', 'Born on', 'Country', 'Accounts', 'Notes', 'Subject id'],
    rows: iterate(sqlite, `
      SELECT s.*, (SELECT group_concat(identifier, '; ') FROM (SELECT identifier FROM accounts WHERE holder_subject_id = s.id ORDER BY identifier)) AS held
      FROM subjects s WHERE s.case_id = @c ORDER BY s.name, s.id`, caseId, (r) => [
      t(r.name), t(r.kind), t(listText(r.aliases as string, (x: string) => x)),
      t(listText(r.identifiers as string, (x: { type: string; value: string }) => `${x.type}: ${x.value}`)),
      t(r.born_on), t(r.country), t(r.held), t(r.notes), t(r.id),
    ]),
  };
}

function accounts(sqlite: Sqlite, caseId: string): TableExport {
  return {
    title: 'Accounts',
    headings: ['Identifier', 'Institution', 'Kind', 'Holder', 'Currency', 'External', 'Transactions', 'Notes', 'Account id'],
    rows: iterate(sqlite, `
      SELECT a.*, coalesce(nullif(s.name, ''), a.holder_name) AS holder,
             (SELECT count(*) FROM transactions x WHERE x.from_account_id = a.id) + (SELECT count(*) FROM transactions x WHERE x.to_account_id = a.id) AS n
      FROM accounts a LEFT JOIN subjects s ON s.id = a.holder_subject_id WHERE a.case_id = @c ORDER BY a.identifier, a.id`, caseId, (r) => [
      t(r.identifier), t(r.institution), t(r.kind), t(r.holder), t(r.currency), t(r.external ? 'yes' : 'no'), t(r.n), t(r.notes), t(r.id),
    ]),
  };
}

function assets(sqlite: Sqlite, caseId: string): TableExport {
  return {
    title: 'Assets',
    headings: ['Description', 'Type', 'Status', 'Seized on', 'Seized at', 'Legal authority', 'Value seized', 'Value appraised', 'Value realised', 'Costs', 'Currency', 'Asset id'],
    rows: iterate(sqlite, 'SELECT * FROM assets WHERE case_id = @c ORDER BY seized_on, id', caseId, (r) => [
      t(r.description), t(r.type), t(r.status), t(r.seized_on), t(r.seized_place), t(r.legal_authority),
      m(r.value_seized_minor, r.currency), m(r.value_appraised_minor, r.currency), m(r.value_realised_minor, r.currency), m(r.costs_minor, r.currency),
      t(r.currency), t(r.id),
    ]),
  };
}

/** A trace's result per account: what it holds, how much of it is tainted, per label. */
export function traceTable(result: TraceResult): TableExport {
  return {
    title: `Trace (${result.method})`,
    headings: ['Account', 'Holder', 'External', 'Currency', 'Balance', 'Tainted', ...result.labels.map((l) => `Tainted: ${l}`), 'Tainted in', 'Tainted out', 'Unknown origin', 'Account id'],
    rows: (function* () {
      for (const a of result.accounts)
        yield [
          t(a.identifier), t(a.holderName), t(a.external ? 'yes' : 'no'), t(a.currency), m(a.balanceMinor, a.currency), m(a.taintedMinor, a.currency),
          ...a.taintedByLabel.map((x) => m(x, a.currency)), m(a.taintedInMinor, a.currency), m(a.taintedOutMinor, a.currency), m(a.unknownOriginMinor, a.currency), t(a.accountId),
        ];
    })(),
  };
}

export function caseTable(sqlite: Sqlite, caseId: string, table: Exclude<ExportTable, 'trace'>): TableExport {
  return { transactions, subjects, accounts, assets }[table](sqlite, caseId);
}
