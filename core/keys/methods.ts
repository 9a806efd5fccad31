import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { keyring, signingKeys } from '../../db/schema/index.js';
import { mutation, preparedMutation, query } from '../contract.js';
import { conflictOn, invalid, invalidField, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { trustedKeyFrom } from './keyring.js';
import { keyIdHex, MinisignFormatError } from './minisign.js';
import { secretProtector } from './protection.js';
import { KeyCreate, KeyImport, KeyringAdd, KeyringConfirm, KeyringRevoke } from './schemas.js';
import { fingerprintWords, sameFingerprint } from './fingerprint-words.js';
import { newAgeKeys } from './age-keys.js';
import { decryptSecretKey, encryptSecretKey, generateSigningKey, keyFingerprint, MIN_PASSPHRASE, keyFileRefusal, parseSecretKeyFile, publicKeyText } from './secret-key.js';

const publicView = (r: typeof signingKeys.$inferSelect) => {
  const { secretKey: _secret, ageIdentity: _identity, ...rest } = r;
  return rest;
};

/** The fingerprint as words too: easier to read out by phone than 64 hex digits. */
const withWords = <T extends { fingerprint: string }>(k: T) => ({ ...k, fingerprintWords: fingerprintWords(k.fingerprint) });

function parsePub(text: string, agencyName: string, validFrom?: string, validTo?: string) {
  try {
    return trustedKeyFrom(text, { agencyName, validFrom, validTo });
  } catch (e) {
    if (e instanceof MinisignFormatError) throw invalidField('publicKey', 'keys.notMinisign', { reason: e.message });
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
    // Several seconds pass here (scrypt, the age keys): the form shows each step rather than nothing.
    ctx.progress({ phase: 'generating', done: 0, total: 3 });
    const key = generateSigningKey(input.agency);
    ctx.progress({ phase: input.protection === 'safeStorage' ? 'keychain' : 'protecting', done: 1, total: 3 });
    let secret: string;
    if (input.protection === 'safeStorage') {
      const p = secretProtector();
      const status = p?.status() ?? { available: false, reason: 'the OS keychain is only available in the desktop app' };
      if (!p || !status.available) throw invalid('protection', `${status.reason}`);
      secret = await p.protect(key.seed);
    } else secret = JSON.stringify(await encryptSecretKey(key, input.passphrase!), null, 2);
    ctx.progress({ phase: 'ageKeys', done: 2, total: 3 });
    const row = {
      id: newId(), agencyName: input.agency, publicKey: publicKeyText(key), keyId: keyIdHex(key.keyId),
      fingerprint: keyFingerprint(key), secretKey: secret, protection: input.protection, ...(await newAgeKeys()),
    };
    ctx.db.insert(signingKeys).values(row).run();
    ctx.audit({ entity: 'signing_key', entityId: row.id, after: publicView(row as typeof signingKeys.$inferSelect) });
    return publicView(ctx.db.select().from(signingKeys).where(eq(signingKeys.id, row.id)).get()!);
  }),

  /**
   * Takes a key made by `proceeds keys generate`; the passphrase is checked before it is stored.
   * The scrypt derivation runs before the writer is taken: nobody waits on the database for it.
   */
  'keys.import': preparedMutation(
    KeyImport,
    async (input) => {
      try {
        return { key: await decryptSecretKey(parseSecretKeyFile(input.keyFile), input.passphrase), age: await newAgeKeys() };
      } catch (e) {
        throw keyFileRefusal(e);
      }
    },
    (input, ctx, { key, age }) => {
      const fingerprint = keyFingerprint(key);
      if (ctx.db.select().from(signingKeys).where(eq(signingKeys.fingerprint, fingerprint)).get()) throw conflictOn('keyFile', 'keys.hereAlready');
      const row = {
        id: newId(), agencyName: key.agency, publicKey: publicKeyText(key), keyId: keyIdHex(key.keyId),
        fingerprint, secretKey: input.keyFile, protection: 'passphrase' as const, ...age,
      };
      ctx.db.insert(signingKeys).values(row).run();
      ctx.audit({ entity: 'signing_key', entityId: row.id, after: publicView(row as typeof signingKeys.$inferSelect) });
      return publicView(ctx.db.select().from(signingKeys).where(eq(signingKeys.id, row.id)).get()!);
    },
  ),

  'keyring.list': query(z.object({}), (_input, ctx) => ctx.db.select().from(keyring).orderBy(asc(keyring.agencyName)).all().map(withWords)),

  /**
   * Adds an agency's key, pending: it is trusted only once a person has read its fingerprint (or
   * its words) back with the agency and confirmed it (`keyring.confirm`, or `confirmFingerprint`
   * here when they did so before adding).
   */
  'keyring.add': mutation(KeyringAdd, (input, ctx) => {
    const k = parsePub(input.publicKey, input.agencyName, input.validFrom, input.validTo);
    const clash = ctx.db.select().from(keyring).where(eq(keyring.fingerprint, k.fingerprint)).get();
    if (clash) throw conflictOn('publicKey', 'keys.inKeyringAlready', { agency: clash.agencyName });
    if (input.confirmFingerprint !== undefined && !sameFingerprint(input.confirmFingerprint, k.fingerprint))
      throw invalidField('confirmFingerprint', 'keys.fingerprintMismatch', { fingerprint: k.fingerprint });
    const row = {
      id: newId(), agencyName: k.agencyName, publicKey: k.publicKey, keyId: k.keyId, fingerprint: k.fingerprint, validFrom: k.validFrom, validTo: k.validTo,
      ageRecipient: input.ageRecipient ?? null, confirmedAt: input.confirmFingerprint !== undefined ? ctx.now() : null,
    };
    ctx.db.insert(keyring).values(row).run();
    ctx.audit({ entity: 'keyring', entityId: row.id, after: row });
    return withWords(ctx.db.select().from(keyring).where(eq(keyring.id, row.id)).get()!);
  }),

  /** Trusts a pending key once the fingerprint read back by the agency matches. */
  'keyring.confirm': mutation(KeyringConfirm, (input, ctx) => {
    const before = ctx.db.select().from(keyring).where(eq(keyring.id, input.id)).get();
    if (!before) throw notFound('keyring entry', input.id);
    if (before.confirmedAt) throw conflictOn('id', 'keys.confirmedAlready', { date: before.confirmedAt });
    if (!sameFingerprint(input.fingerprint, before.fingerprint))
      throw invalidField('fingerprint', 'keys.fingerprintMismatch', { fingerprint: before.fingerprint });
    ctx.db.update(keyring).set({ confirmedAt: ctx.now() }).where(eq(keyring.id, input.id)).run();
    const after = ctx.db.select().from(keyring).where(eq(keyring.id, input.id)).get()!;
    ctx.audit({ entity: 'keyring', entityId: input.id, before, after });
    return withWords(after);
  }),

  /** Revocation is kept, never deleted: bundles signed by the key are refused from now on. */
  'keyring.revoke': mutation(KeyringRevoke, (input, ctx) => {
    const before = ctx.db.select().from(keyring).where(eq(keyring.id, input.id)).get();
    if (!before) throw notFound('keyring entry', input.id);
    if (before.revokedAt) throw conflictOn('id', 'keys.revokedAlready', { date: before.revokedAt });
    ctx.db.update(keyring).set({ revokedAt: ctx.now(), revokedReason: input.reason }).where(eq(keyring.id, input.id)).run();
    const after = ctx.db.select().from(keyring).where(eq(keyring.id, input.id)).get()!;
    ctx.audit({ entity: 'keyring', entityId: input.id, before, after });
    return after;
  }),
};
