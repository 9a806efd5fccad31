import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { registerSecretProtector, safeStorageProtector, type SafeStorageLike } from '../../../core/keys/protection.js';
import { checkpointSignedBy, parseCheckpoint } from '../../../core/audit/checkpoint.js';
import { parsePublicKey } from '../../../core/keys/minisign.js';
import { tempCore } from '../../helpers/core.js';

/** A stand-in for Electron's safeStorage: reversible, so the test can unlock what it sealed. */
const fakeSafeStorage: SafeStorageLike = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'kwallet5',
  encryptString: (s) => Buffer.from(`sealed:${Buffer.from(s).reverse().toString('base64')}`),
  decryptString: (b) => Buffer.from(b.toString().slice('sealed:'.length), 'base64').reverse().toString(),
};

let env: ReturnType<typeof tempCore>;
afterEach(() => {
  registerSecretProtector(undefined);
  env?.cleanup();
});

describe('a signed checkpoint when the app closes', () => {
  it('is written with the keychain-protected agency key, in the database and beside it', async () => {
    env = tempCore('close');
    expect(await env.core.checkpointOnClose()).toEqual({ written: false, reason: 'no signing key that opens without a passphrase' });
    registerSecretProtector(safeStorageProtector(fakeSafeStorage, 'linux'));
    const key = await env.core.call('keys.create', { agency: 'Agency A', protection: 'safeStorage' });
    await env.core.call('cases.create', { number: 'TF-C1', title: 'Closing' });
    expect(await env.core.checkpointOnClose()).toEqual({ written: true });
    const note = fs.readFileSync(`${env.dbPath}.checkpoint`, 'utf8');
    const cp = parseCheckpoint(note);
    expect(cp.size).toBe(2); // the key's entry and the case's
    expect(checkpointSignedBy(cp, parsePublicKey(key.publicKey).publicKey)).toBe(true);
    const kept = await env.core.call('audit.checkpoints', { local: true });
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ reason: 'close', treeSize: 2, note });
    expect((await env.core.call('audit.verify', {})).checkpoints.map((c) => c.ok)).toEqual([true, true]);
  });
});
