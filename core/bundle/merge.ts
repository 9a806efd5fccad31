import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../../db/connection.js';
import { fail, ProceedsError } from '../errors.js';
import type { RecordTable } from './format.js';
import { deriveColumns } from './derived.js';
import { remapLayoutState } from './layout-remap.js';

/**
 * Merges one table's records into the local database by their UUIDs. The table's shape (columns,
 * foreign keys, unique keys) is read from SQLite itself, so columns added later by other parts
 * merge without changes here.
 *
 * - same id, same content: unchanged;
 * - same id, different content: a conflict, reported, and the local version is kept;
 * - new id but the same natural key (agency code, account identifier in the case...): the same
 *   real-world record entered at both agencies; references to it are redirected to the local one;
 * - otherwise inserted, with a provenance row naming the bundle and agency it came from.
 */

export interface Conflict {
  table: string;
  id: string;
  fields: { field: string; local: unknown; incoming: unknown }[];
}

export interface Matched {
  table: string;
  incomingId: string;
  localId: string;
  by: string[];
}

export interface MergeStats {
  inserted: Record<string, number>;
  unchanged: Record<string, number>;
  /** Listed in full up to MAX_LISTED; `conflictCount` is always exact. */
  conflicts: Conflict[];
  conflictCount: number;
  matched: Matched[];
  /** Fields the sender has that this database does not (a newer sender): ignored, listed once. */
  ignoredFields: string[];
}

export const emptyStats = (): MergeStats => ({ inserted: {}, unchanged: {}, conflicts: [], conflictCount: 0, matched: [], ignoredFields: [] });

/** Conflicts listed in full up to this many; the count is always exact. */
const MAX_LISTED = 500;

interface TableShape {
  columns: Set<string>;
  fks: { from: string; table: string }[];
  uniques: string[][];
}

const shapes = new WeakMap<Sqlite, Map<string, TableShape>>();

function shapeOf(sqlite: Sqlite, table: string): TableShape {
  let byTable = shapes.get(sqlite);
  if (!byTable) shapes.set(sqlite, (byTable = new Map<string, TableShape>()));
  let s = byTable.get(table);
  if (s) return s;
  const columns = new Set((sqlite.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name));
  const fks = (sqlite.prepare(`PRAGMA foreign_key_list(${table})`).all() as { from: string; table: string }[]).map((f) => ({ from: f.from, table: f.table }));
  const uniques = (sqlite.prepare(`PRAGMA index_list(${table})`).all() as { name: string; unique: number; origin: string }[])
    .filter((i) => i.unique && i.origin !== 'pk')
    .map((i) => (sqlite.prepare(`PRAGMA index_info(${i.name})`).all() as { name: string }[]).map((c) => c.name));
  s = { columns, fks, uniques };
  byTable.set(table, s);
  return s;
}

const same = (a: unknown, b: unknown) => a === b || (a == null && b == null) || (typeof a === 'boolean' ? Number(a) === b : false);

export class TableMerger {
  private readonly shape: TableShape;
  private readonly byId;
  private readonly byKey;
  private readonly provenance;
  private readonly insertCache = new Map<string, Statement<unknown[]>>();
  private readonly ignored = new Set<string>();

  constructor(
    private readonly sqlite: Sqlite,
    readonly table: RecordTable,
    private readonly idMap: Map<string, Map<string, string>>,
    private readonly stats: MergeStats,
    private readonly origin: { bundleId: string; agency: string } | null,
  ) {
    this.shape = shapeOf(sqlite, table);
    this.byId = sqlite.prepare(`SELECT * FROM ${table} WHERE id = ?`);
    this.byKey = this.shape.uniques.map((cols) => ({
      cols,
      stmt: sqlite.prepare(`SELECT id FROM ${table} WHERE ${cols.map((c) => `${c} IS ?`).join(' AND ')}`),
    }));
    this.provenance = sqlite.prepare('INSERT OR IGNORE INTO provenance (record_id, table_name, bundle_id, agency) VALUES (?, ?, ?, ?)');
  }

