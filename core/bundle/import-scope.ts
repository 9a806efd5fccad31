import type { Sqlite } from '../../db/connection.js';
import { ProceedsError } from '../errors.js';
import * as F from './format.js';
import { rowProblems } from './record-schemas.js';
import { readRecords } from './records-reader.js';
import type { VerifiedBundle } from './verify.js';
import { textOf } from '../text-of.js';

/**
 * A signed bundle is trusted to say what its sender knows about ONE case, never to write into the
 * rest of the receiver's database. Before anything is written, every record is validated and every
 * reference resolved: to a record of the same bundle, or to a local record of the same case (which
 * is where earlier bundles of that case from that sender landed). Anything else refuses the bundle,
 * with every reason listed.
 */

/** Tables whose rows name their case directly. */
const CASE_COLUMN = new Set<string>(['case_participants', 'subjects', 'accounts', 'imports', 'transactions', 'statements', 'transfer_links', 'entity_merges', 'taint_marks', 'traces', 'chart_layouts', 'assets', 'sharing_distributions', 'exhibits']);
/** Tables whose case is their parent's. */
const VIA_PARENT: Record<string, { column: string; parent: string }> = {
  import_rejects: { column: 'import_id', parent: 'imports' },
  asset_status_events: { column: 'asset_id', parent: 'assets' },
  asset_links: { column: 'asset_id', parent: 'assets' },
  custody_events: { column: 'asset_id', parent: 'assets' },
};
/** References to case-bound records (agencies are shared by all cases, so references to them are free). */
const REFS: Partial<Record<F.RecordTable, [column: string, target: string][]>> = {
  accounts: [['holder_subject_id', 'subjects']],
  imports: [['account_id', 'accounts']],
  import_rejects: [['import_id', 'imports']],
  transactions: [['from_account_id', 'accounts'], ['to_account_id', 'accounts'], ['import_id', 'imports']],
  statements: [['import_id', 'imports'], ['account_id', 'accounts']],
  transfer_links: [['debit_tx_id', 'transactions'], ['credit_tx_id', 'transactions']],
  taint_marks: [['transaction_id', 'transactions']],
  asset_status_events: [['asset_id', 'assets']],
  asset_links: [['asset_id', 'assets'], ['account_id', 'accounts'], ['transaction_id', 'transactions'], ['trace_id', 'traces']],
  custody_events: [['asset_id', 'assets']],
  sharing_distributions: [['asset_id', 'assets']],
};
const EXHIBIT_TARGET_TABLE: Record<string, string> = { case: 'cases', subject: 'subjects', account: 'accounts', transaction: 'transactions', asset: 'assets' };

/** Listed in full up to this many; a hostile bundle can have a million bad rows. */
const MAX_LISTED = 200;

export interface ScopeProblem {
  where: string;
  message: string;
}

/** Where a receiver's own records of a table live: the case a record id belongs to, and a case's number. */
export interface LocalRecords {
  caseOf(table: string, id: string): string | undefined;
  caseLabel(caseId: string): string;
}

/** The desktop's records: its SQLite database. */
export function sqliteRecords(sqlite: Sqlite): LocalRecords {
  const lookups = new Map<string, ReturnType<Sqlite['prepare']>>();
  return {
    caseOf(table, id) {
      let stmt = lookups.get(table);
      if (!stmt) {
        const sql =
          table === 'cases' ? 'SELECT id AS c FROM cases WHERE id = ?'
          : CASE_COLUMN.has(table) ? `SELECT case_id AS c FROM ${table} WHERE id = ?`
          : VIA_PARENT[table] ? `SELECT p.case_id AS c FROM ${table} t JOIN ${VIA_PARENT[table].parent} p ON p.id = t.${VIA_PARENT[table].column} WHERE t.id = ?`
          : null;
        if (!sql) return undefined;
        lookups.set(table, (stmt = sqlite.prepare(sql)));
      }
      return (stmt.get(id) as { c: string } | undefined)?.c;
    },
    caseLabel: (id) => (sqlite.prepare('SELECT number FROM cases WHERE id = ?').get(id) as { number: string } | undefined)?.number ?? id,
  };
}

