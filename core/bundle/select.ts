import type { Sqlite } from '../../db/connection.js';
import { RECORD_TABLES, type RecordTable } from './format.js';
import { isWholeCase, type BundleScope } from './scope.js';

/**
 * Chooses the records of a bundle into temp tables (one id list per table), so that a case of
 * any size is selected inside SQLite and then streamed out. A selection is closed under its
 * references: a transaction brings its counterparty accounts, an account its holder, a record its
 * agency; links to records left out are left out themselves, so every foreign key still resolves.
 */

export const selTable = (t: RecordTable) => `temp.bundle_sel_${t}`;

const ids = (list: string[] | undefined) => JSON.stringify(list ?? []);

export function selectRecords(sqlite: Sqlite, caseId: string, scope: BundleScope): Record<RecordTable, number> {
  for (const t of RECORD_TABLES) {
    sqlite.exec(`DROP TABLE IF EXISTS ${selTable(t)}`);
    sqlite.exec(`CREATE TEMP TABLE ${selTable(t).slice(5)} (id TEXT PRIMARY KEY) WITHOUT ROWID`);
  }
  const p = { c: caseId, subjects: ids(scope.subjectIds), accounts: ids(scope.accountIds), assets: ids(scope.assetIds), from: scope.from ?? null, to: scope.to ?? null };
  const run = (sql: string) => sqlite.prepare(sql).run(p);
  const inList = (col: string, key: 'subjects' | 'accounts' | 'assets') => `${col} IN (SELECT value FROM json_each(@${key}))`;
  const S = (t: RecordTable) => `(SELECT id FROM ${selTable(t)})`;

  run(`INSERT INTO ${selTable('cases')} VALUES (@c)`);
  run(`INSERT INTO ${selTable('case_participants')} SELECT id FROM case_participants WHERE case_id = @c`);
  // With a list chosen, kinds without a list come only through the closure; without any list, all of them.
  const selecting = Boolean(scope.subjectIds || scope.accountIds || scope.assetIds);
  const NONE = 'AND 0';
  run(`INSERT INTO ${selTable('subjects')} SELECT id FROM subjects WHERE case_id = @c ${scope.subjectIds ? 'AND ' + inList('id', 'subjects') : selecting ? NONE : ''}`);
  const accountFilter = scope.accountIds
    ? 'AND ' + inList('id', 'accounts')
    : scope.subjectIds
      ? `AND holder_subject_id IN ${S('subjects')}`
      : selecting ? NONE : '';
  run(`INSERT INTO ${selTable('accounts')} SELECT id FROM accounts WHERE case_id = @c ${accountFilter}`);
  const accountsRestricted = selecting;
  run(`INSERT INTO ${selTable('transactions')} SELECT id FROM transactions WHERE case_id = @c
       AND (@from IS NULL OR substr(occurred_at, 1, 10) >= @from) AND (@to IS NULL OR substr(occurred_at, 1, 10) <= @to)
       ${accountsRestricted ? `AND (from_account_id IN ${S('accounts')} OR to_account_id IN ${S('accounts')})` : ''}`);
  const whole = isWholeCase(scope);
  run(`INSERT INTO ${selTable('imports')} SELECT id FROM imports WHERE case_id = @c
       ${whole ? '' : `AND id IN (SELECT import_id FROM transactions WHERE id IN ${S('transactions')})`}`);
  // Closure: counterparties of the chosen transactions, the accounts of their imports, their holders.
  run(`INSERT OR IGNORE INTO ${selTable('accounts')}
       SELECT from_account_id FROM transactions WHERE id IN ${S('transactions')} AND from_account_id IS NOT NULL
       UNION SELECT to_account_id FROM transactions WHERE id IN ${S('transactions')} AND to_account_id IS NOT NULL
       UNION SELECT account_id FROM imports WHERE id IN ${S('imports')} AND account_id IS NOT NULL`);
  run(`INSERT OR IGNORE INTO ${selTable('subjects')}
       SELECT holder_subject_id FROM accounts WHERE id IN ${S('accounts')} AND holder_subject_id IS NOT NULL`);
  run(`INSERT INTO ${selTable('import_rejects')} SELECT id FROM import_rejects WHERE import_id IN ${S('imports')}`);
  // A statement travels with its import; a link with both of its rows; a merge with both records.
  run(`INSERT INTO ${selTable('statements')} SELECT id FROM statements WHERE import_id IN ${S('imports')} AND account_id IN ${S('accounts')}`);
  run(`INSERT INTO ${selTable('transfer_links')} SELECT id FROM transfer_links WHERE debit_tx_id IN ${S('transactions')} AND credit_tx_id IN ${S('transactions')}`);
  run(`INSERT INTO ${selTable('entity_merges')} SELECT id FROM entity_merges WHERE case_id = @c
       AND ((kind = 'account' AND survivor_id IN ${S('accounts')} AND merged_id IN ${S('accounts')})
         OR (kind = 'subject' AND survivor_id IN ${S('subjects')} AND merged_id IN ${S('subjects')}))`);
  run(`INSERT INTO ${selTable('taint_marks')} SELECT id FROM taint_marks WHERE transaction_id IN ${S('transactions')}`);
  // A saved trace is a computation over the whole case: it travels only with the whole case.
  if (whole) run(`INSERT INTO ${selTable('traces')} SELECT id FROM traces WHERE case_id = @c`);
  // So is a chart layout: it places the whole case's nodes and may annotate any of them.
  if (whole) run(`INSERT INTO ${selTable('chart_layouts')} SELECT id FROM chart_layouts WHERE case_id = @c`);
  run(`INSERT INTO ${selTable('assets')} SELECT id FROM assets WHERE case_id = @c ${scope.assetIds ? 'AND ' + inList('id', 'assets') : selecting ? NONE : ''}`);
  run(`INSERT INTO ${selTable('asset_status_events')} SELECT id FROM asset_status_events WHERE asset_id IN ${S('assets')}`);
  run(`INSERT INTO ${selTable('custody_events')} SELECT id FROM custody_events WHERE asset_id IN ${S('assets')}`);
  run(`INSERT INTO ${selTable('asset_links')} SELECT id FROM asset_links WHERE asset_id IN ${S('assets')}
       AND (account_id IS NULL OR account_id IN ${S('accounts')})
       AND (transaction_id IS NULL OR transaction_id IN ${S('transactions')})
       AND (trace_id IS NULL OR trace_id IN ${S('traces')})`);
  run(`INSERT INTO ${selTable('sharing_distributions')} SELECT id FROM sharing_distributions WHERE case_id = @c
       AND (asset_id IS NULL OR asset_id IN ${S('assets')})`);
  run(`INSERT INTO ${selTable('exhibits')} SELECT id FROM exhibits WHERE case_id = @c AND (target_kind = 'case'
       OR (target_kind = 'subject' AND target_id IN ${S('subjects')}) OR (target_kind = 'account' AND target_id IN ${S('accounts')})
       OR (target_kind = 'transaction' AND target_id IN ${S('transactions')}) OR (target_kind = 'asset' AND target_id IN ${S('assets')}))`);
  run(`INSERT OR IGNORE INTO ${selTable('agencies')}
       SELECT lead_agency_id FROM cases WHERE id = @c AND lead_agency_id IS NOT NULL
       UNION SELECT agency_id FROM case_participants WHERE id IN ${S('case_participants')}
       UNION SELECT seizing_agency_id FROM assets WHERE id IN ${S('assets')} AND seizing_agency_id IS NOT NULL`);
  return countSelected(sqlite);
}

