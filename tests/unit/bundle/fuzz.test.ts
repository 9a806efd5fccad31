import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { verifyBundle } from '../../../core/bundle/verify.js';
import { readEntries, type Entry } from './craft.js';
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
});
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
