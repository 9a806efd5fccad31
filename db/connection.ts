import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import * as schema from './schema/index.js';
import { ensureEvidenceGuards } from './guards.js';
import { registerMoneyFunctions } from './money-functions.js';
import { checkOpened, markOurs, planOpen, type OpenRequest } from './open-guard.js';
import { migrateExclusively } from './migrate-lock.js';
import { snapshotInto } from './snapshot.js';
import { enableWal } from './wal-mode.js';
import { applyKey, keyOf, looksEncrypted, type DbKey } from './cipher.js';
import { ProceedsError } from '../core/errors.js';

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
  /** The file is encrypted (a key was needed to open it). */
  encrypted: boolean;
}

export interface OpenOptions extends OpenRequest {
  /**
   * The key of an encrypted file, or the key to create a new file with. Ignored for a file that
   * is not encrypted (an existing plain database keeps working; "proceeds db encrypt" converts it).
   */
  key?: DbKey;
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

/**
 * Opens the database file and brings its schema up to date. Creates it only when `create` allows
 * (the default, for library callers); see db/open-guard.ts for what is refused and why.
 */
export function openDatabase(file: string, opts: OpenOptions = {}): Connection {
  const encrypted = file !== ':memory:' && looksEncrypted(file);
  if (encrypted && !opts.key) throw keyNeeded(file);
  const plan = planOpen(file, { ...opts, encrypted });
  const readonly = Boolean(opts.readonly || plan.readonlyReason);
  const sqlite = new Database(file, { readonly, fileMustExist: !plan.creating, timeout: 5000 });
  const keyed = Boolean(opts.key && (encrypted || (plan.creating && file !== ':memory:')));
  try {
    if (keyed) applyKey(sqlite, opts.key!, plan.creating);
    // Before the pragmas: switching to WAL would already rewrite another application's file.
    try {
      checkOpened(sqlite, file, { deep: !opts.readonly });
    } catch (e) {
      throw encrypted ? wrongKey(file, e) : e;
    }
    applyPragmas(sqlite, readonly);
    registerMoneyFunctions(sqlite);
    registerGuard(sqlite);
    const db = drizzle(sqlite, { schema });
    let readonlyReason = plan.readonlyReason;
    if (!readonly) {
      // A migration may rewrite evidence rows (a new column filled in); it is part of the app.
      setAuditedWrite(sqlite, true);
      let state: ReturnType<typeof migrateExclusively>;
      try {
        state = migrateExclusively(sqlite, file, migrationsFolder(), () => migrateSafely(sqlite, db));
        ensureEvidenceGuards(sqlite);
      } finally {
        setAuditedWrite(sqlite, false);
      }
      if (plan.creating) markOurs(sqlite);
      if (state.unknown > 0) {
        readonlyReason = `${path.resolve(file)} was written by a newer version of Proceeds (${state.unknown} schema change(s) this version does not know): it is open for reading only; update Proceeds to change it`;
        sqlite.pragma('query_only = ON');
      }
    }
    return { sqlite, db, close: () => sqlite.close(), readonlyReason, created: plan.creating, encrypted: keyed };
  } catch (e) {
    sqlite.close();
    throw e;
  }
}

/** An encrypted file opened without a key: said before SQLite reads a byte of it. */
export function keyNeeded(file: string): ProceedsError {
  return new ProceedsError(
    'Forbidden',
    `${path.resolve(file)} is encrypted (or is not a database file): it needs its passphrase or key; nothing was opened or changed (on the command line: --passphrase-fd N, PROCEEDS_PASSPHRASE_FILE, or type it when asked on a terminal)`,
    [{ path: 'passphrase', message: 'passphrase or key needed' }],
  );
}

/** SQLCipher cannot tell a wrong key from a damaged file: the first page does not authenticate. */
function wrongKey(file: string, e: unknown): unknown {
  const code = (e as { code?: string }).code ?? '';
  const message = e instanceof ProceedsError ? e.message : '';
  if (code.startsWith('SQLITE_NOTADB') || /no longer reads as a database|not a Proceeds database/.test(message))
    return new ProceedsError('Forbidden', `wrong passphrase or key for ${path.resolve(file)} (or the file is not an encrypted Proceeds database): nothing was opened or changed`, [
      { path: 'passphrase', message: 'wrong passphrase or key' },
    ]);
  return e;
}

export { keyOf };

/**
 * Runs the pending migrations with foreign keys off, as SQLite's table-rebuild procedure requires
 * (a rebuilt table is dropped and renamed; with foreign keys on, the drop would cascade into the
 * rows that reference it). The migrator's own transaction is checked with foreign_key_check first.
 */
export function migrateSafely(sqlite: Sqlite, db: BetterSQLite3Database<Record<string, unknown>>): void {
  sqlite.pragma('foreign_keys = OFF');
  try {
    migrate(db, { migrationsFolder: migrationsFolder() });
    const broken = sqlite.pragma('foreign_key_check') as unknown[];
    if (broken.length) throw new Error(`a migration left ${broken.length} rows pointing at missing rows`);
  } finally {
    sqlite.pragma('foreign_keys = ON');
  }
}

/** Consistent online copy in one step (see db/snapshot.ts), never a file copy of a live database. */
export async function backupDatabase(sqlite: Sqlite, destination: string): Promise<void> {
  await snapshotInto(sqlite, destination);
}
