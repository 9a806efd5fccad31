import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { ProceedsError } from '../core/errors.js';
import { binaryKind, nonRegularKind } from '../core/file-kind.js';

/**
 * Checks made before and right after a database file is opened, so that a mistyped path creates
 * nothing, and a file that is not ours (or is damaged) is named instead of being written to.
 */

/** "PROC": set on files this app creates, so another app's SQLite file is told apart from ours. */
export const APPLICATION_ID = 0x50524f43;

export interface OpenRequest {
  /** Open for reading only (the core's query connection). */
  readonly?: boolean;
  /** May create the file when it is missing (default true for library callers; the CLI says per command). */
  create?: boolean;
  /** May create the missing folder too: only for the app's own default location. */
  createFolder?: boolean;
  /** The file's first bytes are not SQLite's plain header: the key, not the header, tells whether it is ours. */
  encrypted?: boolean;
}

export interface OpenPlan {
  /** The file does not exist yet and will be created. */
  creating: boolean;
  /** Why the file must be opened read-only although a writer was asked for. */
  readonlyReason?: string;
}

/** Decides how a path may be opened, before SQLite touches it (SQLite would create it). */
export function planOpen(file: string, req: OpenRequest): OpenPlan {
  if (file === ':memory:' || file === '') return { creating: true };
  const abs = path.resolve(file);
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
  }
  if (!st) {
    const dir = path.dirname(abs);
    const dirExists = fs.existsSync(dir);
    if (req.readonly || req.create === false)
      throw new ProceedsError(
        'NotFound',
        dirExists
          ? `no database at ${abs}; nothing was created (check --db, or create one with "proceeds case create" or "proceeds demo")`
          : `no database at ${abs}: the folder ${dir} does not exist; nothing was created (check --db)`,
        [{ path: 'db', message: 'no database at this path' }],
      );
    if (!dirExists) {
      if (!req.createFolder)
        throw new ProceedsError('NotFound', `cannot create a database at ${abs}: the folder ${dir} does not exist (create the folder first, or check --db)`, [
          { path: 'db', message: 'folder does not exist' },
        ]);
      fs.mkdirSync(dir, { recursive: true });
    } else if (!fs.statSync(dir).isDirectory()) {
      throw new ProceedsError('Invalid', `cannot create a database at ${abs}: ${dir} is not a folder`, [{ path: 'db', message: 'not a folder' }]);
    }
    return { creating: true };
  }
  const kind = nonRegularKind(st);
  if (kind) throw new ProceedsError('Invalid', `${abs} is ${kind}, not a database file`, [{ path: 'db', message: `${kind}, not a database file` }]);
  if (st.size > 0 && !req.encrypted) checkHeader(abs);
  if (st.size > 0 && !req.encrypted && isWalFile(abs) && !fs.existsSync(`${abs}-shm`) && !writable(path.dirname(abs)))
    // SQLite needs a -shm beside a WAL file even to read it, and cannot create one here.
    throw new ProceedsError('Forbidden', `cannot open ${abs}: its folder is read-only and the database needs a "-shm" file beside it; copy the file to a writable folder (or make a backup with "proceeds backup" where it is writable)`, [
      { path: 'db', message: 'read-only folder' },
    ]);
  // An empty file is what SQLite itself treats as a new database; only a creating command may fill it.
  if (st.size === 0 && !req.readonly && req.create === false)
    throw new ProceedsError('NotFound', `${abs} is an empty file, not a database; nothing was written (create a database with "proceeds case create" or "proceeds demo")`, [
      { path: 'db', message: 'empty file' },
    ]);
  if (!req.readonly && !writable(abs))
    return { creating: false, readonlyReason: `the database file ${abs} is read-only for this user: it is open for reading only` };
  return { creating: st.size === 0 };
}

function writable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Bytes 18-19 of the header are 2 for a file in WAL mode. */
function isWalFile(file: string): boolean {
  const b = Buffer.alloc(2);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, b, 0, 2, 18);
  } finally {
    fs.closeSync(fd);
  }
  return b[0] === 2 && b[1] === 2;
}

