import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { applyKey, looksEncrypted, readSalt, rekey, type DbKey } from '../../db/cipher.js';
import { openDatabase } from '../../db/connection.js';
import { fsyncDir, fsyncFile } from '../../db/snapshot.js';
import { ProceedsError } from '../errors.js';
import { appendAudit } from '../audit/chain.js';
import { resolveActor } from '../actor.js';
import { syncTree } from '../audit/tree.js';
import type { Actor } from '../context.js';
import { takeOverCurrent } from '../restore/restore.js';
import { ensureFileKey, fileCipherOf } from './file-key.js';
import { encryptStoreFiles } from './store-files.js';

export interface ChangeKeyReport {
  /** "encrypted": a plain database was converted; "rekeyed": an encrypted one got a new key. */
  done: 'encrypted' | 'rekeyed';
  database: string;
  /** Exhibit files encrypted on the way (a conversion encrypts the plain store). */
  filesEncrypted: number;
  auditSeq: number;
}

interface ChangeKeyInput {
  dbPath: string;
  dataDir: string;
  oldKey?: DbKey;
  newKey: DbKey;
  actor?: Partial<Actor>;
}

/** Head of the log as a cheap fingerprint: a copy that disagrees with it lost or changed something. */
function logHead(sqlite: Database.Database): string {
  return JSON.stringify(sqlite.prepare('SELECT count(*) AS n, max(seq) AS seq, (SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1) AS hash FROM audit_log').get());
}

/**
 * Encrypts a plain database, or changes the key of an encrypted one. Runs with every connection
 * closed: the caller's (Core.changeKey closes its own), and any other process's (takeOverCurrent
 * refuses while the app, `serve` or another command has the file open).
 *
 * Conversion: the plain file is copied (VACUUM INTO, consistent), the copy encrypted in place with
 * `PRAGMA rekey`, reopened with the new key and compared with the original (integrity, audit head),
 * then renamed over it: the database is plain or encrypted, never half of each.
 * Rekey: SQLCipher rewrites every page in one transaction, which it refuses under WAL, so the file
 * goes to rollback-journal mode for it; the next open switches it back to WAL.
 */
export async function changeKey(o: ChangeKeyInput): Promise<ChangeKeyReport> {
  const dbPath = path.resolve(o.dbPath);
  if (!fs.existsSync(dbPath)) throw new ProceedsError('NotFound', `no database at ${dbPath}`);
  const wasEncrypted = looksEncrypted(dbPath);
  if (wasEncrypted && !o.oldKey) throw new ProceedsError('Forbidden', `${dbPath} is encrypted: its current passphrase or key is needed to change it; nothing was changed`);
  takeOverCurrent(dbPath, wasEncrypted ? o.oldKey : undefined);
  if (wasEncrypted) rekeyInPlace(dbPath, o.oldKey!, { raw: o.newKey.raw, salt: o.newKey.salt ?? readSalt(dbPath) });
  else convert(dbPath, o.newKey);

  const conn = openDatabase(dbPath, { create: false, key: o.newKey });
  try {
    const sqlite = conn.sqlite;
    ensureFileKey(sqlite);
    const filesEncrypted = await encryptStoreFiles(o.dataDir, fileCipherOf(sqlite)!);
    sqlite.transaction(() => syncTree(sqlite)).immediate();
    const row = sqlite
      .transaction(() =>
        appendAudit(sqlite, resolveActor(sqlite, o.actor ?? {}), wasEncrypted ? 'db.rekey' : 'db.encrypt', { entity: 'database', entityId: path.basename(dbPath), after: { encrypted: true, filesEncrypted } }, new Date().toISOString()),
      )
      .immediate();
    return { done: wasEncrypted ? 'rekeyed' : 'encrypted', database: dbPath, filesEncrypted, auditSeq: row.seq };
  } finally {
    conn.close();
  }
}

function rekeyInPlace(dbPath: string, oldKey: DbKey, newKey: DbKey): void {
  const sqlite = new Database(dbPath, { fileMustExist: true, timeout: 0 });
  try {
    applyKey(sqlite, oldKey, false);
    sqlite.pragma('journal_mode = DELETE');
    rekey(sqlite, newKey);
    const bad = sqlite.pragma('quick_check(1)', { simple: true });
    if (bad !== 'ok') throw new ProceedsError('Internal', `after the key change ${dbPath} does not check out (${String(bad)})`);
  } finally {
    sqlite.close();
  }
}

function convert(dbPath: string, newKey: DbKey): void {
  const dir = path.dirname(dbPath);
  const tmp = path.join(dir, `.${path.basename(dbPath)}.encrypt-${randomUUID()}`);
  try {
    const src = new Database(dbPath, { fileMustExist: true, readonly: true });
    let head: string;
    try {
      head = logHead(src);
      src.prepare('VACUUM INTO ?').run(tmp);
    } finally {
      src.close();
    }
    const copy = new Database(tmp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
      rekey(copy, newKey);
    } finally {
      copy.close();
    }
    const check = new Database(tmp, { fileMustExist: true, readonly: true });
    try {
      applyKey(check, newKey, false);
      const ok = check.pragma('quick_check(1)', { simple: true });
      if (ok !== 'ok' || logHead(check) !== head || !looksEncrypted(tmp))
        throw new ProceedsError('Internal', `the encrypted copy of ${dbPath} does not match it; nothing was changed`);
    } finally {
      check.close();
    }
    fsyncFile(tmp);
    fs.renameSync(tmp, dbPath);
    fsyncDir(dir);
  } finally {
    for (const s of ['', '-journal', '-wal', '-shm']) fs.rmSync(tmp + s, { force: true });
  }
}
