import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { verifyBundle } from '../../../core/bundle/verify.js';
import { trustedKeyFrom } from '../../../core/keys/keyring.js';
import { smallCase, trustedError } from './helpers.js';
import { requireTool } from '../../helpers/tools.js';

/**
 * Sealed bundles: signed, then encrypted with age to the named recipients. Debian's `age` opens one
 * without Proceeds and `minisign` checks what it holds; a bundle sealed to others says so; one
 * re-sealed by a recipient to a third agency is refused, because the signed statement names the keys.
 */

const which = (bin: string) => spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' }).stdout.trim();
const AGE = which('age');
const MINISIGN = which('minisign');
const PASS = 'a long enough passphrase';

let dir: string;
const envs: ReturnType<typeof tempCore>[] = [];
const agencies: Record<string, { env: ReturnType<typeof tempCore>; keyId: string; publicKey: string; fingerprint: string; ageRecipient: string }> = {};
let sealed: { file: string; minisig: string; bundleId: string };

async function agency(name: string) {
  const env = tempCore(`seal-${name.replace(/\W/g, '')}`);
  envs.push(env);
  const k = await env.core.call('keys.create', { agency: name, protection: 'passphrase', passphrase: PASS });
  agencies[name] = { env, keyId: k.id, publicKey: k.publicKey, fingerprint: k.fingerprint, ageRecipient: k.ageRecipient! };
  return agencies[name];
}

/** `who` trusts `whom` (confirmed), with its age recipient. */
const trust = (who: string, whom: string) =>
  agencies[who].env.core.call('keyring.add', {
    publicKey: agencies[whom].publicKey, agencyName: whom, confirmFingerprint: agencies[whom].fingerprint, ageRecipient: agencies[whom].ageRecipient,
  });

