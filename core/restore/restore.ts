import { randomUUID } from 'node:crypto';
import { hashFile } from '../hash/index.js';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ProceedsError } from '../errors.js';
import { assertRegularFile } from '../file-kind.js';
import { appendAudit } from '../audit/chain.js';
import { resolveActor } from '../actor.js';
import { syncTree } from '../audit/tree.js';
import { openDatabase } from '../../db/connection.js';
import { applyKey, looksEncrypted, type DbKey } from '../../db/cipher.js';
import type { Actor } from '../context.js';
import { isBusy, readWriterNote } from '../write-lock.js';
import { fsyncDir, fsyncFile } from '../../db/snapshot.js';
import { checkBackup, currentCheckpointOf, type BackupCheck } from './check-backup.js';

export interface RestoreReport {
  database: string;
  backup: string;
  /** Where the database as it was before the restore was kept (absent when there was none). */
  keptAs?: string;
  /** SHA-256 of the backup, and of the installed file before it was opened: equal, byte for byte. */
  backupSha256: string;
  installedSha256: string;
  check: BackupCheck;
  /** The audit row that records the restore (in the restored database). */
  auditSeq: number;
}

const SIDE_FILES = ['-wal', '-shm'];
const CHECKPOINT = '.checkpoint';

const sha256 = async (file: string): Promise<string> => (await hashFile(file)).hex;

/**
 * Makes sure no other process has the database open (the app, `proceeds serve`, another command):
 * an exclusive lock is granted only when every other connection is gone. Then folds its WAL into
 * the file and closes, which removes the -wal and -shm, so the file alone is the database.
 */
export function takeOverCurrent(dbPath: string, key?: DbKey): void {
  let sqlite: Database.Database | undefined;
  try {
    sqlite = new Database(dbPath, { fileMustExist: true, timeout: 0 });
    if (key && looksEncrypted(dbPath)) applyKey(sqlite, key, false);
    sqlite.pragma('locking_mode = EXCLUSIVE');
    sqlite.exec('BEGIN EXCLUSIVE');
    sqlite.exec('COMMIT');
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } catch (e) {
    if (isBusy(e)) {
      const holder = readWriterNote(dbPath);
      throw new ProceedsError(
        'Busy',
        `${dbPath} is open in another process${holder ? ` (pid ${holder.pid}, running ${holder.method})` : ' (the desktop app, "proceeds serve" or another proceeds command)'}: close it first; nothing was changed`,
      );
    }
    // A damaged current file cannot be checkpointed: it is kept aside as it is, with its -wal and -shm.
  } finally {
    sqlite?.close();
  }
}

/** A backup copied beside the database and checked: exactly the bytes a restore would install. */
export interface StagedBackup {
  staged: string;
  backupSha256: string;
  check: BackupCheck;
  /** Removes the staged copy (and any side files the check made). */
  discard: () => void;
}

/**
 * Copies the backup beside the database (so installing it is a rename on one file system), checks
 * that the copy is the backup byte for byte, then checks the copy (integrity, schema, audit chain,
 * Merkle tree, its signed checkpoints, and how it stands to the current file's last checkpoint).
 */
export async function stageBackup(dbPath: string, backup: string, key?: DbKey): Promise<StagedBackup> {
  assertRegularFile(backup, 'backup');
  if (backup === dbPath) throw new ProceedsError('Invalid', 'the backup is the database itself: nothing to restore', [{ path: 'backup', message: 'same file as the database' }]);
  const dir = path.dirname(dbPath);
  if (!fs.existsSync(dir)) throw new ProceedsError('NotFound', `cannot restore to ${dbPath}: the folder ${dir} does not exist`, [{ path: 'db', message: 'folder does not exist' }]);
  const staged = path.join(dir, `.${path.basename(dbPath)}.restore-${randomUUID()}`);
  const discard = () => {
    for (const s of ['', ...SIDE_FILES]) fs.rmSync(staged + s, { force: true });
  };
  try {
    fs.copyFileSync(backup, staged);
    fsyncFile(staged);
    const backupSha256 = await sha256(backup);
    if ((await sha256(staged)) !== backupSha256) throw new ProceedsError('Internal', `the copy of ${backup} does not match it (disk error?): nothing was changed`);
    const check = checkBackup(staged, { currentCheckpoint: currentCheckpointOf(dbPath), key });
    for (const s of SIDE_FILES) fs.rmSync(staged + s, { force: true });
    return { staged, backupSha256, check, discard };
  } catch (e) {
    discard();
    throw e;
  }
}

/**
 * `proceeds restore BACKUP`: checks the backup, keeps the current database aside (never deleted),
 * installs a byte-identical copy of the backup by rename (atomic), and records the restore in the
 * restored database's audit log. The current file's signed checkpoint goes aside with it: it
 * anchors that log, not the restored one (whose audit row names what was replaced).
 */
export async function restoreDatabase(opts: { dbPath: string; backup: string; key?: DbKey; actor?: Partial<Actor>; now?: () => Date }): Promise<RestoreReport> {
  const dbPath = path.resolve(opts.dbPath);
  const backup = path.resolve(opts.backup);
  const stamp = (opts.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-');
  const { staged, backupSha256, check, discard } = await stageBackup(dbPath, backup, opts.key);
  const dir = path.dirname(dbPath);
  try {
    if (!check.ok) throw new ProceedsError('Invalid', `${backup} cannot be restored: ${check.problems.join('; ')}; nothing was changed`, [{ path: 'backup', message: check.problems[0] }]);

    let keptAs: string | undefined;
    if (fs.existsSync(dbPath)) {
      assertRegularFile(dbPath, 'db');
      takeOverCurrent(dbPath, opts.key);
      keptAs = `${dbPath}.before-restore-${stamp}`;
      fs.renameSync(dbPath, keptAs);
      // Whatever -wal/-shm remain (a damaged file that could not be checkpointed) go with it:
      // a stale WAL beside the restored file is what made hand-copied restores "malformed".
      for (const s of [...SIDE_FILES, CHECKPOINT]) if (fs.existsSync(dbPath + s)) fs.renameSync(dbPath + s, keptAs + s);
    }
    fs.renameSync(staged, dbPath);
    fsyncDir(dir);
    const installedSha256 = await sha256(dbPath);

    // A plain connection, as the core opens one (migrations under their lock, the Merkle tree
    // caught up), without the core itself: the core runs restores, so it cannot be their tool.
    const conn = openDatabase(dbPath, { create: false, key: opts.key });
    try {
      const sqlite = conn.sqlite;
      sqlite.transaction(() => syncTree(sqlite)).immediate();
      sqlite.exec('BEGIN IMMEDIATE');
      try {
        const row = appendAudit(sqlite, resolveActor(sqlite, opts.actor), 'db.restore', {
          entity: 'database',
          entityId: path.basename(dbPath),
          after: {
            backup,
            backupSha256,
            keptAs: keptAs ?? null,
            auditRowsInBackup: check.chain?.rows ?? 0,
            migrated: check.pendingMigrations,
            replacedCheckpoint: check.current ? { size: check.current.size, time: check.current.time, keptAs: keptAs ? keptAs + CHECKPOINT : null } : null,
          },
        }, new Date().toISOString());
        sqlite.exec('COMMIT');
        return { database: dbPath, backup, keptAs, backupSha256, installedSha256, check, auditSeq: row.seq };
      } catch (e) {
        if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
        throw e;
      }
    } finally {
      conn.close();
    }
  } finally {
    discard();
  }
}
