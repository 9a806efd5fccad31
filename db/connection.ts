import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as schema from './schema/index.js';
import { checkOpened, markOurs, planOpen, type OpenRequest } from './open-guard.js';
import { migrateExclusively } from './migrate-lock.js';
import { snapshotInto } from './snapshot.js';
import { enableWal } from './wal-mode.js';

export type Schema = typeof schema;
export type Db = BetterSQLite3Database<Schema>;
export type Sqlite = Database.Database;

export interface Connection {
  sqlite: Sqlite;
  db: Db;
  close(): void;
  /** Set when the file is open for reading only although a writer was asked for (newer schema, read-only file). */
  readonlyReason?: string;
  /** This open created the file. */
  created?: boolean;
}

/** Where drizzle-kit writes migrations; overridable for packaged builds (asar). */
export function migrationsFolder(): string {
  if (process.env.PROCEEDS_MIGRATIONS) return process.env.PROCEEDS_MIGRATIONS;
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.join(here, 'migrations');
}

function applyPragmas(sqlite: Sqlite, readonly: boolean): void {
  if (!readonly) enableWal(sqlite);
  // FULL: an import or audit row that was reported committed survives a power cut.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
}

/**
 * Opens the database file and brings its schema up to date. Creates it only when `create` allows
 * (the default, for library callers); see db/open-guard.ts for what is refused and why.
 */
export function openDatabase(file: string, opts: OpenRequest = {}): Connection {
  const plan = planOpen(file, opts);
  const readonly = Boolean(opts.readonly || plan.readonlyReason);
  const sqlite = new Database(file, { readonly, fileMustExist: !plan.creating, timeout: 5000 });
  try {
    // Before the pragmas: switching to WAL would already rewrite another application's file.
    checkOpened(sqlite, file, { deep: !opts.readonly });
    applyPragmas(sqlite, readonly);
    const db = drizzle(sqlite, { schema });
    let readonlyReason = plan.readonlyReason;
    if (!readonly) {
      const state = migrateExclusively(sqlite, file, migrationsFolder(), () => migrate(db, { migrationsFolder: migrationsFolder() }));
      if (plan.creating) markOurs(sqlite);
      if (state.unknown > 0) {
        readonlyReason = `${path.resolve(file)} was written by a newer version of Proceeds (${state.unknown} schema change(s) this version does not know): it is open for reading only; update Proceeds to change it`;
        sqlite.pragma('query_only = ON');
      }
    }
    return { sqlite, db, close: () => sqlite.close(), readonlyReason, created: plan.creating };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

/** Consistent online copy in one step (see db/snapshot.ts), never a file copy of a live database. */
export async function backupDatabase(sqlite: Sqlite, destination: string): Promise<void> {
  await snapshotInto(sqlite, destination);
}
