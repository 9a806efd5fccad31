import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { verifyBundle, type VerifyOptions } from '../../../core/bundle/verify.js';
import { markDeflated, readEntries, setHostAndMode, writeZip, type Entry } from './craft.js';
import { exportCase, makeAgency, smallCase, type Agency } from './helpers.js';

/**
 * What a stranger and a careless zip can do before the signature is known: the verifier reads the
 * central directory and the small envelope, and stops there for a signer it does not trust.
 * Then the names, modes and deflate streams that unzip tools would honour.
 */

let env: ReturnType<typeof tempCore>;
let dir: string;
let agency: Agency;
let stranger: Agency;
let valid: string;
let fromStranger: string;
let entries: Entry[];
let root: string;

beforeAll(async () => {
  env = tempCore('order');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-'));
  agency = await makeAgency(dir, 'Agency A');
  stranger = await makeAgency(dir, 'HSI Miami');
  const c = await smallCase(env);
  valid = path.join(dir, 'valid.zip');
  fromStranger = path.join(dir, 'stranger.zip');
  await exportCase(env, c.caseId, agency, valid);
  await exportCase(env, c.caseId, stranger, fromStranger);
  entries = await readEntries(valid);
  root = entries[0].name.split('/')[0];
});
afterAll(() => {
  env.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const file = () => path.join(dir, `o${n++}.zip`);
const verify = (f: string, o: Partial<VerifyOptions> = {}) => verifyBundle(f, { keyring: [agency.trusted], detached: 'skip', ...o });
const codes = (r: Awaited<ReturnType<typeof verify>>) => r.problems.map((p) => p.code);

async function variant(change: (e: Entry[]) => Entry[]) {
  const f = file();
  await writeZip(f, change(entries.map((e) => ({ ...e }))));
  return f;
}

describe('a signer we do not trust: nothing past the envelope is opened', () => {
  it('names the unknown key by its fingerprint, distinct from tampering, and reports what the bundle claims, unopened', async () => {
    const r = await verify(fromStranger);
    expect(r.state).toBe('unknown-signer');
    expect(r.opened).toBe(false);
    expect(codes(r)).toEqual(['signature-unknown-key']);
    expect(r.problems[0].message).toBe(
      `signed by an unknown key (fingerprint ${stranger.trusted.fingerprint}) that says it belongs to HSI Miami: nothing in the bundle was opened. Confirm the fingerprint with that agency by phone, trust the key, then verify again`,
    );
    expect(r.claimedSigner).toMatchObject({ agencyName: 'HSI Miami', fingerprint: stranger.trusted.fingerprint, keyId: stranger.trusted.keyId });
    expect(r.claimedSigner!.publicKey.split('\n')[1]).toBe(fs.readFileSync(stranger.pubFile, 'utf8').split('\n')[1]);
    expect(r.bundle?.sendingAgency).toBe('HSI Miami');
    expect(r.checks.map((c) => c.id)).toEqual(['structure', 'signature']);
    expect(r.file.sha256).toBeNull();
  });

  it('does not inflate a single payload entry: a broken deflate stream in a stranger bundle goes unread', async () => {
    const strangerEntries = await readEntries(fromStranger);
    const target = strangerEntries.find((e) => e.name.endsWith('data/records/transactions.jsonl'))!;
    const f = file();
    await writeZip(f, strangerEntries.map((e) => (e === target ? { ...e, compress: false, data: Buffer.from('\xff\xff not deflate at all', 'latin1') } : e)));
    const bytes = markDeflated(fs.readFileSync(f), target.name, target.data);
    fs.writeFileSync(f, bytes);
    const r = await verify(f);
    expect(codes(r)).toEqual(['signature-unknown-key']);
    // The same damage under a trusted key is found, because then the entry is read.
    const mine = file();
    await writeZip(mine, entries.map((e) => (e.name.endsWith('data/records/transactions.jsonl') ? { ...e, compress: false, data: Buffer.from('\xff\xff not deflate at all', 'latin1') } : e)));
    const trustedBytes = markDeflated(fs.readFileSync(mine), `${root}/data/records/transactions.jsonl`, entries.find((e) => e.name.endsWith('data/records/transactions.jsonl'))!.data);
    fs.writeFileSync(mine, trustedBytes);
    expect(codes(await verify(mine))).toContain('read-error');
  });

  it('a tampered statement is "invalid", never "unknown signer"', async () => {
    const r = await verify(valid, { keyring: [] });
    expect(r.state).toBe('unknown-signer');
    const strangerEntries = await readEntries(fromStranger);
    const f = file();
    await writeZip(
      f,
      strangerEntries.map((e) => {
        if (!e.name.endsWith('signature.dsse.json')) return e;
        const env = JSON.parse(e.data.toString('utf8'));
        const st = JSON.parse(Buffer.from(env.payload, 'base64').toString('utf8'));
        st.predicate.case.title = 'changed';
        env.payload = Buffer.from(JSON.stringify(st)).toString('base64');
        return { ...e, data: Buffer.from(JSON.stringify(env)) };
      }),
    );
    const t = await verify(f);
    expect(t.state).toBe('invalid');
    expect(codes(t)).toEqual(['signature-invalid']);
    expect(t.claimedSigner).toBeNull();
  });
});

describe('archive-wide limits', () => {
  it('refuses more entries than the limit before reading any', async () => {
    const f = await variant((e) => [...e, ...Array.from({ length: 30 }, (_, i) => ({ name: `${root}/data/exhibits/x${i}`, data: Buffer.from('x') }))]);
    const r = await verify(f, { limits: { maxEntries: 40 } });
    expect(codes(r)).toEqual(['too-many-entries']);
    expect(r.problems[0].message).toMatch(/^\d+ entries; the limit is 40$/);
  });

  it('judges the ratio on the whole archive, so many small entries cannot add up to a bomb', async () => {
    const zeros = Buffer.alloc(63 << 10);
    const f = await variant((e) => [...e, ...Array.from({ length: 300 }, (_, i) => ({ name: `${root}/data/exhibits/z${i}`, data: zeros, compress: true }))]);
    const r = await verify(f);
    expect(codes(r)).toEqual(['compression-ratio']);
    expect(r.problems[0].message).toMatch(/^the entries expand to \d+ bytes, \d+x the \d+-byte file \(limit 100x\): a zip bomb$/);
  });

  it('stops at the time budget', async () => {
    const r = await verify(valid, { limits: { timeBudgetMs: -1, timeBudgetMsPerMiB: 0 } });
    expect(codes(r)).toEqual(['time-budget']);
    expect(r.problems[0].message).toBe('verification stopped after its time budget of 0 s');
  });
});

describe('modes, names and deflate streams', () => {
  it.each([2, 3, 5, 16, 30])('refuses a symlink mode from host %i', async (host) => {
    const target = `${root}/bagit.txt`;
    const f = file();
    fs.writeFileSync(f, setHostAndMode(fs.readFileSync(valid), target, host, 0o120777));
    const r = await verify(f);
    expect(r.problems).toContainEqual({ code: 'not-regular-file', entry: target, message: `entry ${JSON.stringify(target)} is a symbolic link (made by host ${host})` });
  });

  it.each([
    [0o020644, 'is not a regular file (mode 20644, made by host 0)'],
    [0o104755, 'has set-user-id, set-group-id or sticky bits (mode 104755)'],
  ])('refuses mode %o whatever the host', async (mode, message) => {
    const target = `${root}/bagit.txt`;
    const f = file();
    fs.writeFileSync(f, setHostAndMode(fs.readFileSync(valid), target, 0, mode));
    expect((await verify(f)).problems).toContainEqual({ code: 'not-regular-file', entry: target, message: `entry ${JSON.stringify(target)} ${message}` });
  });

  it.each([
    ['data/exhibits/CON', 'has a segment Windows reserves for a device ("CON")'],
    ['data/exhibits/nul.txt', 'has a segment Windows reserves for a device ("nul.txt")'],
    ['data/exhibits/COM1', 'has a segment Windows reserves for a device ("COM1")'],
    ['data/exhibits/a:b', 'contains ":" (a drive or an NTFS alternate data stream on Windows)'],
    ['data/exhibits/scan.', 'has a segment ending in a dot or space ("scan.")'],
    ['data/exhibits/scan ', 'has a segment ending in a dot or space ("scan ")'],
    ['data/exhibits/invoice\u202Efdp.exe', 'contains the invisible or bidirectional control U+202E'],
    ['data/exhibits/zero\u200Bwidth', 'contains the invisible or bidirectional control U+200B'],
  ])('refuses the name %j', async (rel, message) => {
    const name = `${root}/${rel}`;
    const f = await variant((e) => [...e, { name, data: Buffer.from('x') }]);
    const r = await verify(f);
    expect(r.problems).toContainEqual({ code: 'entry-name', entry: name, message: `entry ${JSON.stringify(name)} ${message.endsWith('")') && message.startsWith('has a segment ending') ? message + ', which Windows silently drops' : message}` });
  });

  it('refuses bytes after the end of a deflate stream, though the inflated bytes are the signed ones', async () => {
    const target = entries.find((e) => e.name.endsWith('data/records/subjects.jsonl'))!;
    const padded = Buffer.concat([zlib.deflateRawSync(target.data), Buffer.from('hidden payload after the stream end')]);
    const f = await variant((es) => es.map((e) => (e.name === target.name ? { ...e, compress: false, data: padded } : e)));
    fs.writeFileSync(f, markDeflated(fs.readFileSync(f), target.name, target.data));
    const r = await verify(f);
    expect(r.problems).toEqual([
      { code: 'deflate-trailing-data', entry: 'data/records/subjects.jsonl', message: 'data/records/subjects.jsonl cannot be read: 35 bytes follow the end of its deflate stream' },
    ]);
    // Without the padding the same crafted entry is accepted: the refusal is for the trailing bytes alone.
    const clean = await variant((es) => es.map((e) => (e.name === target.name ? { ...e, compress: false, data: zlib.deflateRawSync(target.data) } : e)));
    fs.writeFileSync(clean, markDeflated(fs.readFileSync(clean), target.name, target.data));
    expect((await verify(clean)).problems).toEqual([]);
  });
});
