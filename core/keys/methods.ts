import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { keyring, signingKeys } from '../../db/schema/index.js';
import { mutation, query } from '../contract.js';
import { conflict, invalid, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { trustedKeyFrom } from './keyring.js';
import { keyIdHex, MinisignFormatError } from './minisign.js';
import { secretProtector } from './protection.js';
import { KeyCreate, KeyImport, KeyringAdd, KeyringRevoke } from './schemas.js';
import { decryptSecretKey, encryptSecretKey, generateSigningKey, keyFingerprint, MIN_PASSPHRASE, parseSecretKeyFile, PassphraseError, publicKeyText } from './secret-key.js';

const publicView = (r: typeof signingKeys.$inferSelect) => {
  const { secretKey: _secret, ...rest } = r;
  return rest;
};

function parsePub(text: string, agencyName: string, validFrom?: string, validTo?: string) {
  try {
    return trustedKeyFrom(text, { agencyName, validFrom, validTo });
  } catch (e) {
    if (e instanceof MinisignFormatError) throw invalid('publicKey', `not a minisign public key: ${e.message}`);
    throw e;
  }
}

export const keyMethods = {
  /** Which protections of the secret key this host offers (the OS keychain only in the desktop app). */
  'keys.protections': query(z.object({}), () => {
    const p = secretProtector();
    const ss = p ? p.status() : { available: false, reason: 'the OS keychain is only available in the desktop app' };
    return { safeStorage: ss, passphrase: { available: true, minLength: MIN_PASSPHRASE } };
  }),

  'keys.list': query(z.object({}), (_input, ctx) => ctx.db.select().from(signingKeys).orderBy(asc(signingKeys.createdAt)).all().map(publicView)),

  /** Creates this installation's signing key for an agency (in the app: on the first export). */
  'keys.create': mutation(KeyCreate, async (input, ctx) => {
    const key = generateSigningKey(input.agency);
    let secret: string;
    if (input.protection === 'safeStorage') {
      const p = secretProtector();
      const status = p?.status() ?? { available: false, reason: 'the OS keychain is only available in the desktop app' };
      if (!p || !status.available) throw invalid('protection', `${status.reason}`);
      secret = await p.protect(key.seed);
    } else secret = JSON.stringify(await encryptSecretKey(key, input.passphrase!), null, 2);
    const row = {
      id: newId(), agencyName: input.agency, publicKey: publicKeyText(key), keyId: keyIdHex(key.keyId),
      fingerprint: keyFingerprint(key), secretKey: secret, protection: input.protection,
    };
    ctx.db.insert(signingKeys).values(row).run();
    ctx.audit({ entity: 'signing_key', entityId: row.id, after: publicView(row as typeof signingKeys.$inferSelect) });
    return publicView(ctx.db.select().from(signingKeys).where(eq(signingKeys.id, row.id)).get()!);
  }),

  /** Takes a key made by `proceeds keys generate`; the passphrase is checked before it is stored. */
  'keys.import': mutation(KeyImport, async (input, ctx) => {
    let key;
    try {
      key = await decryptSecretKey(parseSecretKeyFile(input.keyFile), input.passphrase);
    } catch (e) {
      throw invalid(e instanceof PassphraseError ? 'passphrase' : 'keyFile', (e as Error).message);
    }
    const fingerprint = keyFingerprint(key);
    if (ctx.db.select().from(signingKeys).where(eq(signingKeys.fingerprint, fingerprint)).get()) throw conflict('this key is here already', 'keyFile');
    const row = {
      id: newId(), agencyName: key.agency, publicKey: publicKeyText(key), keyId: keyIdHex(key.keyId),
      fingerprint, secretKey: input.keyFile, protection: 'passphrase' as const,
    };
    ctx.db.insert(signingKeys).values(row).run();
    ctx.audit({ entity: 'signing_key', entityId: row.id, after: publicView(row as typeof signingKeys.$inferSelect) });
    return publicView(ctx.db.select().from(signingKeys).where(eq(signingKeys.id, row.id)).get()!);
  }),

  'keyring.list': query(z.object({}), (_input, ctx) => ctx.db.select().from(keyring).orderBy(asc(keyring.agencyName)).all()),

  /** Trusts an agency's key. The fingerprint is computed here, to be read out and confirmed by phone. */
  'keyring.add': mutation(KeyringAdd, (input, ctx) => {
    const k = parsePub(input.publicKey, input.agencyName, input.validFrom, input.validTo);
    const clash = ctx.db.select().from(keyring).where(eq(keyring.fingerprint, k.fingerprint)).get();
    if (clash) throw conflict(`this key is in the keyring already, for ${clash.agencyName}`, 'publicKey');
    const row = { id: newId(), agencyName: k.agencyName, publicKey: k.publicKey, keyId: k.keyId, fingerprint: k.fingerprint, validFrom: k.validFrom, validTo: k.validTo };
    ctx.db.insert(keyring).values(row).run();
    ctx.audit({ entity: 'keyring', entityId: row.id, after: row });
    return ctx.db.select().from(keyring).where(eq(keyring.id, row.id)).get()!;
  }),

  /** Revocation is kept, never deleted: bundles signed by the key are refused from now on. */
  'keyring.revoke': mutation(KeyringRevoke, (input, ctx) => {
    const before = ctx.db.select().from(keyring).where(eq(keyring.id, input.id)).get();
    if (!before) throw notFound('keyring entry', input.id);
    if (before.revokedAt) throw conflict(`this key was revoked already on ${before.revokedAt}`, 'id');
    ctx.db.update(keyring).set({ revokedAt: ctx.now(), revokedReason: input.reason }).where(eq(keyring.id, input.id)).run();
    const after = ctx.db.select().from(keyring).where(eq(keyring.id, input.id)).get()!;
    ctx.audit({ entity: 'keyring', entityId: input.id, before, after });
    return after;
  }),
};
