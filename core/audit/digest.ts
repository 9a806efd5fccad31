import type { Sqlite } from '../../db/connection.js';
import { Digests } from '../hash/index.js';
import { textOf } from '../text-of.js';

/**
 * Rows written in bulk (an import's transactions and rejects, a demo case's transactions) get one
 * audit entry, not one per row; that entry carries a digest of the rows so `audit verify --deep`
 * still sees a row edited, deleted or added behind the app's back.
 *
 * digest = SHA-256 over the rows ordered by id, one line per row: the row's values in the
 * recorded column order, each as SQLite's CAST(value AS TEXT) (NULL as \N, blobs as lower-case
 * hex), joined by U+001F, each line ended by \n. Values as text and the column list recorded with the digest keep it stable when
 * a later version adds columns or turns an integer column into decimal text.
 */

export interface RowsDigest {
  table: string;
  /** The WHERE of the rows covered, as column = value pairs (a null value means IS NULL). */
  scope: Record<string, string | null>;
  columns: string[];
  count: number;
  sha256: string;
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/** A value as text the way the digest sees it (used by the replay for single rows too). */
export const textValue = (v: unknown): string =>
  v === null || v === undefined ? '\\N' : Buffer.isBuffer(v) ? v.toString('hex') : textOf(v);

export function tableColumns(sqlite: Sqlite, table: string): string[] {
  if (!IDENT.test(table)) throw new Error(`bad table name ${table}`);
  return (sqlite.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]);
}

/** Digest of the rows in scope, skipping ids in `exclude` (rows audited one by one). */
export function rowsDigest(sqlite: Sqlite, table: string, scope: Record<string, string | null>, o: { columns?: string[]; exclude?: Set<string> } = {}): RowsDigest {
  const columns = o.columns ?? tableColumns(sqlite, table);
  const present = new Set(tableColumns(sqlite, table));
  for (const c of [...columns, ...Object.keys(scope)]) {
    if (!IDENT.test(c)) throw new Error(`bad column name ${c}`);
    if (!present.has(c)) throw new Error(`${table}.${c} no longer exists`);
  }
  const where = Object.entries(scope).map(([k, v]) => (v === null ? `${k} IS NULL` : `${k} = ?`));
  const args: unknown[] = Object.values(scope).filter((v) => v !== null);
  if (o.exclude?.size) {
    where.push('id NOT IN (SELECT value FROM json_each(?))');
    args.push(JSON.stringify([...o.exclude]));
  }
  // The line is built by SQLite: one string per row crosses into JS instead of one value per column.
  const line = columns.map((c) => `coalesce(CASE typeof(${c}) WHEN 'blob' THEN lower(hex(${c})) ELSE CAST(${c} AS TEXT) END, '\\N')`).join(' || char(31) || ');
  const stmt = sqlite.prepare(`SELECT ${line} FROM ${table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id`).pluck();
  const hash = new Digests(['sha256']);
  let count = 0;
  let chunk = '';
  for (const text of stmt.iterate(...args) as IterableIterator<string>) {
    chunk += text + '\n';
    count++;
    // Hash in chunks: one update per row costs more than building the text.
    if (chunk.length > 1 << 16) {
      hash.update(chunk);
      chunk = '';
    }
  }
  hash.update(chunk);
  return { table, scope, columns, count, sha256: hash.result().hex };
}

/**
 * The same digest built while the rows are written, for a writer that inserts every column of
 * every row itself, in id order: a million rows need not be read back. `result()` gives undefined
 * (and the caller falls back to rowsDigest) when the rows did not come in strictly increasing id
 * order or a value holds a NUL, whose text SQLite's concatenation might not carry alike.
 */
export class RowsDigestBuilder {
  private readonly hash = new Digests(['sha256']);
  private chunk = '';
  private count = 0;
  private lastId = '';
  private sound = true;

  constructor(
    private readonly table: string,
    private readonly scope: Record<string, string | null>,
    private readonly columns: string[],
    /** The columns are all of the table's: another version's added column must send the caller back to rowsDigest. */
    private readonly wholeRow: boolean,
  ) {}

  /** One row's values in `columns` order; the first is its id. */
  add(values: unknown[]): void {
    const id = values[0] as string;
    if (!(id > this.lastId)) this.sound = false;
    this.lastId = id;
    let line = textValue(values[0]);
    for (let i = 1; i < values.length; i++) line += '\u001f' + textValue(values[i]);
    if (line.includes('\0')) this.sound = false;
    this.chunk += line + '\n';
    this.count++;
    if (this.chunk.length > 1 << 16) {
      this.hash.update(this.chunk);
      this.chunk = '';
    }
  }

  /** The digest of the rows added, or undefined when rowsDigest must read them back. */
  result(sqlite: Sqlite): RowsDigest | undefined {
    if (!this.sound) return undefined;
    const tableNow = tableColumns(sqlite, this.table);
    if (this.wholeRow ? tableNow.join() !== this.columns.join() : this.columns.some((c) => !tableNow.includes(c))) return undefined;
    this.hash.update(this.chunk);
    this.chunk = '';
    return { table: this.table, scope: this.scope, columns: this.columns, count: this.count, sha256: this.hash.result().hex };
  }
}
