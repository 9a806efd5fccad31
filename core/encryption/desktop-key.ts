import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { looksEncrypted, randomKey, type DbKey } from '../../db/cipher.js';
import { ProceedsError } from '../errors.js';
import type { SecretProtector } from '../keys/protection.js';

/** Beside the database: its key, sealed by the OS keychain (useless without this user's login). */
export const keyFileOf = (dbPath: string) => `${path.resolve(dbPath)}.key`;

interface KeyFile {
  format: 'proceeds-db-key/1';
  protection: 'safeStorage';
  sealed: string;
}

/**
 * The desktop's database key: a random 32-byte key sealed by the OS keychain (Electron's
 * safeStorage, in main) and kept beside the database. A new database gets one when the keychain
 * is usable; an existing plain database stays plain (undefined) until it is encrypted; an
 * encrypted database whose key file is missing or will not open is refused, never recreated.
 */
export async function desktopDatabaseKey(dbPath: string, keychain: SecretProtector): Promise<DbKey | undefined> {
  const keyFile = keyFileOf(dbPath);
  if (fs.existsSync(keyFile)) {
    let parsed: KeyFile;
    try {
      parsed = JSON.parse(fs.readFileSync(keyFile, 'utf8')) as KeyFile;
      if (parsed.format !== 'proceeds-db-key/1') throw new Error(`unknown format ${String(parsed.format)}`);
    } catch (e) {
      throw new ProceedsError('Invalid', `the database key file ${keyFile} is damaged (${(e as Error).message}); nothing was opened`);
    }
    let raw: Buffer;
    try {
      raw = await keychain.unprotect(parsed.sealed);
    } catch (e) {
      throw new ProceedsError('Forbidden', `the OS keychain of this user cannot open the database key ${keyFile} (${(e as Error).message}): wrong passphrase or key; nothing was opened`);
    }
    if (raw.length !== 32) throw new ProceedsError('Invalid', `the database key in ${keyFile} is not 32 bytes; nothing was opened`);
    return { raw };
  }
  const exists = fs.existsSync(dbPath) && fs.statSync(dbPath).size > 0;
  if (exists && looksEncrypted(dbPath))
    throw new ProceedsError('Forbidden', `${dbPath} is encrypted but its key file ${keyFile} is missing: copy the key file back beside it; nothing was opened`);
  if (exists || !keychain.status().available) return undefined;
  const key = randomKey();
  const sealed: KeyFile = { format: 'proceeds-db-key/1', protection: 'safeStorage', sealed: await keychain.protect(key.raw) };
  fs.mkdirSync(path.dirname(keyFile), { recursive: true });
  const tmp = `${keyFile}.${randomUUID()}`;
  fs.writeFileSync(tmp, JSON.stringify(sealed) + '\n', { mode: 0o600 });
  fs.renameSync(tmp, keyFile);
  return key;
}
