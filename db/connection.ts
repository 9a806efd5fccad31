import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Db = BetterSQLite3Database<Schema>;
export type Sqlite = Database.Database;

export interface Connection {
  sqlite: Sqlite;
  db: Db;
  close(): void;
}

/** Where drizzle-kit writes migrations; overridable for packaged builds (asar). */
export function migrationsFolder(): string {
  if (process.env.PROCEEDS_MIGRATIONS) return process.env.PROCEEDS_MIGRATIONS;
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.join(here, 'migrations');
}

function applyPragmas(sqlite: Sqlite, readonly: boolean): void {
  if (!readonly) sqlite.pragma('journal_mode = WAL');
  // FULL: an import or audit row that was reported committed survives a power cut.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

/** Opens (creating if needed) the database file and brings its schema up to date. */
export function openDatabase(file: string, opts: { readonly?: boolean } = {}): Connection {
  if (!opts.readonly && file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  applyPragmas(sqlite, opts.readonly ?? false);
  const db = drizzle(sqlite, { schema });
  if (!opts.readonly) migrate(db, { migrationsFolder: migrationsFolder() });
  return { sqlite, db, close: () => sqlite.close() };
}

/** Consistent online copy through SQLite's backup API (never a file copy of a live database). */
export async function backupDatabase(sqlite: Sqlite, destination: string): Promise<void> {
  await sqlite.backup(destination);
}
