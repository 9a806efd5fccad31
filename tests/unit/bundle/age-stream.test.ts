import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { createCipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgeDecryptStream, AgeEncryptStream, CHUNK } from '../../../core/bundle/age-stream.js';
import { sealFile, unsealToTemp, type LocalIdentity } from '../../../core/bundle/seal.js';
import { newAgeKeys } from '../../../core/keys/age-keys.js';
import { requireTool } from '../../helpers/tools.js';

/**
 * The age payload on Node's ChaCha20-Poly1305 (core/bundle/age-stream.ts): byte-compatible with
 * Debian's `age` both ways, at the sizes where the STREAM rules bite (empty, one byte short of a
 * chunk, exactly one and two chunks, a partial chunk after full ones), and refusing every tampered
 * payload with nothing left on disk.
 */

const TAG = 16;
const SEALED = CHUNK + TAG;
const SIZES = [0, CHUNK - 1, CHUNK, 2 * CHUNK + 1234];

let dir: string;
let tmpRoot: string;
let ours: LocalIdentity;
let idFile: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'age-stream-'));
  tmpRoot = path.join(dir, 'tmp');
  const k = await newAgeKeys();
  ours = { identity: k.ageIdentity, recipient: k.ageRecipient, label: k.ageRecipient };
  idFile = path.join(dir, 'key.txt');
  fs.writeFileSync(idFile, `${k.ageIdentity}\n`, { mode: 0o600 });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Deterministic bytes of length n, different in every chunk (so a reordered chunk is not the same). */
const bytes = (n: number) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + (i >> 16) * 7) & 0xff));

/** Where the payload starts in a sealed file: after the header's MAC line and the 16-byte nonce. */
const payloadStart = (sealed: Buffer) => sealed.indexOf(0x0a, sealed.indexOf('\n---') + 1) + 1 + 16;

async function unseal(file: string) {
  const r = await unsealToTemp(file, [ours], tmpRoot);
  const left = fs.existsSync(tmpRoot) ? fs.readdirSync(tmpRoot) : [];
  return { r, left };
}

