import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readKeyringFile, trustStatus, trustedKeyFrom, writeKeyringFile } from '../../../core/keys/keyring.js';
import { generateSigningKey, publicKeyText } from '../../../core/keys/secret-key.js';
import { tempCore } from '../../helpers/core.js';

let env: ReturnType<typeof tempCore> | undefined;
afterEach(() => env?.cleanup());

const pub = (agency = 'Agency A') => publicKeyText(generateSigningKey(agency));

describe('keyring of trusted agencies', () => {
  it('judges validity at verification time, and revocation always', () => {
    const k = trustedKeyFrom(pub(), { agencyName: 'Agency A', validFrom: '2024-01-01', validTo: '2025-12-31' });
    expect(trustStatus(k, new Date('2025-06-01T00:00:00Z')).status).toBe('trusted');
    expect(trustStatus(k, new Date('2025-12-31T23:59:00Z')).status).toBe('trusted');
    expect(trustStatus(k, new Date('2026-01-01T00:00:01Z'))).toMatchObject({ status: 'expired', reason: 'expired on 2025-12-31' });
    expect(trustStatus(k, new Date('2023-12-31T00:00:00Z')).status).toBe('not-yet-valid');
    // A bundle claiming a date before the key existed is not believed.
    expect(trustStatus(k, new Date('2025-06-01T00:00:00Z'), '2023-05-01T00:00:00Z').status).toBe('not-yet-valid');
    expect(trustStatus({ ...k, revokedAt: '2025-02-01T00:00:00Z', revokedReason: 'laptop stolen' }, new Date('2025-01-01')).reason).toMatch(/laptop stolen/);
  });

  it('recomputes fingerprints from the keys in a keyring file, so an edited fingerprint means nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ring-'));
    try {
      const file = path.join(dir, 'ring.json');
      const a = trustedKeyFrom(pub(), { agencyName: 'Agency A' });
      const b = trustedKeyFrom(pub(), { agencyName: 'Agency B' });
      writeKeyringFile(file, [{ ...a, fingerprint: b.fingerprint }]);
      expect(readKeyringFile(file)[0].fingerprint).toBe(a.fingerprint);
      fs.writeFileSync(file, JSON.stringify({ format: 'proceeds-keyring', version: 1, keys: [{ ...a, publicKey: 'untrusted comment: x\n!!\n' }] }));
      expect(() => readKeyringFile(file)).toThrow(/keys\.0\.publicKey: line 2/);
      expect(() => readKeyringFile(path.join(dir, 'none.json'))).toThrow(/not found/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('adds, refuses duplicates and bad keys by field, and revokes (audited) through the contract', async () => {
    env = tempCore('keyring');
    const { core } = env;
    const text = pub();
    const bad = await core.call('keyring.add', { publicKey: 'untrusted comment: hi\nAAAA\n', agencyName: 'X' }).catch((e) => e);
    expect(bad.code).toBe('Invalid');
    expect(bad.issues[0]).toMatchObject({ path: 'publicKey', message: expect.stringMatching(/line 2/) });
    const backwards = await core.call('keyring.add', { publicKey: text, agencyName: 'A', validFrom: '2026-01-01', validTo: '2025-01-01' }).catch((e) => e);
    expect(backwards.issues[0].path).toBe('validTo');
    const k = await core.call('keyring.add', { publicKey: text, agencyName: 'Agency A', validTo: '2030-01-01' });
    expect(k.fingerprint).toMatch(/^([0-9A-F]{4} ){15}[0-9A-F]{4}$/);
    const dup = await core.call('keyring.add', { publicKey: text, agencyName: 'Someone else' }).catch((e) => e);
    expect(dup.code).toBe('Conflict');
    const revoked = await core.call('keyring.revoke', { id: k.id, reason: 'key lost' });
    expect(revoked.revokedReason).toBe('key lost');
    expect((await core.call('keyring.revoke', { id: k.id, reason: 'again' }).catch((e) => e)).code).toBe('Conflict');
    const audit = (await core.call('audit.list', {})).rows.filter((r) => r.entity === 'keyring');
    expect(audit).toHaveLength(2);
  });
});
