import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import { keyOf } from '../../db/cipher.js';
import type { FileCipher } from './file-cipher.js';

/**
 * The key of the files beside an encrypted database: random, kept in the database's own settings
 * (so only the database key reaches it, and a rekey leaves the files as they are). A plain
 * database has none: its files stay plain, as it does.
 */
const FILES_KEY = 'files.key';
const cache = new WeakMap<Database.Database, FileCipher | null>();

export function fileCipherOf(sqlite: Database.Database): FileCipher | undefined {
  if (!keyOf(sqlite)) return undefined;
  let c = cache.get(sqlite);
  if (c === undefined) {
    const hex = sqlite.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(FILES_KEY) as string | undefined;
    c = hex ? { key: Buffer.from(hex, 'hex') } : null;
    // Only a found key is kept: the reader may ask before the writer's first commit of it.
    if (c) cache.set(sqlite, c);
  }
  return c ?? undefined;
}

/** Gives an encrypted database its file key if it has none yet (writer connection). */
export function ensureFileKey(sqlite: Database.Database): void {
  if (!keyOf(sqlite) || sqlite.readonly) return;
  sqlite.prepare('INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)').run(FILES_KEY, randomBytes(32).toString('hex'));
}