describe('age payload (STREAM) on Node crypto', () => {
  it('Debian age opens what we seal, and we open what age seals, byte for byte', async () => {
    const age = requireTool('age');
    for (const n of SIZES) {
      const plain = path.join(dir, `plain-${n}`);
      fs.writeFileSync(plain, bytes(n));
      const ourSealed = path.join(dir, `ours-${n}.age`);
      await sealFile(plain, ourSealed, [{ ageRecipient: ours.recipient, agency: 'Agency A' }]);
      const d = spawnSync(age, ['-d', '-i', idFile, ourSealed], { maxBuffer: 1 << 24 });
      expect(d.status, `age -d of ${n} bytes: ${d.stderr}`).toBe(0);
      expect(d.stdout.equals(bytes(n)), `${n} bytes`).toBe(true);

      const theirs = path.join(dir, `theirs-${n}.age`);
      const e = spawnSync(age, ['-r', ours.recipient, '-o', theirs, plain], { encoding: 'utf8' });
      expect(e.status, e.stderr).toBe(0);
      const { r } = await unseal(theirs);
      if (!r.ok) throw new Error(`${n} bytes: ${r.message}`);
      expect(fs.readFileSync(r.file).equals(bytes(n)), `${n} bytes`).toBe(true);
      r.cleanup();
      // Same payload layout as age: only our label stanza makes the file longer.
      expect(fs.statSync(ourSealed).size - fs.statSync(theirs).size).toBe(fs.readFileSync(ourSealed).indexOf('\n---') - fs.readFileSync(theirs).indexOf('\n---'));
    }
  });

  describe('a tampered sealed file is refused, and nothing is left extracted', () => {
    let good: Buffer;
    let start: number;
    beforeAll(async () => {
      const plain = path.join(dir, 'three-chunks');
      fs.writeFileSync(plain, bytes(2 * CHUNK + 500));
      const f = path.join(dir, 'good.age');
      await sealFile(plain, f, [ours.recipient]);
      good = fs.readFileSync(f);
      start = payloadStart(good);
      expect(good.length - start).toBe(2 * SEALED + 500 + TAG);
    });

    const refused = async (name: string, bytesOf: Buffer, message: RegExp) => {
      const f = path.join(dir, `${name}.age`);
      fs.writeFileSync(f, bytesOf);
      const { r, left } = await unseal(f);
      expect(r).toMatchObject({ ok: false, code: 'sealed-damaged' });
      expect(r.ok ? '' : r.message).toMatch(message);
      expect(left).toEqual([]);
    };

    it('a flipped byte in any chunk (or its tag, or the nonce)', async () => {
      for (const at of [start + 10, start + SEALED + 100, start + 2 * SEALED + 3, good.length - 1]) {
        const b = Buffer.from(good);
        b[at] ^= 0x01;
        await refused(`flip-${at}`, b, /chunk \d+ .*does not authenticate/);
      }
      const n = Buffer.from(good);
      n[start - 1] ^= 0x80;
      await refused('flip-nonce', n, /chunk 1 does not authenticate/);
    });

    it('a truncated stream: the last chunk dropped, or cut short', async () => {
      await refused('no-last', good.subarray(0, start + 2 * SEALED), /chunk 2 \(the last\) does not authenticate: the payload is damaged or truncated/);
      await refused('cut', good.subarray(0, start + 2 * SEALED + 7), /truncated \(a chunk is cut short\)/);
      await refused('no-payload', good.subarray(0, start - 16), /cut off before its nonce/);
    });

    it('reordered chunks', async () => {
      const c = (i: number) => good.subarray(start + i * SEALED, start + (i + 1) * SEALED);
      await refused('swapped', Buffer.concat([good.subarray(0, start), c(1), c(0), good.subarray(start + 2 * SEALED)]), /chunk 1 does not authenticate: .*reordered/);
    });

    it('a header MAC that does not match (a stanza swapped) is refused before any payload is read', async () => {
      const b = Buffer.from(good);
      const mac = b.indexOf('\n---') + 6;
      b[mac] = b[mac] === 0x41 ? 0x42 : 0x41;
      await refused('mac', b, /cannot be opened: .*(HMAC|MAC|base64|header)/i);
    });

    it('sealed to someone else: not for us, nothing opened', async () => {
      const other = await newAgeKeys();
      const f = path.join(dir, 'other.age');
      await sealFile(path.join(dir, 'three-chunks'), f, [{ ageRecipient: other.ageRecipient, agency: 'Agency Z' }]);
      const { r, left } = await unseal(f);
      expect(r).toMatchObject({ ok: false, code: 'sealed-not-for-us', sealedFor: [{ agency: 'Agency Z', ageRecipient: other.ageRecipient }] });
      expect(left).toEqual([]);
    });
  });

  describe('the STREAM rules on their own', () => {
    const fileKey = randomBytes(16);
    const run = async (payload: Buffer) => {
      const out: Buffer[] = [];
      await pipeline(Readable.from([payload]), new AgeDecryptStream(fileKey), async (src: AsyncIterable<Buffer>) => {
        for await (const c of src) out.push(c);
      });
      return Buffer.concat(out);
    };
    /** A payload sealed chunk by chunk as given (lengths and last flags), for what a correct writer never makes. */
    const craft = (chunks: { length: number; last: boolean }[]) => {
      const nonce = randomBytes(16);
      const key = Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32));
      return Buffer.concat([
        nonce,
        ...chunks.flatMap((c, i) => {
          const n = Buffer.alloc(12);
          n.writeUInt32BE(i, 7);
          n[11] = c.last ? 1 : 0;
          const ci = createCipheriv('chacha20-poly1305', key, n, { authTagLength: TAG });
          return [ci.update(bytes(c.length)), ci.final(), ci.getAuthTag()];
        }),
      ]);
    };

    it('round-trips every boundary size through our own writer', async () => {
      for (const n of SIZES) {
        const sealed: Buffer[] = [];
        await pipeline(Readable.from([bytes(n)]), new AgeEncryptStream(Buffer.alloc(0), fileKey), async (src: AsyncIterable<Buffer>) => {
          for await (const c of src) sealed.push(c);
        });
        expect((await run(Buffer.concat(sealed))).equals(bytes(n)), `${n} bytes`).toBe(true);
      }
    });

    it('an empty last chunk only when it is the only chunk', async () => {
      expect((await run(craft([{ length: 0, last: true }]))).length).toBe(0);
      expect((await run(craft([{ length: CHUNK, last: true }]))).length).toBe(CHUNK);
      await expect(run(craft([{ length: CHUNK, last: false }, { length: 0, last: true }]))).rejects.toThrow('the payload ends with an empty chunk after full ones (not allowed by age)');
    });

    it('a short chunk before the last, or a last chunk without its flag, does not authenticate', async () => {
      await expect(run(craft([{ length: 100, last: false }, { length: 100, last: true }]))).rejects.toThrow(/does not authenticate/);
      await expect(run(craft([{ length: CHUNK, last: false }, { length: 10, last: false }]))).rejects.toThrow('chunk 2 (the last) does not authenticate: the payload is damaged or truncated');
    });
  });
});