/** The first 100 bytes tell an SQLite file from anything else before SQLite parses a page. */
function checkHeader(file: string): void {
  const head = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  let n: number;
  try {
    n = fs.readSync(fd, head, 0, head.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  const got = head.subarray(0, n);
  if (binaryKind(got) === 'an SQLite database') return;
  const kind = binaryKind(got);
  throw new ProceedsError(
    'Invalid',
    `${file} is not a Proceeds database: ${kind ? `it is ${kind}` : 'it is not an SQLite file (damaged, or some other kind of file)'}; it was not opened or changed`,
    [{ path: 'db', message: 'not a Proceeds database' }],
  );
}

/** Tables every Proceeds database has had since its first migration. */
const OUR_TABLES = ['cases', 'audit_log', '__drizzle_migrations'];

/**
 * Files up to this size get a full `quick_check` at open. It reads every page (about a second per
 * few hundred MB on a laptop disk, far more on a network share), and opening is synchronous: the
 * desktop app and `serve` would sit blank that long at every start. Bigger files get it in
 * `audit verify` and `doctor` instead, and any damage a read meets on the way is reported as
 * "file damaged" by `Core.call` (asDamaged) wherever it surfaces. PROCEEDS_QUICK_CHECK_MAX_BYTES
 * moves the line (tests use it to reach the large-file path with a small file).
 */
export const QUICK_CHECK_AT_OPEN_BYTES = 64 * 1024 * 1024;
const quickCheckLimit = () => Number(process.env.PROCEEDS_QUICK_CHECK_MAX_BYTES ?? QUICK_CHECK_AT_OPEN_BYTES);

/**
 * After opening: refuses an SQLite file that belongs to another application (it has tables, but
 * not ours, or another application id), and a damaged one. A file with no tables is a new database.
 */
export function checkOpened(sqlite: Database.Database, file: string, opts: { deep: boolean }): void {
  if (file === ':memory:') return;
  let appId: number;
  try {
    appId = sqlite.pragma('application_id', { simple: true }) as number;
    checkOurs(sqlite, file, appId);
    if (opts.deep && fs.statSync(file).size <= quickCheckLimit()) {
      const problems = quickCheck(sqlite);
      if (problems.length) throw new ProceedsError('Invalid', damagedMessage(file, problems[0]), [{ path: 'db', message: 'file damaged' }]);
    }
  } catch (e) {
    throw asDamaged(e, file);
  }
}

/** SQLite's own words for a broken file ("database disk image is malformed") become the message users can act on. */
export function asDamaged(e: unknown, file: string): unknown {
  const code = (e as { code?: string }).code ?? '';
  if (code.startsWith('SQLITE_CORRUPT') || code.startsWith('SQLITE_NOTADB')) {
    const detail = code.startsWith('SQLITE_NOTADB') ? 'it no longer reads as a database file' : 'a part of the file does not read back as it was written';
    return new ProceedsError('Invalid', damagedMessage(file, detail), [{ path: 'db', message: 'file damaged' }]);
  }
  return e;
}

function checkOurs(sqlite: Database.Database, file: string, appId: number): void {
  const tables = new Set((sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
  const foreignId = appId !== 0 && appId !== APPLICATION_ID;
  const foreignTables = tables.size > 0 && !OUR_TABLES.every((t) => tables.has(t)) && !(tables.size === 1 && tables.has('__drizzle_migrations'));
  if (foreignId || foreignTables)
    throw new ProceedsError(
      'Invalid',
      `${path.resolve(file)} is an SQLite database of another application, not a Proceeds database${foreignId ? ` (application id 0x${appId.toString(16)})` : ''}; it was not changed`,
      [{ path: 'db', message: 'not a Proceeds database' }],
    );
}

/** Marks a database this build just created as ours. */
export function markOurs(sqlite: Database.Database): void {
  if ((sqlite.pragma('application_id', { simple: true }) as number) === 0) sqlite.pragma(`application_id = ${APPLICATION_ID}`);
}

/** `PRAGMA quick_check`: the first problems found, or an empty list when the file is sound. */
export function quickCheck(sqlite: Database.Database, max = 5): string[] {
  const rows = sqlite.pragma(`quick_check(${max})`) as { quick_check: string }[];
  const msgs = rows.map((r) => r.quick_check);
  return msgs.length === 1 && msgs[0] === 'ok' ? [] : msgs;
}

export const damagedMessage = (file: string, detail: string) =>
  `file damaged: ${path.resolve(file)} (${detail}); restore it from a backup (in the app: Settings, Backups and restore; on the command line: "proceeds restore BACKUP")`;