const identityOf = (name: string) =>
  (agencies[name].env.core.writer.sqlite.prepare('SELECT age_identity AS i FROM signing_keys').get() as { i: string }).i;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seal-'));
  const a = await agency('Agency A');
  await agency('Agency B');
  await agency('Agency C');
  await trust('Agency A', 'Agency B');
  await trust('Agency B', 'Agency A');
  await trust('Agency C', 'Agency A');
  const c = await smallCase(a.env);
  const r = await a.env.core.call('bundles.export', { caseId: c.caseId, recipients: ['Agency B'], keyId: a.keyId, passphrase: PASS, out: path.join(dir, 'case.zip') }, { trusted: true });
  sealed = { file: r.file!, minisig: r.minisig!, bundleId: r.bundleId };
}, 300_000);
afterAll(() => {
  envs.forEach((e) => e.cleanup());
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sealed bundles', () => {
  it('writes NAME.zip.age (age format) and NAME.zip.minisig, and no plaintext zip beside them', () => {
    expect(path.basename(sealed.file)).toBe('case.zip.age');
    expect(fs.readFileSync(sealed.file).subarray(0, 22).toString('latin1')).toBe('age-encryption.org/v1\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['case.zip.age', 'case.zip.minisig']);
    // Sealed as it streams out: no plaintext zip in the data folder's tmp either.
    const tmp = path.join(agencies['Agency A'].env.dir, 'proceeds-data', 'tmp');
    expect(fs.existsSync(tmp) ? fs.readdirSync(tmp) : []).toEqual([]);
  });

  it('the recipient verifies it with its own key, and the statement names the keys it was sealed to', async () => {
    const r = await agencies['Agency B'].env.core.call('bundles.verify', { file: { path: sealed.file } }, { trusted: true });
    expect(r.problems).toEqual([]);
    expect(r).toMatchObject({ ok: true, state: 'valid', sealed: true });
    expect(r.bundle?.sealedTo).toEqual([{ agency: 'Agency B', ageRecipient: agencies['Agency B'].ageRecipient }]);
    expect(r.checks.find((c) => c.id === 'detached')?.ok).toBe(true);
    const imported = await agencies['Agency B'].env.core.call('bundles.import', { file: { path: sealed.file } }, { trusted: true });
    expect(imported.outcome.inserted.transactions).toBe(3);
    expect(fs.readdirSync(path.join(agencies['Agency B'].env.dir, 'proceeds-data', 'tmp'))).toEqual([]);
  });

  it('a bundle sealed to others says it is not addressed to us, and opens nothing', async () => {
    const r = await agencies['Agency C'].env.core.call('bundles.verify', { file: { path: sealed.file } }, { trusted: true });
    expect(r).toMatchObject({ ok: false, state: 'not-for-us', opened: false, sealed: true, bundle: null });
    const [a, b, c] = [agencies['Agency A'], agencies['Agency B'], agencies['Agency C']];
    expect(r.problems).toEqual([{
      code: 'sealed-not-for-us',
      message: `this bundle is sealed for Agency B (${b.ageRecipient}), Agency A (${a.ageRecipient}); not for this agency's key ${c.fingerprint} (${c.ageRecipient}): it is not addressed to us`,
    }]);
    expect(r.sealedFor).toEqual([{ agency: 'Agency B', ageRecipient: b.ageRecipient }, { agency: 'Agency A', ageRecipient: a.ageRecipient }]);
  });

  it('--identity: opens with the identity file\'s key (no re-sealing suspected), and says for whom a bundle is when it is not for that key', async () => {
    if (!AGE) throw new Error('the age binary is required (apt-get install -y age)');
    const [a, b] = [agencies['Agency A'], agencies['Agency B']];
    const c = agencies['Agency C'];
    const verify = (identityFile: string, file = sealed.file) => c.env.core.call('bundles.verify', { file: { path: file }, identityFile }, { trusted: true });
    // C holds B's identity file (say, B's prosecutor's laptop): it opens, and the statement names that key.
    const bId = path.join(dir, 'b-identity.txt');
    fs.writeFileSync(bId, `# B's key\n${identityOf('Agency B')}\n`, { mode: 0o600 });
    const opened = await verify(bId);
    expect(opened.problems).toEqual([]);
    expect(opened).toMatchObject({ ok: true, state: 'valid', sealed: true });
    // A key made by Debian's age-keygen, to which the bundle was never sealed.
    const otherId = path.join(dir, 'other-identity.txt');
    const kg = spawnSync(`${AGE}-keygen`, ['-o', otherId], { encoding: 'utf8' });
    expect(kg.status, kg.stderr).toBe(0);
    const otherRecipient = /public key: (age1\w+)/.exec(fs.readFileSync(otherId, 'utf8'))![1];
    const not = await verify(otherId);
    expect(not).toMatchObject({ ok: false, state: 'not-for-us', opened: false, bundle: null });
    expect(not.problems).toEqual([{
      code: 'sealed-not-for-us',
      message: `this bundle is sealed for Agency B (${b.ageRecipient}), Agency A (${a.ageRecipient}); not for this agency's key ${otherRecipient}: it is not addressed to us`,
    }]);
    // Sealed by plain age (no labels): the header cannot say to whom, only how many.
    const byAge = path.join(dir, 'by-age.zip.age');
    const e = spawnSync(AGE, ['-r', b.ageRecipient, '-r', a.ageRecipient, '-o', byAge, sealed.minisig], { encoding: 'utf8' });
    expect(e.status, e.stderr).toBe(0);
    expect((await verify(otherId, byAge)).problems).toEqual([{
      code: 'sealed-not-for-us', message: `this bundle is sealed for 2 recipients its header does not name; not for this agency's key ${otherRecipient}: it is not addressed to us`,
    }]);
    // A missing or empty identity file is named as such, not taken for "no keys".
    const missing = await trustedError(c.env, 'bundles.verify', { file: { path: sealed.file }, identityFile: path.join(dir, 'nope.txt') });
    expect(missing.issues).toEqual([{ path: 'identityFile', message: `${path.join(dir, 'nope.txt')} does not exist` }]);
    fs.writeFileSync(path.join(dir, 'empty.txt'), '# nothing here\n');
    const empty = await trustedError(c.env, 'bundles.verify', { file: { path: sealed.file }, identityFile: path.join(dir, 'empty.txt') });
    expect(empty.issues).toEqual([{ path: 'identityFile', message: `${path.join(dir, 'empty.txt')} holds no age identity (a line AGE-SECRET-KEY-1...)` }]);
    fs.rmSync(path.join(dir, 'empty.txt'));
    fs.rmSync(byAge);
    for (const f of [bId, otherId]) fs.rmSync(f);
  });

  it('Debian age opens it with the recipient\'s identity, minisign checks the zip, and a re-sealed copy is refused', async () => {
    if (!AGE) throw new Error('the age binary is required (apt-get install -y age)');
    const idFile = path.join(dir, 'b.identity');
    fs.writeFileSync(idFile, `${identityOf('Agency B')}\n`, { mode: 0o600 });
    const plain = path.join(dir, 'opened', 'case.zip');
    fs.mkdirSync(path.dirname(plain));
    const d = spawnSync(AGE, ['-d', '-i', idFile, '-o', plain, sealed.file], { encoding: 'utf8' });
    expect(d.status, d.stderr).toBe(0);
    const r = await verifyBundle(plain, { keyring: [trustedKeyFrom(agencies['Agency A'].publicKey, { agencyName: 'Agency A' })], detached: sealed.minisig });
    expect(r.problems).toEqual([]);
    if (MINISIGN || process.env.CI) {
      const minisign = requireTool('minisign');
      const pub = path.join(dir, 'a.pub');
      fs.writeFileSync(pub, agencies['Agency A'].publicKey);
      const m = spawnSync(minisign, ['-Vm', plain, '-x', sealed.minisig, '-p', pub], { encoding: 'utf8' });
      expect(m.status, m.stderr).toBe(0);
    }
    // B re-seals the plain zip to C: C can open it, but the signed statement never named C.
    const resealed = path.join(dir, 'resealed.zip.age');
    const e = spawnSync(AGE, ['-r', agencies['Agency C'].ageRecipient, '-o', resealed, plain], { encoding: 'utf8' });
    expect(e.status, e.stderr).toBe(0);
    const c = await agencies['Agency C'].env.core.call('bundles.verify', { file: { path: resealed } }, { trusted: true });
    expect(c.ok).toBe(false);
    expect(c.problems).toEqual([
      { code: 'recipient-not-named', message: 'the bundle was sealed to our key, but its signed statement names other recipients (Agency B): someone re-sealed it to us' },
    ]);
  });

  it('seals only to confirmed keys with an encryption key; unencrypted only when asked', async () => {
    const a = agencies['Agency A'];
    const c = await smallCase(a.env, 'TF-SEAL-2');
    const err = await trustedError(a.env, 'bundles.export', { caseId: c.caseId, recipients: ['Nobody We Know'], keyId: a.keyId, passphrase: PASS, out: path.join(dir, 'x.zip') });
    expect(err.issues).toMatchObject([{ path: 'recipients.0', message: 'no confirmed key with an encryption (age) recipient for "Nobody We Know" in the keyring: add it, or export unencrypted' }]);
    const plain = await a.env.core.call('bundles.export', { caseId: c.caseId, recipients: ['Nobody We Know'], keyId: a.keyId, passphrase: PASS, out: path.join(dir, 'plain.zip'), unencrypted: true }, { trusted: true });
    expect(plain).toMatchObject({ sealed: false, sealedTo: [], name: 'plain.zip' });
    // Sealed into a folder that does not exist yet: made, as for a plain export.
    const nested = await a.env.core.call('bundles.export', { caseId: c.caseId, recipients: ['Agency B'], keyId: a.keyId, passphrase: PASS, out: path.join(dir, 'new', 'folder', 'case.zip') }, { trusted: true });
    expect(fs.readdirSync(path.join(dir, 'new', 'folder')).sort()).toEqual(['case.zip.age', 'case.zip.minisig']);
    expect(nested.sealed).toBe(true);
  });
});
