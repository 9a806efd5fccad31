import { afterEach, describe, expect, it } from 'vitest';
import { decryptSecretKey, encryptSecretKey, forgetUnlockedKeys, generateSigningKey, parseSecretKeyFile, PassphraseError, unlockDerivations } from '../../../core/keys/secret-key.js';
import { registerSecretProtector, safeStorageProtector, type SafeStorageLike } from '../../../core/keys/protection.js';
import { tempCore } from '../../helpers/core.js';
import { PASSPHRASE } from '../bundle/helpers.js';

afterEach(() => registerSecretProtector(undefined));

/** A stand-in for Electron's safeStorage: reversible, and visibly not the plain secret. */
function fakeSafeStorage(backend: string, available = true): SafeStorageLike {
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s) => Buffer.from(`sealed:${Buffer.from(s).reverse().toString('base64')}`),
    decryptString: (b) => Buffer.from(b.toString().slice('sealed:'.length), 'base64').reverse().toString(),
  };
}

describe('secret key files: scrypt + AES-256-GCM', () => {
  it('round-trips with the passphrase and refuses a wrong one', async () => {
    const key = generateSigningKey('Agency A');
    const file = await encryptSecretKey(key, PASSPHRASE);
    expect(JSON.stringify(file)).not.toContain(key.seed.toString('base64'));
    const back = await decryptSecretKey(parseSecretKeyFile(JSON.stringify(file)), PASSPHRASE);
    expect(back.seed.equals(key.seed) && back.publicKey.equals(key.publicKey)).toBe(true);
    await expect(decryptSecretKey(file, 'wrong passphrase!!')).rejects.toBeInstanceOf(PassphraseError);
  });

  it('unlocks a key file once per process: the same file and passphrase reuse the derived key, anything else derives or fails', async () => {
    const key = generateSigningKey('Agency A');
    const file = await encryptSecretKey(key, PASSPHRASE);
    const other = await encryptSecretKey(key, PASSPHRASE);
    forgetUnlockedKeys();
    const start = unlockDerivations();
    await decryptSecretKey(file, PASSPHRASE);
    const again = await decryptSecretKey(file, PASSPHRASE);
    expect(again.seed.equals(key.seed)).toBe(true);
    expect(unlockDerivations() - start).toBe(1);
    // A wrong passphrase pays scrypt and fails; so does a file with another salt; an altered file still fails with the remembered key.
    await expect(decryptSecretKey(file, 'wrong passphrase!!')).rejects.toBeInstanceOf(PassphraseError);
    expect(unlockDerivations() - start).toBe(2);
    await decryptSecretKey(other, PASSPHRASE);
    expect(unlockDerivations() - start).toBe(3);
    await expect(decryptSecretKey({ ...file, agency: 'Agency B' }, PASSPHRASE)).rejects.toThrow(/wrong passphrase, or the key file was altered/);
    forgetUnlockedKeys();
    await decryptSecretKey(file, PASSPHRASE);
    expect(unlockDerivations() - start).toBe(4);
  });

  it('binds the header: another agency name or KDF setting makes the file unusable', async () => {
    const file = await encryptSecretKey(generateSigningKey('Agency A'), PASSPHRASE);
    await expect(decryptSecretKey({ ...file, agency: 'Agency B' }, PASSPHRASE)).rejects.toThrow(/wrong passphrase, or the key file was altered/);
    await expect(decryptSecretKey({ ...file, kdf: { ...file.kdf, N: 2 ** 15 } as never }, PASSPHRASE)).rejects.toThrow(/scrypt parameters must be N=131072, r=8, p=1/);
  });

  it('refuses a key file naming other scrypt parameters before deriving anything (16 GiB, 16 passes)', async () => {
    const file = await encryptSecretKey(generateSigningKey('Agency A'), PASSPHRASE);
    const hostile = JSON.stringify({ ...file, kdf: { ...file.kdf, N: 2 ** 24, r: 8, p: 16 } });
    expect(() => parseSecretKeyFile(hostile)).toThrow('not a Proceeds secret key file: kdf.N: must be 131072 (the format fixes scrypt\'s parameters)');
    const env = tempCore('kdf');
    try {
      const started = Date.now();
      const err = await env.core.call('keys.import', { keyFile: hostile, passphrase: PASSPHRASE }).catch((e) => e);
      expect(err.issues[0]).toEqual({ path: 'keyFile', message: "not a Proceeds secret key file: kdf.N: must be 131072 (the format fixes scrypt's parameters)" });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      env.cleanup();
    }
  });

  it('refuses short passphrases and malformed files, naming the field', async () => {
    await expect(encryptSecretKey(generateSigningKey('A'), 'short')).rejects.toThrow(/at least 10/);
    expect(() => parseSecretKeyFile('{"format":"proceeds-secret-key","version":1}')).toThrow(/agency/);
    expect(() => parseSecretKeyFile('nope')).toThrow(/not JSON/);
  });
});

describe('key protection in the app', () => {
  it('refuses the plain-text fallback of safeStorage on Linux and accepts a real keychain', () => {
    expect(safeStorageProtector(fakeSafeStorage('basic_text'), 'linux').status()).toMatchObject({ available: false, reason: expect.stringMatching(/passphrase/) });
    expect(safeStorageProtector(fakeSafeStorage('gnome_libsecret'), 'linux').status()).toEqual({ available: true });
    expect(safeStorageProtector(fakeSafeStorage('', false), 'darwin').status().available).toBe(false);
    expect(safeStorageProtector(fakeSafeStorage(''), 'win32').status()).toEqual({ available: true });
  });

  it('creates a key under the OS keychain when the host offers one, a passphrase otherwise', async () => {
    const env = tempCore('keys');
    try {
      expect((await env.core.call('keys.protections', {})).safeStorage.available).toBe(false);
      const refused = await env.core.call('keys.create', { agency: 'Agency A', protection: 'safeStorage' }).catch((e) => e);
      expect(refused.issues[0].path).toBe('protection');
      const noPass = await env.core.call('keys.create', { agency: 'Agency A', protection: 'passphrase', passphrase: 'short' }).catch((e) => e);
      expect(noPass.issues[0].path).toBe('passphrase');
      expect(await env.core.call('keys.list', {})).toEqual([]);

      registerSecretProtector(safeStorageProtector(fakeSafeStorage('kwallet5'), 'linux'));
      const k = await env.core.call('keys.create', { agency: 'Agency A', protection: 'safeStorage' });
      expect(k).not.toHaveProperty('secretKey');
      const stored = env.core.writer.sqlite.prepare('SELECT secret_key, protection FROM signing_keys').get() as { secret_key: string; protection: string };
      expect(stored.protection).toBe('safeStorage');
      expect(Buffer.from(stored.secret_key, 'base64').toString()).toMatch(/^sealed:/);
      const p = await env.core.call('keys.create', { agency: 'Agency A', protection: 'passphrase', passphrase: PASSPHRASE });
      expect(p.fingerprint).not.toBe(k.fingerprint);
      expect((await env.core.call('audit.list', {})).rows.filter((r) => r.entity === 'signing_key')).toHaveLength(2);
    } finally {
      env.cleanup();
    }
  });
});
