import fs from 'node:fs';
import os from 'node:os';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import type Database from 'better-sqlite3';
import { ProceedsError } from '../core/errors.js';

/**
 * Migrations under an exclusive, cross-process lock. drizzle's migrator reads "the last applied
 * migration" outside its transaction, so two processes opening a new file at once both decide to
 * run 0000 and the slower one fails on `CREATE TABLE accounts`. Here one process migrates while the
 * others wait, then each re-checks what is still pending before doing anything.
 */

export interface MigrationState {
  /** Migrations of this build the file has not had yet. */
  pending: number;
  /** Migrations recorded in the file that this build does not know: written by a newer Proceeds. */
  unknown: number;
}

const MIGRATIONS_TABLE = '__drizzle_migrations';

export function migrationState(sqlite: Database.Database, folder: string): MigrationState {
  const known = readMigrationFiles({ migrationsFolder: folder });
  const latestKnown = known.reduce((m, x) => Math.max(m, x.folderMillis), 0);
  const hasTable = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(MIGRATIONS_TABLE);
  if (!hasTable) return { pending: known.length, unknown: 0 };
  const rows = sqlite.prepare(`SELECT created_at AS at FROM ${MIGRATIONS_TABLE}`).all() as { at: number | string }[];
  // drizzle decides by timestamp only (the newest row's created_at), so we do the same.
  const last = rows.reduce((m, r) => Math.max(m, Number(r.at)), 0);
  return {
    pending: known.filter((m) => m.folderMillis > last).length,
    unknown: rows.filter((r) => Number(r.at) > latestKnown).length,
  };
}

/** Blocks the thread: opening a database is synchronous, and this wait is rare and short. */
const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

interface LockNote { pid: number; host: string; since: string }

/**
 * An O_EXCL lock file beside the database. A holder that died (killed mid-migration: its
 * transaction rolled back) leaves the file behind; a lock from a dead pid on this host is taken over.
 */
function acquire(lockPath: string, maxWaitMs: number): () => void {
  const started = Date.now();
  for (let delay = 5; ; delay = Math.min(delay * 2, 100)) {
    try {
      const fd = fs.openSync(lockPath, 'wx');
      fs.writeSync(fd, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() } satisfies LockNote));
      fs.closeSync(fd);
      return () => fs.rmSync(lockPath, { force: true });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // A folder we may not write to (read-only media): nobody can migrate there, so nobody races.
      if (code === 'EACCES' || code === 'EROFS' || code === 'EPERM') return () => undefined;
      if (code !== 'EEXIST') throw e;
    }
    let note: LockNote | undefined;
    try {
      note = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as LockNote;
    } catch {
      // Being written or removed right now: look again.
    }
    if (note && note.host === os.hostname() && !processAlive(note.pid)) {
      fs.rmSync(lockPath, { force: true });
      continue;
    }
    if (Date.now() - started > maxWaitMs)
      throw new ProceedsError(
        'Busy',
        `another process${note ? ` (pid ${note.pid} on ${note.host}, since ${note.since})` : ''} is updating the database schema and has not finished after ${Math.round(maxWaitMs / 1000)} s; nothing was changed (if no such process runs, delete ${lockPath})`,
      );
    sleepSync(delay);
  }
}

/**
 * Runs `migrate` only when this build has migrations the file lacks, holding the lock while it
 * runs and re-checking after the lock is taken (another process may have done the work meanwhile).
 * Returns the state found, so the caller can refuse writes to a file from a newer build.
 */
export function migrateExclusively(
  sqlite: Database.Database,
  file: string,
  folder: string,
  migrate: () => void,
  opts: { maxWaitMs?: number } = {},
): MigrationState {
  const before = migrationState(sqlite, folder);
  if (before.pending === 0 || before.unknown > 0 || file === ':memory:') {
    if (before.pending > 0 && before.unknown === 0) migrate();
    return before;
  }
  const release = acquire(`${file}-migrate.lock`, opts.maxWaitMs ?? 5 * 60_000);
  try {
    const now = migrationState(sqlite, folder);
    if (now.pending > 0 && now.unknown === 0) migrate();
    return migrationState(sqlite, folder);
  } finally {
    release();
  }
}
