import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { verifyBundle } from '../../../core/bundle/verify.js';
import { readEntries, setHostAndMode, writeZip, type Entry } from './craft.js';
import { sealFile, unsealToTemp } from '../../../core/bundle/seal.js';
import { newAgeKeys } from '../../../core/keys/age-keys.js';
import { exportCase, makeAgency, smallCase, type Agency } from './helpers.js';

/**
 * Random mutations of a valid bundle, a bounded number of rounds, from a fixed seed (so a failure
 * replays): the verifier never throws, never hangs, and never accepts a mutated bundle. Without the
 * detached signature a mutation may only pass if it changed no file of the bag (zip metadata, the
 * padding bits of a deflate stream), which the test then checks by reading every entry.
 */

const ROUNDS = 300;
const PER_CALL_MS = 10_000;

let env: ReturnType<typeof tempCore>;
let dir: string;
let agency: Agency;
let valid: Buffer;
let minisig: Buffer;
let original: Entry[];

beforeAll(async () => {
  env = tempCore('fuzz');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuzz-'));
  agency = await makeAgency(dir, 'Agency A');
  const c = await smallCase(env);
  const f = path.join(dir, 'valid.zip');
  await exportCase(env, c.caseId, agency, f);
  valid = fs.readFileSync(f);
  minisig = fs.readFileSync(`${f}.minisig`);
  original = await readEntries(f);
}, 120_000); // an export on a shared, loaded machine can pass the default 10 s
afterAll(() => {
  env.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** mulberry32: small, seeded, good enough to spread mutations. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(buf: Buffer, r: () => number): { bytes: Buffer; how: string } {
  const at = Math.floor(r() * buf.length);
  const kind = Math.floor(r() * 5);
  const b = Buffer.from(buf);
  switch (kind) {
    case 0: {
      const flips = 1 + Math.floor(r() * 4);
      for (let i = 0; i < flips; i++) b[Math.floor(r() * b.length)] ^= 1 << Math.floor(r() * 8);
      return { bytes: b, how: `flip ${flips} bits` };
    }
    case 1:
      return { bytes: b.subarray(0, at), how: `truncate at ${at}` };
    case 2: {
      const ins = Buffer.from(Array.from({ length: 1 + Math.floor(r() * 16) }, () => Math.floor(r() * 256)));
      return { bytes: Buffer.concat([b.subarray(0, at), ins, b.subarray(at)]), how: `insert ${ins.length} bytes at ${at}` };
    }
    case 3: {
      const len = 1 + Math.floor(r() * 64);
      for (let i = at; i < Math.min(b.length, at + len); i++) b[i] = Math.floor(r() * 256);
      return { bytes: b, how: `overwrite ${len} bytes at ${at}` };
    }
    default: {
      const len = 1 + Math.floor(r() * 32);
      return { bytes: Buffer.concat([b.subarray(0, at), b.subarray(at + len)]), how: `delete ${len} bytes at ${at}` };
    }
  }
}

const withTimeout = <T>(p: Promise<T>, what: string) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`verifier hung on ${what}`)), PER_CALL_MS))]);

async function sameContent(file: string): Promise<boolean> {
  const got = await readEntries(file).catch(() => null);
  if (!got || got.length !== original.length) return false;
  return got.every((e, i) => e.name === original[i].name && e.data.equals(original[i].data));
}

describe('fuzzing the verifier with mutated bundles', () => {
  it(`survives ${ROUNDS} random mutations and accepts none`, async () => {
    const r = rng(0x5eed);
    let metadataOnly = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const { bytes, how } = mutate(valid, r);
      if (bytes.equals(valid)) continue;
      const f = path.join(dir, `m${round}.zip`);
      fs.writeFileSync(f, bytes);
      fs.writeFileSync(`${f}.minisig`, minisig);
      const what = `round ${round} (${how})`;
      const full = await withTimeout(verifyBundle(f, { keyring: [agency.trusted], detached: 'auto' }), what);
      expect(full.ok, what).toBe(false);
      expect(full.problems.length, what).toBeGreaterThan(0);
      const inner = await withTimeout(verifyBundle(f, { keyring: [agency.trusted], detached: 'skip' }), what);
      if (inner.ok) {
        expect(await sameContent(f), `${what} was accepted without the detached signature but changed a file`).toBe(true);
        metadataOnly++;
      }
      fs.rmSync(f);
      fs.rmSync(`${f}.minisig`);
    }
    console.info(`fuzz: ${ROUNDS} rounds, ${metadataOnly} mutation(s) changed only zip metadata and were caught by the detached signature alone`);
    // Nearly every mutation is caught by the bag's own checks, before the detached signature.
    expect(metadataOnly).toBeLessThan(ROUNDS / 10);
  }, 300_000);
});

