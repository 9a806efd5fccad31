import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blake2bFile, formatPublicKey, keyIdHex, parsePublicKey, signPrehashed, verifyDetached } from '../../../core/keys/minisign.js';
import { privateKeyFromSeed } from '../../../core/keys/ed25519.js';
import { generateSigningKey, publicKeyText } from '../../../core/keys/secret-key.js';
import { itWithTool, requireTool } from '../../helpers/tools.js';

/** Debian's minisign, the independent implementation (.ci/run installs the package). */

let dir: string;
beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'minisign-'))));
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const fileOf = (bytes: Buffer) => {
  const f = path.join(dir, 'evidence.zip');
  fs.writeFileSync(f, bytes);
  return f;
};

async function ourSignature(file: string, key = generateSigningKey('Agency A')) {
  const sig = signPrehashed({ secretKey: privateKeyFromSeed(key.seed), keyId: key.keyId, blake2b: await blake2bFile(file), trustedComment: 'timestamp:1700000000\tfile:evidence.zip\thashed' });
  fs.writeFileSync(`${file}.minisig`, sig);
  fs.writeFileSync(path.join(dir, 'a.pub'), publicKeyText(key));
  return { key, sig };
}

const reader = (file: string) => ({ blake2b: () => blake2bFile(file), bytes: async () => fs.readFileSync(file) });

describe('minisign formats', () => {
  it('writes and reads public keys: "Ed" + key id + key, base64 under an untrusted comment', () => {
    const k = generateSigningKey('Agency A');
    const text = formatPublicKey(k.keyId, k.publicKey);
    expect(text).toMatch(/^untrusted comment: minisign public key [0-9A-F]{16}\n[A-Za-z0-9+/]{56}\n$/);
    const back = parsePublicKey(text);
    expect(back.keyId.equals(k.keyId) && back.publicKey.equals(k.publicKey)).toBe(true);
    expect(() => parsePublicKey('untrusted comment: x\nnot-base64!\n')).toThrow(/line 2/);
    expect(() => parsePublicKey('hello\n')).toThrow(/line 1/);
  });

  it('verifies its own prehashed signatures and refuses altered files, comments and keys', async () => {
    const f = fileOf(Buffer.from('the bundle bytes'));
    const { key, sig } = await ourSignature(f);
    const pk = { keyId: key.keyId, publicKey: key.publicKey };
    expect(await verifyDetached(sig, pk, reader(f))).toMatchObject({ ok: true, algorithm: 'ED' });
    fs.writeFileSync(f, 'the bundle bytez');
    expect(await verifyDetached(sig, pk, reader(f))).toMatchObject({ ok: false, reason: expect.stringMatching(/does not match the file/) });
    fs.writeFileSync(f, 'the bundle bytes');
    const forgedComment = sig.replace('file:evidence.zip', 'file:other.zip');
    expect(await verifyDetached(forgedComment, pk, reader(f))).toMatchObject({ ok: false, reason: expect.stringMatching(/trusted comment/) });
    const other = generateSigningKey('Mallory');
    expect(await verifyDetached(sig, { keyId: other.keyId, publicKey: other.publicKey }, reader(f))).toMatchObject({ ok: false, reason: expect.stringMatching(/signed with key/) });
    // Same key id, different key: the key itself decides, never the id.
    expect(await verifyDetached(sig, { keyId: key.keyId, publicKey: other.publicKey }, reader(f))).toMatchObject({ ok: false });
  });

  itWithTool('minisign')('Debian minisign verifies our signature (minisign -Vm FILE -p AGENCY.pub)', async () => {
    const MINISIGN = requireTool('minisign');
    const f = fileOf(Buffer.alloc(3 << 20, 7));
    await ourSignature(f);
    const out = execFileSync(MINISIGN!, ['-Vm', f, '-p', path.join(dir, 'a.pub')], { encoding: 'utf8' });
    expect(out).toMatch(/Signature and comment signature verified/);
    expect(out).toMatch(/Trusted comment: timestamp:1700000000\tfile:evidence.zip\thashed/);
    // ...and rejects it once a byte of the file changes.
    const bytes = fs.readFileSync(f);
    bytes[12345] ^= 1;
    fs.writeFileSync(f, bytes);
    expect(spawnSync(MINISIGN!, ['-Vm', f, '-p', path.join(dir, 'a.pub')]).status).not.toBe(0);
  });

  itWithTool('minisign')('we verify what Debian minisign signs, prehashed (default) and legacy (-l)', async () => {
    const MINISIGN = requireTool('minisign');
    const f = fileOf(Buffer.from('signed by the reference tool\n'));
    const pub = path.join(dir, 'ref.pub');
    const sec = path.join(dir, 'ref.key');
    execFileSync(MINISIGN!, ['-G', '-W', '-p', pub, '-s', sec]);
    const pk = parsePublicKey(fs.readFileSync(pub, 'utf8'));
    execFileSync(MINISIGN!, ['-S', '-s', sec, '-m', f, '-t', 'made by minisign']);
    const prehashed = await verifyDetached(fs.readFileSync(`${f}.minisig`, 'utf8'), pk, reader(f));
    expect(prehashed).toEqual({ ok: true, trustedComment: 'made by minisign', algorithm: 'ED' });
    execFileSync(MINISIGN!, ['-S', '-l', '-s', sec, '-m', f, '-x', `${f}.legacy`, '-t', 'legacy']);
    expect(await verifyDetached(fs.readFileSync(`${f}.legacy`, 'utf8'), pk, reader(f))).toEqual({ ok: true, trustedComment: 'legacy', algorithm: 'Ed' });
    // minisign prints the key id without leading zeros (a key id starting 0x0C shows as "C60..."), we pad to 16.
    const printed = fs.readFileSync(pub, 'utf8').match(/minisign public key ([0-9A-F]+)/)![1];
    expect(keyIdHex(pk.keyId)).toBe(printed.padStart(16, '0'));
  });
});
