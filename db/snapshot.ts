import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { keyOf, keyPragmas } from './cipher.js';

/**
 * A backup as one consistent snapshot taken in one step. The backup API copies in steps and starts
 * over whenever another process writes, so under a steady trickle of writes it never finished;
 * `VACUUM INTO` reads inside one read transaction (a WAL snapshot) and is not disturbed by writers.
 * The copy goes to a temporary name, is flushed to disk, then renamed: a backup file that exists is
 * a whole one. The copy of an encrypted database is encrypted with the same key (SQLite's backup
 * API cannot copy an encrypted file; VACUUM INTO can).
 */
export async function snapshotInto(sqlite: Database.Database, destination: string): Promise<void> {
  const dest = path.resolve(destination);
  const dir = path.dirname(dest);
  if (!fs.existsSync(dir)) throw new Error(`cannot write the backup: the folder ${dir} does not exist`);
  const tmp = path.join(dir, `.${path.basename(dest)}.${randomUUID()}.partial`);
  try {
    if (!(await vacuumInWorker(sqlite, tmp))) sqlite.prepare('VACUUM INTO ?').run(tmp);
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

/** Runs in a worker thread: plain CommonJS, so it needs no TypeScript loader and no bundling. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { readonly: true, fileMustExist: true, timeout: 5000 });
try {
  for (const p of workerData.keyPragmas) db.pragma(p);
  db.prepare('VACUUM INTO ?').run(workerData.into); parentPort.postMessage({ ok: true }); }
catch (e) { parentPort.postMessage({ ok: false, message: e.message, code: e.code }); }
finally { db.close(); }
`;

/**
 * VACUUM INTO on its own read-only connection in a worker thread: a large database takes seconds to
 * copy, and the bridge's event loop must keep answering meanwhile. Under WAL that connection sees
 * the last committed state, as the core's reader does. Returns false when a worker cannot be used
 * (an in-memory database, a packaged build without the module path): the caller copies in-thread.
 */
async function vacuumInWorker(sqlite: Database.Database, into: string): Promise<boolean> {
  if (sqlite.memory || !sqlite.name || sqlite.name === ':memory:') return false;
  let module: string;
  try {
    module = createRequire(import.meta.url).resolve('better-sqlite3');
  } catch {
    return false;
  }
  const result = await new Promise<{ ok: boolean; message?: string; code?: string }>((resolve, reject) => {
    const w = new Worker(WORKER, { eval: true, workerData: { module, file: sqlite.name, into, keyPragmas: keyPragmas(keyOf(sqlite)) } });
    w.once('message', resolve);
    w.once('error', reject);
    w.once('exit', (code) => code !== 0 && reject(new Error(`backup worker stopped (exit ${code})`)));
  });
  if (!result.ok) throw Object.assign(new Error(result.message), { code: result.code });
  return true;
}