export async function bundleRecordProblems(source: Sqlite | LocalRecords, vb: VerifiedBundle): Promise<{ problems: ScopeProblem[]; total: number }> {
  const local = 'caseOf' in source ? source : sqliteRecords(source);
  const { id: caseId, number } = vb.statement.predicate.case;
  const problems: ScopeProblem[] = [];
  let total = 0;
  const add = (where: string, message: string) => {
    total++;
    if (problems.length < MAX_LISTED) problems.push({ where, message });
  };
  const inBundle = new Map<string, Set<string>>(F.RECORD_TABLES.map((t) => [t, new Set<string>()]));
  const localCase = (table: string, id: string) => local.caseOf(table, id);
  const caseLabel = (id: string) => local.caseLabel(id);
  const checkRef = (where: string, column: string, target: string, value: unknown) => {
    if (typeof value !== 'string' || inBundle.get(target)?.has(value)) return;
    const c = localCase(target, value);
    if (c === undefined) add(where, `${column}: refers to ${target} ${value}, which is neither in the bundle nor here`);
    else if (c !== caseId) add(where, `${column}: refers to ${target} ${value} of another case here (${caseLabel(c)}); a bundle may only touch its own case`);
  };
  const corrections: { where: string; value: unknown }[] = [];
  let caseRows = 0;

  const names = vb.names();
  for (const table of F.RECORD_TABLES) {
    if (!F.hasRecords(names, table)) continue;
    const file = F.recordsPath(table);
    for await (const { line, row } of readRecords(await vb.read(file), file, table)) {
      const where = `${file} line ${line}`;
      for (const p of rowProblems(table, row)) add(where, p);
      const id = row.id;
      if (typeof id !== 'string') continue;
      inBundle.get(table)!.add(id);
      if (table === 'cases') {
        caseRows++;
        if (id !== caseId) add(where, `creates case ${JSON.stringify(row.number)} (${id}), which the signed statement does not name (it names ${number})`);
        else if (row.number !== number) add(where, `number: ${JSON.stringify(row.number)}, the signed statement says ${number}`);
        continue;
      }
      if (CASE_COLUMN.has(table) && row.case_id !== caseId)
        add(where, `case_id: belongs to case ${typeof row.case_id === 'string' ? caseLabel(row.case_id) : String(row.case_id)}, not to the bundle's case ${number}`);
      if (table !== 'agencies') {
        const here = localCase(table, id);
        if (here !== undefined && here !== caseId) add(where, `id: ${table} ${id} exists here in another case (${caseLabel(here)})`);
      }
      for (const [column, target] of REFS[table] ?? []) checkRef(where, column, target, row[column]);
      if (table === 'exhibits' && row.target_id != null) {
        const target = EXHIBIT_TARGET_TABLE[textOf(row.target_kind ?? 'case')];
        if (target) checkRef(where, 'target_id', target, row.target_id);
      }
      // A merge names two records of its kind: both must be the case's, as for any reference.
      if (table === 'entity_merges') {
        const target = row.kind === 'account' ? 'accounts' : 'subjects';
        checkRef(where, 'survivor_id', target, row.survivor_id);
        checkRef(where, 'merged_id', target, row.merged_id);
      }
      if (table === 'custody_events' && row.corrects_event_id != null) corrections.push({ where, value: row.corrects_event_id });
    }
  }
  // A correction may name an event listed after it, so these resolve once all events are known.
  for (const c of corrections) checkRef(c.where, 'corrects_event_id', 'custody_events', c.value);
  if (caseRows === 0) add(F.recordsPath('cases'), `the case ${number} itself is missing`);
  return { problems, total };
}

/** Throws, listing every reason, when the bundle's records may not be loaded; writes nothing either way. */
export async function assertBundleInScope(source: Sqlite | LocalRecords, vb: VerifiedBundle): Promise<void> {
  const { problems, total } = await bundleRecordProblems(source, vb);
  if (total === 0) return;
  const more = total > problems.length ? ` (and ${total - problems.length} more)` : '';
  const details = `${problems.slice(0, 5).map((p) => `${p.where}: ${p.message}`).join('; ')}`;
  throw new ProceedsError(
    'Invalid',
    `the bundle's records were refused, nothing was imported (${total} problem${total === 1 ? '' : 's'}${more}): ${details}`,
    problems.map((p) => ({ path: p.where, message: p.message })),
    'bundle.recordsRefused',
    { count: total, details },
  );
}
