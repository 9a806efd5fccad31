import type { Sqlite } from '../../db/connection.js';
import { canonicalJson } from './canonical.js';
import { inReadSnapshot } from './snapshot.js';
import { rowsDigest, tableColumns, textValue, type RowsDigest } from './digest.js';
import { textOf } from '../text-of.js';

/**
 * `audit verify --deep`: replays the audited changes (each entry's `after`, or its absence for a
 * delete) into the state the tables should be in, and compares that with what they hold. Values
 * are compared as text (numbers, decimal text, booleans as 0/1, JSON canonicalised), so the check
 * survives a column turning from integer to decimal text. Bulk rows are checked through the
 * digests their audit entry carries (digest.ts).
 */

/** Audit entity -> table. Entities not listed (settings, policies) have no row of their own. */
export const ENTITY_TABLES: Record<string, string> = {
  agency: 'agencies',
  case: 'cases',
  participant: 'case_participants',
  subject: 'subjects',
  account: 'accounts',
  transaction: 'transactions',
  import: 'imports',
  asset: 'assets',
  asset_status_event: 'asset_status_events',
  asset_link: 'asset_links',
  custody_event: 'custody_events',
  sharing_distribution: 'sharing_distributions',
  exhibit: 'exhibits',
  trace: 'traces',
  chart_layout: 'chart_layouts',
  taint_mark: 'taint_marks',
  bundle: 'bundles',
  keyring: 'keyring',
  signing_key: 'signing_keys',
  csv_mapping: 'csv_mappings',
};

/** Rows written in bulk under one audit entry whose digest covers them. */
const BULK_TABLES = new Set(['transactions', 'import_rejects']);

export interface Finding {
  kind: 'changed' | 'deleted' | 'inserted' | 'resurrected' | 'digest';
  table: string;
  id: string;
  column?: string;
  expected?: string | null;
  found?: string | null;
  /** The audit entry that set the expected value. */
  seq?: number;
}

export interface DeepReport {
  ok: boolean;
  checkedRows: number;
  digests: number;
  findings: Finding[];
}

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The audited JSON value as the text a column would hold. */
function expectedText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'object') return canonicalJson(v);
  return textOf(v);
}

function foundText(v: unknown, asJson: boolean): string | null {
  if (v === null || v === undefined) return null;
  if (asJson && typeof v === 'string') {
    try {
      return canonicalJson(JSON.parse(v));
    } catch {
      return v;
    }
  }
  return textValue(v);
}

interface Expected {
  value: Record<string, unknown> | null;
  seq: number;
}

export function verifyDeep(sqlite: Sqlite, o: { limit?: number } = {}): DeepReport {
  return inReadSnapshot(sqlite, () => verifyDeepIn(sqlite, o));
}

