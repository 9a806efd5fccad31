import fs from 'node:fs';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { exclusive, query } from '../contract.js';
import { ProceedsError } from '../errors.js';
import { keyFromPassphrase, randomKey, type DbKey } from '../../db/cipher.js';
import { secretProtector } from '../keys/protection.js';
import { changeKey } from './change-key.js';
import { keyFileOf } from './desktop-key.js';
import { keyOf } from '../../db/cipher.js';

/** How the open database is kept: plain, under a passphrase (browser, CLI), or under a key the OS keychain seals (desktop). */
export type KeySource = 'none' | 'passphrase' | 'keychain';

const keySourceOf = (dbPath: string, encrypted: boolean): KeySource => (!encrypted ? 'none' : fs.existsSync(keyFileOf(dbPath)) ? 'keychain' : 'passphrase');

export const ChangeKeyInput = z.discriminatedUnion('mode', [
  z.object({
    mode: z.literal('passphrase'),
    current: z.string().min(1, 'the current passphrase is required'),
    next: z.string().min(8, 'the new passphrase needs at least 8 characters').max(1024),
  }).strict(),
  z.object({ mode: z.literal('rotate') }).strict(),
]);

const sameKey = (a: DbKey, b: DbKey) => a.raw.length === b.raw.length && timingSafeEqual(a.raw, b.raw);

/** Writes the new key, sealed by the OS keychain, beside the database under a temporary name; renamed into place once the database uses it. */
async function sealedKeyFile(dbPath: string, key: DbKey): Promise<string> {
  const keychain = secretProtector();
  if (!keychain || !keychain.status().available) throw new ProceedsError('Forbidden', 'the OS keychain is not available to this process: the database key cannot be rotated here; nothing was changed');
  const tmp = `${keyFileOf(dbPath)}.${randomUUID()}`;
  fs.writeFileSync(tmp, JSON.stringify({ format: 'proceeds-db-key/1', protection: 'safeStorage', sealed: await keychain.protect(key.raw) }) + '\n', { mode: 0o600 });
  return tmp;
}

export const encryptionMethods = {
  /** Whether the database is encrypted and what keeps its key (Settings shows the matching control). */
  'db.encryption': query(z.object({}), (_input, ctx) => ({ encrypted: Boolean(keyOf(ctx.sqlite)), keySource: keySourceOf(ctx.sqlite.name, Boolean(keyOf(ctx.sqlite))) })),
  /**
   * Changes the passphrase of an encrypted database (browser, CLI), or rotates the random key the
   * OS keychain keeps for it (desktop). A wrong current passphrase is refused before anything is
   * touched; the change itself is audited (core/encryption/change-key.ts). Exhibit and staged files
   * keep their own key, which lives inside the database and follows it.
   */
  'db.changeKey': exclusive(ChangeKeyInput, async (input, x) => {
    if (!x.key) throw new ProceedsError('Conflict', 'the database is not encrypted: encrypt it with "proceeds db encrypt"; nothing was changed');
    const source = keySourceOf(x.dbPath, true);
    let newKey: DbKey;
    let keyFile: string | undefined;
    if (input.mode === 'passphrase') {
      if (source === 'keychain') throw new ProceedsError('Conflict', "this database's key is kept by the OS keychain, not a passphrase: rotate the key instead; nothing was changed", [{ path: 'mode', message: 'keychain' }]);
      if (!sameKey(keyFromPassphrase(x.dbPath, input.current), x.key)) throw new ProceedsError('Forbidden', 'the current passphrase is wrong; nothing was changed', [{ path: 'current', message: 'wrong passphrase' }]);
      if (input.current === input.next) throw new ProceedsError('Invalid', 'the new passphrase is the current one; nothing was changed', [{ path: 'next', message: 'unchanged' }]);
      newKey = keyFromPassphrase(x.dbPath, input.next);
    } else {
      if (source !== 'keychain') throw new ProceedsError('Conflict', 'this database is kept under a passphrase: change the passphrase instead; nothing was changed', [{ path: 'mode', message: 'passphrase' }]);
      newKey = randomKey();
      keyFile = await sealedKeyFile(x.dbPath, newKey);
    }
    try {
      const r = await changeKey({ dbPath: x.dbPath, dataDir: x.dataDir, oldKey: x.key, newKey, actor: x.actor });
      if (keyFile) fs.renameSync(keyFile, keyFileOf(x.dbPath));
      x.setKey?.(newKey);
      return { done: 'rekeyed' as const, keySource: source, auditSeq: r.auditSeq };
    } finally {
      if (keyFile) fs.rmSync(keyFile, { force: true });
    }
  }),
};
