import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { fingerprintWords } from '../../../core/keys/fingerprint-words.js';
import { exportCase, makeAgency, smallCase } from './helpers.js';

/** Trust on first use, done right: a new signer is named by fingerprint, and trusted only after confirmation. */

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('trusting a new signer', () => {
  it('unknown signer -> add (pending, still refused) -> a wrong fingerprint is refused -> confirm -> verifies', async () => {
    const a = tempCore('trust-a');
    const b = tempCore('trust-b');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-'));
    cleanups.push(a.cleanup, b.cleanup, () => fs.rmSync(dir, { recursive: true, force: true }));
    const agency = await makeAgency(dir, 'HSI Miami');
    const c = await smallCase(a);
    const f = path.join(dir, 'case.zip');
    await exportCase(a, c.caseId, agency, f);
    const verify = () => b.core.call('bundles.verify', { file: { path: f } }, { trusted: true });

    const first = await verify();
    expect(first).toMatchObject({ ok: false, state: 'unknown-signer', opened: false });
    expect(first.claimedSigner?.fingerprint).toBe(agency.trusted.fingerprint);

    // The trust path: the key the bundle carries, added pending.
    const added = await b.core.call('keyring.add', { publicKey: first.claimedSigner!.publicKey, agencyName: first.claimedSigner!.agencyName });
    expect(added.confirmedAt).toBeNull();
    expect(added.fingerprintWords).toBe(fingerprintWords(agency.trusted.fingerprint));
    expect(added.fingerprintWords.split(' ')).toHaveLength(8);
    const pending = await verify();
    expect(pending).toMatchObject({ ok: false, state: 'untrusted-signer', opened: false });
    expect(pending.problems).toEqual([
      { code: 'signature-unconfirmed-key', message: `signed with the key of HSI Miami (${agency.trusted.fingerprint}), which is added to the keyring but its fingerprint is not confirmed yet (confirm it with the agency, then verify again)` },
    ]);
    const import0 = await b.core.call('bundles.import', { file: { path: f } }, { trusted: true }).catch((e) => e);
    expect(import0.code).toBe('Invalid');

    const wrong = await b.core.call('keyring.confirm', { id: added.id, fingerprint: '0000 1111' }).catch((e) => e);
    expect(wrong.issues[0]).toMatchObject({ path: 'fingerprint', message: `does not match the key's fingerprint ${agency.trusted.fingerprint}: do not trust this key` });
    const confirmed = await b.core.call('keyring.confirm', { id: added.id, fingerprint: added.fingerprintWords });
    expect(confirmed.confirmedAt).not.toBeNull();
    expect(await verify()).toMatchObject({ ok: true, state: 'valid', opened: true });
    const audit = (await b.core.call('audit.list', {})).rows.filter((r: { entity: string }) => r.entity === 'keyring');
    expect(audit).toHaveLength(2);
  });

  it('a key confirmed while adding is trusted at once; a mismatching confirmation adds nothing', async () => {
    const b = tempCore('trust-c');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trust-'));
    cleanups.push(b.cleanup, () => fs.rmSync(dir, { recursive: true, force: true }));
    const agency = await makeAgency(dir, 'Agency A');
    const text = fs.readFileSync(agency.pubFile, 'utf8');
    const bad = await b.core.call('keyring.add', { publicKey: text, agencyName: 'Agency A', confirmFingerprint: 'ABCD' }).catch((e) => e);
    expect(bad.issues[0].path).toBe('confirmFingerprint');
    expect(await b.core.call('keyring.list', {})).toEqual([]);
    const k = await b.core.call('keyring.add', { publicKey: text, agencyName: 'Agency A', confirmFingerprint: agency.trusted.fingerprint.toLowerCase().replace(/ /g, '') });
    expect(k.confirmedAt).not.toBeNull();
  });
});