function verifyDeepIn(sqlite: Sqlite, o: { limit?: number }): DeepReport {
  const limit = o.limit ?? 10_000;
  const findings: Finding[] = [];
  const push = (f: Finding) => {
    if (findings.length < limit) findings.push(f);
  };
  const state = new Map<string, Map<string, Expected>>();
  const digests: { seq: number; d: RowsDigest; caseId: string | null }[] = [];
  const deletedCases = new Set<string>();
  /** Cases whose transactions a demo load wrote in bulk (entity 'transactions'). */
  const demoCases = new Set<string>();

  const rows = sqlite.prepare('SELECT seq, entity, entity_id, case_id, after FROM audit_log ORDER BY seq').raw().iterate() as IterableIterator<[number, string, string, string | null, string]>;
  let profile: { seq: number; value: Record<string, string> } | undefined;
  for (const [seq, entity, id, caseId, afterText] of rows) {
    if (entity === 'transactions' && caseId) demoCases.add(caseId);
    if (entity === 'profile') profile = { seq, value: JSON.parse(afterText) as Record<string, string> };
    const after = JSON.parse(afterText) as Record<string, unknown> | null;
    if (after && typeof after === 'object') {
      const ds = (after as { rowsDigests?: RowsDigest[] }).rowsDigests;
      if (Array.isArray(ds)) for (const d of ds) digests.push({ seq, d, caseId });
    }
    const table = ENTITY_TABLES[entity];
    if (!table) continue;
    let t = state.get(table);
    if (!t) state.set(table, (t = new Map<string, Expected>()));
    t.set(id, { value: after, seq });
    if (entity === 'case' && after === null) deletedCases.add(id);
  }

  // A deleted (draft) case takes its rows with it by cascade: they are expected gone, not missing.
  const inDeletedCase = (v: Record<string, unknown> | null) => v !== null && typeof v.caseId === 'string' && deletedCases.has(v.caseId);
  const provenance = new Set(sqlite.prepare('SELECT record_id FROM provenance').pluck().all() as string[]);

  let checked = 0;
  for (const table of new Set([...Object.values(ENTITY_TABLES)])) {
    const expected = state.get(table) ?? new Map<string, Expected>();
    const columns = new Set(tableColumns(sqlite, table));
    if (columns.size === 0) continue;
    const seen = new Set<string>();
    // Bulk tables: only rows audited one by one are read here; the rest go through their digests.
    const stmt = BULK_TABLES.has(table)
      ? sqlite.prepare(`SELECT * FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`).bind(JSON.stringify([...expected.keys()]))
      : sqlite.prepare(`SELECT * FROM ${table}`);
    for (const row of stmt.iterate() as IterableIterator<Record<string, unknown>>) {
      const id = String(row.id);
      seen.add(id);
      checked++;
      const e = expected.get(id);
      if (!e) {
        if (!provenance.has(id)) push({ kind: 'inserted', table, id, expected: null, found: 'a row no audit entry records' });
        continue;
      }
      if (e.value === null) {
        push({ kind: 'resurrected', table, id, expected: null, found: 'present', seq: e.seq });
        continue;
      }
      for (const [k, v] of Object.entries(e.value)) {
        const col = columns.has(k) ? k : snake(k);
        if (!columns.has(col) || v === undefined) continue;
        const want = expectedText(v);
        const got = foundText(row[col], typeof v === 'object' && v !== null);
        if (want !== got) push({ kind: 'changed', table, id, column: col, expected: want, found: got, seq: e.seq });
      }
    }
    for (const [id, e] of expected) {
      if (seen.has(id) || e.value === null || inDeletedCase(e.value)) continue;
      if (table === 'cases' && deletedCases.has(id)) continue;
      push({ kind: 'deleted', table, id, expected: 'present', found: null, seq: e.seq });
    }
  }

  // The profile names the person behind every later entry: it is checked like a row.
  if (profile) {
    const keys: Record<string, string> = { user: 'user.name', agency: 'user.agency', role: 'user.role' };
    for (const [k, key] of Object.entries(keys)) {
      const got = (sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined) ?? null;
      const want = profile.value[k] ?? null;
      if (got !== want) push({ kind: 'changed', table: 'settings', id: key, column: 'value', expected: want, found: got, seq: profile.seq });
    }
  }

  // Bulk rows: every digest recomputed, then rows no digest or entry covers.
  const individually = state.get('transactions') ?? new Map<string, Expected>();
  const exclude = new Set(individually.keys());
  for (const { seq, d, caseId } of digests) {
    if (caseId && deletedCases.has(caseId)) continue;
    let now: RowsDigest;
    try {
      now = rowsDigest(sqlite, d.table, d.scope, { columns: d.columns, exclude: d.table === 'transactions' ? exclude : undefined });
    } catch (e) {
      push({ kind: 'digest', table: d.table, id: scopeText(d.scope), expected: d.sha256, found: (e as Error).message, seq });
      continue;
    }
    checked += now.count;
    if (now.count !== d.count || now.sha256 !== d.sha256)
      push({
        kind: 'digest', table: d.table, id: scopeText(d.scope), column: 'rows',
        expected: `${d.count} rows, sha256 ${d.sha256}`, found: `${now.count} rows, sha256 ${now.sha256}`, seq,
      });
  }
  // Imports and demo loads recorded before digests existed still vouch for their rows' presence.
  const bulkImports = new Set(state.get('imports')?.keys() ?? []);
  for (const d of digests) if (d.d.scope.import_id) bulkImports.add(d.d.scope.import_id);
  for (const f of uncoveredBulkRows(sqlite, bulkImports, demoCases, exclude, provenance)) push(f);

  return { ok: findings.length === 0, checkedRows: checked, digests: digests.length, findings };
}

const scopeText = (s: Record<string, string | null>) => Object.entries(s).map(([k, v]) => `${k}=${v ?? 'null'}`).join(',');

/** Bulk rows outside every digested scope and every audit entry: inserted behind the app's back. */
function uncoveredBulkRows(sqlite: Sqlite, imports: Set<string>, demoCases: Set<string>, individually: Set<string>, provenance: Set<string>): Finding[] {
  // The scans run inside SQLite: only the rows no entry accounts for cross into JS.
  const out: Finding[] = [];
  const inserted = (table: string) => (id: string) => {
    if (!provenance.has(id)) out.push({ kind: 'inserted', table, id, expected: null, found: 'a row no audit entry records' });
  };
  const list = (s: Set<string>) => JSON.stringify([...s]);
  (sqlite
    .prepare(
      `SELECT id FROM transactions WHERE CASE WHEN import_id IS NOT NULL THEN import_id NOT IN (SELECT value FROM json_each(@imports))
         ELSE case_id NOT IN (SELECT value FROM json_each(@cases)) AND id NOT IN (SELECT value FROM json_each(@ids)) END`,
    )
    .pluck()
    .all({ imports: list(imports), cases: list(demoCases), ids: list(individually) }) as string[]).forEach(inserted('transactions'));
  (sqlite.prepare('SELECT id FROM import_rejects WHERE import_id NOT IN (SELECT value FROM json_each(?))').pluck().all(list(imports)) as string[]).forEach(inserted('import_rejects'));
  return out;
}