  /** Merges one incoming record; `where` names it in errors ("transactions.jsonl line 12"). */
  merge(incoming: Record<string, unknown>, where: string): void {
    const id = incoming.id;
    if (typeof id !== 'string' || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
      throw new ProceedsError('Invalid', `${where}: id: not a UUID`, [{ path: `${where}.id`, message: 'not a UUID' }]);
    const row: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(incoming)) {
      if (!this.shape.columns.has(k)) {
        if (!this.ignored.has(k)) this.stats.ignoredFields.push(`${this.table}.${k}`);
        this.ignored.add(k);
        continue;
      }
      if (v !== null && typeof v === 'object')
        throw new ProceedsError('Invalid', `${where}: ${k}: a nested object where a column value belongs`, [{ path: `${where}.${k}`, message: 'not a column value' }]);
      row[k] = typeof v === 'boolean' ? Number(v) : v;
    }
    deriveColumns(this.table, row, where);
    for (const fk of this.shape.fks) {
      const v = row[fk.from];
      if (typeof v === 'string') row[fk.from] = this.idMap.get(fk.table)?.get(v) ?? v;
    }
    if (this.table === 'chart_layouts' && typeof row.state === 'string') row.state = remapLayoutState(row.state, this.idMap);
    const local = this.byId.get(id) as Record<string, unknown> | undefined;
    if (local) return this.compare(local, row, id);
    for (const { cols, stmt } of this.byKey) {
      if (cols.some((c) => !(c in row) || row[c] == null)) continue;
      const hit = stmt.get(...cols.map((c) => row[c])) as { id: string } | undefined;
      if (!hit) continue;
      if (this.table === 'cases')
        throw fail('Conflict', 'bundle.caseNumberTaken', { number: String(row.number), id: hit.id }, [{ path: 'case.number', message: 'exists as a different case' }]);
      this.mapId(id, hit.id);
      if (this.stats.matched.length < MAX_LISTED) this.stats.matched.push({ table: this.table, incomingId: id, localId: hit.id, by: cols });
      return;
    }
    this.insert(row, where);
  }

  private mapId(incoming: string, local: string) {
    let m = this.idMap.get(this.table);
    if (!m) this.idMap.set(this.table, (m = new Map<string, string>()));
    m.set(incoming, local);
  }

  private compare(local: Record<string, unknown>, row: Record<string, unknown>, id: string) {
    // updated_at is each side's version token (stale-edit checks), not content: two databases that
    // hold the same record edited at different moments differ there without disagreeing.
    const fields = Object.keys(row)
      .filter((k) => k !== 'updated_at' && !same(row[k], local[k]))
      .map((k) => ({ field: k, local: local[k], incoming: row[k] }));
    if (fields.length === 0) {
      this.stats.unchanged[this.table] = (this.stats.unchanged[this.table] ?? 0) + 1;
      return;
    }
    this.stats.conflictCount++;
    if (this.stats.conflicts.length < MAX_LISTED) this.stats.conflicts.push({ table: this.table, id, fields });
  }

  private insert(row: Record<string, unknown>, where: string) {
    const cols = Object.keys(row);
    const sig = cols.join(',');
    let stmt = this.insertCache.get(sig);
    if (!stmt) {
      stmt = this.sqlite.prepare(`INSERT INTO ${this.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
      this.insertCache.set(sig, stmt);
    }
    try {
      stmt.run(...cols.map((c) => row[c]));
    } catch (e) {
      const message = (e as Error).message.replace(/^SqliteError: /, '');
      throw new ProceedsError('Invalid', `${where}: ${message}`, [{ path: where, message }]);
    }
    if (this.origin) this.provenance.run(row.id, this.table, this.origin.bundleId, this.origin.agency);
    this.stats.inserted[this.table] = (this.stats.inserted[this.table] ?? 0) + 1;
  }
}