describe('fuzzing modes, names and sealed headers', () => {
  const ROUNDS_EACH = 60;
  const hostile = ['\u202E', '\u200B', '\u2066', '\uFEFF', ':', '<', '|', '?', '*', '"', '\u00AD', '\u061C', ' ', '.', '\u2028', '\uE000'];
  const reserved = ['CON', 'prn', 'AUX', 'nul.txt', 'COM1', 'lpt9.log', 'COM\u00B9', 'CONIN$'];

  it(`refuses ${ROUNDS_EACH} random non-regular modes from random hosts`, async () => {
    const r = rng(0x30de);
    const name = original.find((e) => e.name.endsWith('bagit.txt'))!.name;
    for (let i = 0; i < ROUNDS_EACH; i++) {
      const host = Math.floor(r() * 32);
      // Any file type but a regular file, or a regular file with set-id/sticky bits.
      const types = [0o010000, 0o020000, 0o040000, 0o060000, 0o120000, 0o140000, 0o170000];
      const mode = r() < 0.8 ? types[Math.floor(r() * types.length)] | 0o644 : 0o100000 | (1 + Math.floor(r() * 7)) * 0o1000 | 0o644;
      const f = path.join(dir, `mode${i}.zip`);
      fs.writeFileSync(f, setHostAndMode(valid, name, host, mode));
      const v = await withTimeout(verifyBundle(f, { keyring: [agency.trusted], detached: 'skip' }), `host ${host} mode ${mode.toString(8)}`);
      expect(v.problems.map((p) => p.code), `host ${host} mode ${mode.toString(8)}`).toContain('not-regular-file');
      fs.rmSync(f);
    }
  }, 300_000);

  it(`refuses ${ROUNDS_EACH} names with hostile characters or reserved device names`, async () => {
    const r = rng(0x4a4e);
    const root = original[0].name.split('/')[0];
    for (let i = 0; i < ROUNDS_EACH; i++) {
      const base = `scan${i}`;
      const at = Math.floor(r() * base.length);
      const bad = r() < 0.3 ? reserved[Math.floor(r() * reserved.length)] : base.slice(0, at) + hostile[Math.floor(r() * hostile.length)] + base.slice(at) + (r() < 0.2 ? '.' : '');
      // A trailing space or dot only counts at the end; put those there.
      const seg = bad === base ? `${base}.` : /^[ .]$/.test(bad.slice(at, at + 1)) ? `${base}${bad.slice(at, at + 1)}` : bad;
      const name = `${root}/data/exhibits/${seg}`;
      const f = path.join(dir, `name${i}.zip`);
      await writeZip(f, [...original, { name, data: Buffer.from('x') }]);
      const v = await withTimeout(verifyBundle(f, { keyring: [agency.trusted], detached: 'skip' }), JSON.stringify(name));
      expect(v.problems.filter((p) => p.code === 'entry-name' && p.entry === name), JSON.stringify(name)).toHaveLength(1);
      fs.rmSync(f);
    }
  }, 300_000);

  it(`never opens a sealed bundle whose age header or body was mutated (${ROUNDS_EACH} rounds)`, async () => {
    const r = rng(0xa6e);
    const keys = await newAgeKeys();
    const plain = path.join(dir, 'plain.zip');
    fs.writeFileSync(plain, valid);
    const sealedPath = path.join(dir, 'sealed.zip.age');
    await sealFile(plain, sealedPath, [keys.ageRecipient]);
    const sealed = fs.readFileSync(sealedPath);
    const headerEnd = sealed.indexOf('\n---') + 48;
    const ids = [{ identity: keys.ageIdentity, recipient: keys.ageRecipient, label: keys.ageRecipient }];
    const clean = await unsealToTemp(sealedPath, ids, path.join(dir, 'tmp'));
    expect(clean.ok && fs.readFileSync(clean.file).equals(valid)).toBe(true);
    if (clean.ok) clean.cleanup();
    for (let i = 0; i < ROUNDS_EACH; i++) {
      // Two thirds of the rounds hit the header (stanzas, MAC), the rest the encrypted body.
      const inHeader = r() < 0.67;
      const { bytes, how } = inHeader
        ? (() => {
            const b = Buffer.from(sealed);
            const at = Math.floor(r() * headerEnd);
            b[at] ^= 1 << Math.floor(r() * 8);
            return { bytes: b, how: `header bit at ${at}` };
          })()
        : mutate(sealed, r);
      if (bytes.equals(sealed)) continue;
      const f = path.join(dir, `sealed${i}.age`);
      fs.writeFileSync(f, bytes);
      const u = await withTimeout(unsealToTemp(f, ids, path.join(dir, 'tmp')), how);
      if (u.ok) {
        // The body is authenticated chunk by chunk: whatever came out must still not verify as changed.
        const v = await withTimeout(verifyBundle(u.file, { keyring: [agency.trusted], detached: 'skip' }), how);
        expect(v.ok && !fs.readFileSync(u.file).equals(valid), how).toBe(false);
        u.cleanup();
      } else expect(['sealed-damaged', 'sealed-not-for-us'], how).toContain(u.code);
      fs.rmSync(f);
    }
    expect(fs.readdirSync(path.join(dir, 'tmp'))).toEqual([]);
  }, 300_000);
});
