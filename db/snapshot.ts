import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';

/**
 * A backup as one consistent snapshot taken in one step. The backup API copies in steps and starts
 * over whenever another process writes, so under a steady trickle of writes it never finished;
 * `VACUUM INTO` reads inside one read transaction (a WAL snapshot) and is not disturbed by writers.
 * The copy goes to a temporary name, is flushed to disk, then renamed: a backup file that exists is
 * a whole one.
 */
export function snapshotInto(sqlite: Database.Database, destination: string): void {
  const dest = path.resolve(destination);
  const dir = path.dirname(dest);
  if (!fs.existsSync(dir)) throw new Error(`cannot write the backup: the folder ${dir} does not exist`);
  const tmp = path.join(dir, `.${path.basename(dest)}.${randomUUID()}.partial`);
  try {
    sqlite.prepare('VACUUM INTO ?').run(tmp);
    fsyncFile(tmp);
    fs.renameSync(tmp, dest);
    fsyncDir(dir);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** A rename is durable only once its folder is flushed (not supported on Windows, where renames are journaled). */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Windows cannot open a folder for fsync.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
