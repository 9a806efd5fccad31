import { keyring, signingKeys } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { fail, invalidField } from '../errors.js';
import type { TrustedKey } from './keyring.js';
import { secretProtector } from './protection.js';
import { decryptSecretKey, parseSecretKeyFile, PassphraseError, type SigningKey } from './secret-key.js';
import { rowById } from '../row-by-id.js';

/** This installation's signing keys and keyring, as stored in its database. */

export const signingKeyRow = (ctx: Pick<Ctx, 'db'>, id: string) => rowById(ctx, signingKeys, 'signing key', id);

/** Unlocks a stored key: through the OS keychain, or with the passphrase. */
export async function unlockSigningKey(ctx: Pick<Ctx, 'db'>, id: string, passphrase: string | undefined): Promise<SigningKey> {
  const row = signingKeyRow(ctx, id);
  if (row.protection === 'safeStorage') {
    const p = secretProtector();
    if (!p) throw fail('Forbidden', 'keys.keychainOnly');
    const seed = await p.unprotect(row.secretKey);
    const blob = Buffer.from(row.publicKey.split('\n')[1], 'base64');
    return { agency: row.agencyName, keyId: blob.subarray(2, 10), publicKey: blob.subarray(10, 42), seed };
  }
  if (!passphrase) throw invalidField('passphrase', 'keys.passphraseRequired');
  try {
    return await decryptSecretKey(parseSecretKeyFile(row.secretKey), passphrase);
  } catch (e) {
    if (e instanceof PassphraseError) throw invalidField('passphrase', e.key, e.params);
    throw e;
  }
}

export function dbKeyring(ctx: Pick<Ctx, 'db'>): TrustedKey[] {
  return ctx.db.select().from(keyring).all().map((k) => ({ ...k, addedAt: k.addedAt }));
}
