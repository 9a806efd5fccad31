import { createHmac, randomBytes } from 'node:crypto';
import { Digests, sha256Hex } from '../hash/index.js';
import fs from 'node:fs';
import path from 'node:path';
import type { Sqlite } from '../../db/connection.js';
import { checkpointFileOf } from './anchor.js';

/**
 * Remembers that a database passed deep verification, so the next open of the very same content
 * skips the replay (docs/audit-log.md, "Verification on open"). What is remembered is a digest of
 * the file's bytes (contentDigest). Any edit made outside the app, by the sqlite3 shell or
 * otherwise, changes it, and the next open verifies deep again before anything is written or exported.
 *
 * The digest is kept outside the database, in the user's own folder, under an HMAC whose key lives
 * there too: someone who edits a copy of the file cannot also forge the note that it was verified.
 */

export interface VerifiedCache {
  /** Folder of the key and one note per database (the app's data folder, not the database's). */
  dir: string;
}

/** SHA-256 over files, read in 1 MiB blocks (a large database is not read into memory at once). */
function hashFiles(files: string[]): string {
  const hash = new Digests();
  const block = Buffer.allocUnsafe(1 << 20);
  for (const file of files) {
    hash.update(`\u001e${path.basename(file)}\n`);
    let fd: number;
    try {
      fd = fs.openSync(file, 'r');
    } catch {
      continue;
    }
    try {
      for (let n = fs.readSync(fd, block); n > 0; n = fs.readSync(fd, block)) hash.update(block.subarray(0, n));
    } finally {
      fs.closeSync(fd);
    }
  }
  return hash.result().hex;
}

/**
 * SHA-256 of the bytes deep verification reads: the database file, its write-ahead log (committed
 * changes not yet folded in), and the signed checkpoint file kept beside it. Any change made with
 * the sqlite3 shell changes these bytes; hashing them costs a fraction of replaying the log.
 */
export function contentDigest(sqlite: Sqlite): string {
  const file = sqlite.name;
  return hashFiles([file, `${file}-wal`, checkpointFileOf(sqlite) ?? `${file}.checkpoint`]);
}

function key(cache: VerifiedCache): Buffer {
  const file = path.join(cache.dir, 'verified.key');
  try {
    return fs.readFileSync(file);
  } catch {
    fs.mkdirSync(cache.dir, { recursive: true });
    const k = randomBytes(32);
    try {
      // wx: two processes starting at once keep the first key; the second reads it back.
      fs.writeFileSync(file, k, { flag: 'wx', mode: 0o600 });
      return k;
    } catch {
      return fs.readFileSync(file);
    }
  }
}

function notePath(cache: VerifiedCache, dbPath: string): string {
  const id = sha256Hex(path.resolve(dbPath)).slice(0, 32);
  return path.join(cache.dir, 'verified', `${id}.json`);
}

const mac = (cache: VerifiedCache, dbPath: string, digest: string) =>
  createHmac('sha256', key(cache)).update(`${path.resolve(dbPath)}\n${digest}`).digest('hex');

/** The note says this database's content, exactly, passed deep verification (at the time returned). */
export function verifiedAt(cache: VerifiedCache, dbPath: string, digest: string): string | undefined {
  try {
    const note = JSON.parse(fs.readFileSync(notePath(cache, dbPath), 'utf8')) as { mac?: string; checkedAt?: string };
    return note.mac === mac(cache, dbPath, digest) && typeof note.checkedAt === 'string' ? note.checkedAt : undefined;
  } catch {
    return undefined;
  }
}

/** Writes the note; never throws (a note that cannot be written only costs the next open a replay). */
export function rememberVerified(cache: VerifiedCache, dbPath: string, digest: string, checkedAt: string): void {
  try {
    const file = notePath(cache, dbPath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify({ db: path.resolve(dbPath), checkedAt, mac: mac(cache, dbPath, digest) }), { mode: 0o600 });
    fs.renameSync(tmp, file);
  } catch {
    /* next open verifies deep */
  }
}
