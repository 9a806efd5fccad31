import fs from 'node:fs';
import { pbkdf2Sync, randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { binaryKind } from '../core/file-kind.js';

/**
 * The database cipher: SQLCipher 4 (AES-256-CBC, HMAC-SHA512 per page, PBKDF2-HMAC-SHA512 with
 * 256,000 iterations) through better-sqlite3-multiple-ciphers, installed under the name
 * better-sqlite3. SQLCipher 4 rather than the faster ChaCha20 scheme: any `sqlcipher` shell opens
 * the file with the passphrase, which is the recovery path if Proceeds itself cannot run
 * (docs/encryption-at-rest.md has the measurements).
 */

/**
 * The 32 bytes SQLCipher encrypts with, never the passphrase: a passphrase is stretched once per
 * process (PBKDF2, as SQLCipher itself does, with the salt in the file's first 16 bytes), so the
 * two connections of a core and a backup worker do not each pay 256,000 iterations.
 * `salt`: what the key was stretched with (a passphrase's key); written into a file being created
 * or re-encrypted, since SQLCipher would otherwise choose a new one and the passphrase would no longer
 * lead to the key.
 */
export interface DbKey {
  raw: Buffer;
  salt?: Buffer;
}

export const KDF_ITERATIONS = 256_000;
const SALT_BYTES = 16;
const PLAIN_HEADER = 'SQLite format 3\u0000';

/** SQLCipher's own stretching of a passphrase (v4 defaults): the same 32 bytes `PRAGMA key='…'` would use. */
export function keyFromPassphrase(file: string, passphrase: string): DbKey {
  if (!passphrase) throw new Error('the passphrase is empty');
  const existing = readSalt(file);
  const salt = existing ?? randomBytes(SALT_BYTES);
  const raw = pbkdf2Sync(Buffer.from(passphrase, 'utf8'), salt, KDF_ITERATIONS, 32, 'sha512');
  return { raw, salt };
}

/** The salt an encrypted file starts with; undefined for a missing, empty or plain file. */
export function readSalt(file: string): Buffer | undefined {
  const head = readHead(file, SALT_BYTES);
  if (head.length < SALT_BYTES || head.toString('latin1') === PLAIN_HEADER) return undefined;
  return head;
}

/** The first bytes of a regular file; empty for anything else (a folder, a device: open-guard names those). */
function readHead(file: string, n: number): Buffer {
  if (file === ':memory:' || file === '') return Buffer.alloc(0);
  try {
    if (!fs.statSync(file).isFile()) return Buffer.alloc(0);
    const fd = fs.openSync(file, 'r');
    try {
      const b = Buffer.alloc(n);
      return b.subarray(0, fs.readSync(fd, b, 0, n, 0));
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return Buffer.alloc(0);
  }
}

/**
 * A file that can be an encrypted database: whole pages (SQLCipher writes 4096-byte pages), and
 * first bytes that are neither SQLite's plain header, nor another kind we know (a zip, a PDF), nor
 * text. Only the key tells it from random bytes. Missing and empty files are neither.
 */
export function looksEncrypted(file: string): boolean {
  const head = readHead(file, 32);
  if (head.length < 32 || binaryKind(head)) return false;
  if (fs.statSync(file).size % 512 !== 0) return false;
  const printable = head.filter((b) => (b >= 0x20 && b < 0x7f) || b === 0x0a || b === 0x0d || b === 0x09).length;
  return printable < head.length;
}

/** Keys of open connections, so a backup worker or a reopen uses the same key without asking again. */
const keys = new WeakMap<Database.Database, DbKey>();

export const keyOf = (sqlite: Database.Database): DbKey | undefined => keys.get(sqlite);

/** The value of `PRAGMA key`/`rekey`: raw key bytes in SQLCipher's x'…' form (with the salt for a new file). */
export function keyLiteral(key: DbKey, withSalt = false): string {
  if (key.raw.length !== 32) throw new Error('a database key is 32 bytes');
  const hex = key.raw.toString('hex') + (withSalt && key.salt ? key.salt.toString('hex') : '');
  return `"x'${hex}'"`;
}

const CIPHER_PRAGMAS = ["cipher = 'sqlcipher'", 'legacy = 4'];

/** Chooses the cipher. Must come before the first read of the file. */
export function selectCipher(sqlite: Database.Database): void {
  for (const p of CIPHER_PRAGMAS) sqlite.pragma(p);
}

/** The pragmas that open an existing encrypted file, as plain strings (for a worker thread); none for a plain file. */
export const keyPragmas = (key: DbKey | undefined): string[] => (key ? [...CIPHER_PRAGMAS, `key = ${keyLiteral(key)}`] : []);

/** Gives a fresh connection its key. Must come before the first read of the file. */
export function applyKey(sqlite: Database.Database, key: DbKey, creating: boolean): void {
  selectCipher(sqlite);
  sqlite.pragma(`key = ${keyLiteral(key, creating)}`);
  keys.set(sqlite, { raw: key.raw });
}

/**
 * Re-encrypts an open database under a new key (the file must not be in WAL mode; see
 * core/encryption). The salt is given explicitly: SQLCipher would pick a new one otherwise.
 */
export function rekey(sqlite: Database.Database, key: DbKey): void {
  selectCipher(sqlite);
  sqlite.pragma(`rekey = ${keyLiteral(key, true)}`);
  keys.set(sqlite, { raw: key.raw });
}

/** A new random key (the desktop's, wrapped by the OS keychain). */
export const randomKey = (): DbKey => ({ raw: randomBytes(32) });
