import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import * as schema from './schema/index.js';
import { ensureEvidenceGuards } from './guards.js';

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

/**
 * Evidence tables refuse UPDATE and DELETE by trigger unless `proceeds_audited_write()` says 1
 * (see the migration evidence_guards). Only this process's own connections know the function,
 * and they answer 1 only inside a contract mutation (whose changes are audited in the same
 * transaction) or a migration; the sqlite3 shell or any other program gets "no such function".
 */
const auditedWrite = new WeakMap<Sqlite, boolean>();

export function setAuditedWrite(sqlite: Sqlite, on: boolean): void {
  auditedWrite.set(sqlite, on);
}

function registerGuard(sqlite: Sqlite): void {
  sqlite.function('proceeds_audited_write', { deterministic: false, varargs: false }, () => (auditedWrite.get(sqlite) ? 1 : 0));
}

/** Opens (creating if needed) the database file and brings its schema up to date. */
export function openDatabase(file: string, opts: { readonly?: boolean } = {}): Connection {
  if (!opts.readonly && file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file, { readonly: opts.readonly ?? false, fileMustExist: opts.readonly ?? false });
  applyPragmas(sqlite, opts.readonly ?? false);
  registerGuard(sqlite);
  const db = drizzle(sqlite, { schema });
  if (!opts.readonly) {
    // A migration may rewrite evidence rows (a new column filled in); it is part of the app.
    setAuditedWrite(sqlite, true);
    try {
      migrate(db, { migrationsFolder: migrationsFolder() });
      ensureEvidenceGuards(sqlite);
    } finally {
      setAuditedWrite(sqlite, false);
    }
  }
  return { sqlite, db, close: () => sqlite.close() };
}

/** Consistent online copy through SQLite's backup API (never a file copy of a live database). */
export async function backupDatabase(sqlite: Sqlite, destination: string): Promise<void> {
  await sqlite.backup(destination);
}