export function countSelected(sqlite: Sqlite): Record<RecordTable, number> {
  const out = {} as Record<RecordTable, number>;
  for (const t of RECORD_TABLES) out[t] = (sqlite.prepare(`SELECT count(*) AS n FROM ${selTable(t)}`).get() as { n: number }).n;
  return out;
}

/** Parents first, and within a table a stable order (transactions by their entry order). */
const ORDER: Partial<Record<RecordTable, string>> = { transactions: 'seq, id', import_rejects: 'import_id, line' };

/**
 * Each row as JSON text, serialised by SQLite's json_object() (keys are the column names, in table
 * order): a hundred thousand rows stream out without building a JavaScript object for each.
 */
function rowJson(sqlite: Sqlite, table: string): string {
  const cols = (sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
  return `json_object(${cols.map((c) => `'${c}', ${c}`).join(', ')})`;
}

export function iterateSelected(sqlite: Sqlite, t: RecordTable): IterableIterator<string> {
  return sqlite
    .prepare(`SELECT ${rowJson(sqlite, t)} FROM ${t} WHERE id IN (SELECT id FROM ${selTable(t)}) ORDER BY ${ORDER[t] ?? 'id'}`)
    .pluck()
    .iterate() as IterableIterator<string>;
}

/** The audit rows of the case that speak of a record in the bundle (or of the case itself), as JSON text. */
export function iterateAuditSegment(sqlite: Sqlite, caseId: string, whole: boolean): IterableIterator<string> {
  const union = RECORD_TABLES.map((t) => `SELECT id FROM ${selTable(t)}`).join(' UNION ALL ');
  const filter = whole ? '' : `AND entity_id IN (${union})`;
  return sqlite.prepare(`SELECT ${rowJson(sqlite, 'audit_log')} FROM audit_log WHERE case_id = ? ${filter} ORDER BY seq`).pluck().iterate(caseId) as IterableIterator<string>;
}

export function dropSelection(sqlite: Sqlite): void {
  for (const t of RECORD_TABLES) sqlite.exec(`DROP TABLE IF EXISTS ${selTable(t)}`);
}
