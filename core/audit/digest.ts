import { createHash } from 'node:crypto';
import type { Sqlite } from '../../db/connection.js';

/**
 * Rows written in bulk (an import's transactions and rejects, a demo case's transactions) get one
 * audit entry, not one per row; that entry carries a digest of the rows so `audit verify --deep`
 * still sees a row edited, deleted or added behind the app's back.
 *
 * digest = SHA-256 over the rows ordered by id, one line per row: the row's values in the
 * recorded column order, each as text (NULL as \N, blobs as hex), joined by U+001F, each line
 * ended by \n. Values as text and the column list recorded with the digest keep it stable when
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

export const textValue = (v: unknown): string =>
  v === null || v === undefined ? '\\N' : Buffer.isBuffer(v) ? v.toString('hex') : typeof v === 'string' ? v : String(v);

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
  const args = Object.values(scope).filter((v) => v !== null);
  const select = columns.includes('id') ? columns : ['id', ...columns];
  const idAt = select.indexOf('id');
  const skip = columns.includes('id') ? -1 : idAt;
  const stmt = sqlite.prepare(`SELECT ${select.join(', ')} FROM ${table}${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY id`).raw();
  const hash = createHash('sha256');
  let count = 0;
  let chunk = '';
  for (const row of stmt.iterate(...args) as IterableIterator<unknown[]>) {
    if (o.exclude?.has(row[idAt] as string)) continue;
    let line = '';
    for (let i = 0; i < row.length; i++) {
      if (i === skip) continue;
      if (i !== (skip === 0 ? 1 : 0)) line += '\u001f';
      line += textValue(row[i]);
    }
    chunk += line + '\n';
    count++;
    // Hash in chunks: one update per row costs more than building the text.
    if (chunk.length > 1 << 16) {
      hash.update(chunk);
      chunk = '';
    }
  }
  hash.update(chunk);
  return { table, scope, columns, count, sha256: hash.digest('hex') };
}
