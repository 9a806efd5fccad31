import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { verifyBundle, type VerifyOptions } from '../../../core/bundle/verify.js';
import { SIGNATURE } from '../../../core/bundle/format.js';
import { readEntries, renameInPlace, nameOffsets, writeZip, type Entry } from './craft.js';
import { exportCase, makeAgency, smallCase, tableCounts, trustedError, type Agency } from './helpers.js';

/**
 * Every way a received bundle must be refused, each on a crafted file. A valid bundle is made once;
 * each test derives a hostile variant of it and checks the verifier names the problem.
 */

let env: ReturnType<typeof tempCore>;
let dir: string;
let agency: Agency;
let valid: string;
let other: string;
let entries: Entry[];
let root: string;

beforeAll(async () => {
  env = tempCore('reject');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reject-'));
  agency = await makeAgency(dir, 'Agency A');
  const c = await smallCase(env);
  const c2 = await smallCase(env, 'TF-SMALL-2');
  valid = path.join(dir, 'valid.zip');
  other = path.join(dir, 'other.zip');
  await exportCase(env, c.caseId, agency, valid);
  await exportCase(env, c2.caseId, agency, other);
  entries = await readEntries(valid);
  root = entries[0].name.split('/')[0];
});
afterAll(() => {
  env.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const file = (name = `v${n++}.zip`) => path.join(dir, name);
const verify = (f: string, o: Partial<VerifyOptions> = {}) => verifyBundle(f, { keyring: [agency.trusted], detached: 'skip', ...o });
const codes = (r: Awaited<ReturnType<typeof verify>>) => r.problems.map((p) => p.code);

async function variant(change: (e: Entry[]) => Entry[], dirs: string[] = []) {
  const f = file();
  await writeZip(f, change(entries.map((e) => ({ ...e }))), dirs);
  return f;
}

async function expectRejected(f: string, code: string, o: Partial<VerifyOptions> = {}) {
  const r = await verify(f, o);
  expect(r.ok).toBe(false);
  expect(codes(r)).toContain(code);
  return r;
}

describe('the verifier accepts the valid bundle, and re-zipping it unchanged', () => {
  it('is valid as exported and as re-zipped by another writer', async () => {
    expect((await verify(valid)).problems).toEqual([]);
    expect((await verify(await variant((e) => e))).ok).toBe(true);
  });
});

describe('content changes', () => {
  it('rejects a flipped byte in every single file of the bag', async () => {
    for (const target of entries) {
      const f = await variant((es) =>
        es.map((e) => {
          if (e.name !== target.name) return e;
          const data = Buffer.from(e.data);
          data[Math.floor(data.length / 2)] ^= 0x01;
          return { ...e, data };
        }),
      );
      const r = await verify(f);
      expect(r.ok, target.name).toBe(false);
      const rel = target.name.slice(root.length + 1);
      if (rel === SIGNATURE) expect(codes(r).some((c) => c.startsWith('signature') || c === 'statement-malformed'), rel).toBe(true);
      else expect(r.problems.some((p) => p.code === 'digest-mismatch' && p.entry === rel), rel).toBe(true);
    }
  });

  it('rejects a flipped byte in the raw zip (stored exhibit), with its CRC', async () => {
    const bytes = fs.readFileSync(valid);
    const exhibit = entries.find((e) => e.name.includes('/data/exhibits/'))!;
    const at = nameOffsets(bytes, exhibit.name).local[0] + 30 + Buffer.byteLength(exhibit.name) + 10;
    bytes[at] ^= 0x20;
    const f = file();
    fs.writeFileSync(f, bytes);
    const r = await expectRejected(f, 'digest-mismatch');
    expect(codes(r)).toContain('crc-mismatch');
  });

  it('rejects a file added, removed or renamed', async () => {
    await expectRejected(await variant((e) => [...e, { name: `${root}/data/extra.txt`, data: Buffer.from('planted') }]), 'unlisted-file');
    const removed = await expectRejected(await variant((e) => e.filter((x) => !x.name.endsWith('records/subjects.jsonl'))), 'missing-file');
    expect(removed.problems.find((p) => p.code === 'missing-file')!.entry).toBe('data/records/subjects.jsonl');
    const renamed = await variant((e) => e.map((x) => (x.name.endsWith('records/subjects.jsonl') ? { ...x, name: x.name.replace('subjects', 'subject5') } : x)));
    const r = await expectRejected(renamed, 'unlisted-file');
    expect(codes(r)).toContain('missing-file');
  });

  it('rejects a fetch.txt', async () => {
    await expectRejected(await variant((e) => [...e, { name: `${root}/fetch.txt`, data: Buffer.from('https://x/y 10 data/y\n') }]), 'fetch-txt');
  });

  it('rejects a valid signature over different content (the envelope of another bundle)', async () => {
    const foreign = (await readEntries(other)).find((e) => e.name.endsWith(SIGNATURE))!;
    const f = await variant((es) => es.map((e) => (e.name.endsWith(SIGNATURE) ? { ...e, data: foreign.data } : e)));
    const r = await verify(f);
    expect(r.ok).toBe(false);
    expect(r.signer?.agencyName).toBe('Agency A');
    expect(codes(r)).toEqual(expect.arrayContaining(['digest-mismatch', 'bag-info']));
  });
});

describe('entry names and kinds', () => {
  const base = () => `${root}/data/`;
  const placeholder = () => `${base()}${'X'.repeat(20)}`;
  const withPlaceholder = async () => {
    const f = file();
    await writeZip(f, [...entries, { name: placeholder(), data: Buffer.from('x') }]);
    return fs.readFileSync(f);
  };
  const crafted: [string, () => string][] = [
    ['absolute path', () => '/' + placeholder().slice(1)],
    ['.. segment', () => `${base()}../${'X'.repeat(17)}`],
    ['backslash', () => `${base()}X\\${'X'.repeat(18)}`],
    ['drive letter', () => 'C:' + placeholder().slice(2)],
    ['NUL', () => `${base()}X\0${'X'.repeat(18)}`],
    ['control character', () => `${base()}X\x07${'X'.repeat(18)}`],
  ];
  for (const [what, name] of crafted)
    it(`rejects a path with ${what}`, async () => {
      const f = file();
      fs.writeFileSync(f, renameInPlace(await withPlaceholder(), placeholder(), name()));
      const r = await expectRejected(f, 'entry-name');
      expect(r.problems.find((p) => p.code === 'entry-name')!.message).toMatch(/absolute|\.\.|backslash|drive|NUL|control/);
    });

  it('rejects duplicate entries', async () => {
    const dup = entries.find((e) => e.name.endsWith('records/cases.jsonl'))!;
    await expectRejected(await variant((e) => [...e, { ...dup }]), 'duplicate-entry');
  });

  it('rejects names that collide after case folding or Unicode normalisation', async () => {
    await expectRejected(await variant((e) => [...e, { name: `${root}/data/Note.txt`, data: Buffer.from('a') }, { name: `${root}/data/note.txt`, data: Buffer.from('b') }]), 'name-collision');
    await expectRejected(await variant((e) => [...e, { name: `${root}/data/\ufb01le.txt`, data: Buffer.from('a') }, { name: `${root}/data/file.txt`, data: Buffer.from('b') }]), 'name-collision');
    await expectRejected(await variant((e) => [...e, { name: `${root}/data/cafe\u0301.txt`, data: Buffer.from('a') }]), 'entry-name');
  });

  it('rejects symlinks and directories', async () => {
    await expectRejected(await variant((e) => [...e, { name: `${root}/data/link`, data: Buffer.from('/etc/passwd'), mode: 0o120777 }]), 'not-regular-file');
    await expectRejected(await variant((e) => e, [`${root}/data/dir/`]), 'not-regular-file');
  });

  it('rejects encrypted entries', async () => {
    const bytes = fs.readFileSync(valid);
    const target = entries.find((e) => e.name.endsWith('records/cases.jsonl'))!.name;
    const { local, central } = nameOffsets(bytes, target);
    bytes.writeUInt16LE(bytes.readUInt16LE(local[0] + 6) | 1, local[0] + 6);
    bytes.writeUInt16LE(bytes.readUInt16LE(central[0] + 8) | 1, central[0] + 8);
    const f = file();
    fs.writeFileSync(f, bytes);
    await expectRejected(f, 'encrypted-entry');
  });

  it('rejects a local header that disagrees with the central directory', async () => {
    const bytes = fs.readFileSync(valid);
    const target = entries.find((e) => e.name.endsWith('records/subjects.jsonl'))!.name;
    const { local } = nameOffsets(bytes, target);
    bytes[local[0] + 30 + Buffer.byteLength(target) - 1] ^= 0x01; // last letter of the local name only
    const f = file();
    fs.writeFileSync(f, bytes);
    const r = await expectRejected(f, 'local-header-mismatch');
    expect(r.problems[0].message).toMatch(/file name/);
  });
});

describe('zip bombs and limits, judged before inflating', () => {
  it('rejects an entry that expands over 100x (a zip bomb)', async () => {
    const bomb = await variant((e) => [...e, { name: `${root}/data/bomb.bin`, data: Buffer.alloc(64 << 20), compress: true }]);
    expect(fs.statSync(bomb).size).toBeLessThan(1 << 20);
    const r = await expectRejected(bomb, 'compression-ratio');
    expect(r.checks.find((c) => c.id === 'structure')!.ok).toBe(false);
    expect(r.checks.map((c) => c.id)).toEqual(['structure']);
  });

  it('rejects overlapping entries (one payload referenced twice)', async () => {
    const bytes = fs.readFileSync(valid);
    const names = entries.map((e) => e.name);
    const first = nameOffsets(bytes, names[0]).central[0];
    const second = nameOffsets(bytes, names[1]).central[0];
    bytes.writeUInt32LE(bytes.readUInt32LE(first + 42), second + 42);
    const f = file();
    fs.writeFileSync(f, bytes);
    const r = await verify(f);
    expect(codes(r)).toEqual(expect.arrayContaining(['local-header-mismatch', 'zip-layout']));
  });

  it('enforces the archive, entry count, entry size and total size limits', async () => {
    const size = fs.statSync(valid).size;
    await expectRejected(valid, 'archive-too-large', { limits: { maxArchiveBytes: size - 1 } });
    await expectRejected(valid, 'too-many-entries', { limits: { maxEntries: entries.length - 1 } });
    const biggest = Math.max(...entries.map((e) => e.data.length));
    await expectRejected(valid, 'entry-too-large', { limits: { maxEntryBytes: biggest - 1 } });
    const total = entries.reduce((a, e) => a + e.data.length, 0);
    await expectRejected(valid, 'total-too-large', { limits: { maxTotalBytes: total - 1 } });
  });

  it('rejects truncated files and files that are not zips', async () => {
    const bytes = fs.readFileSync(valid);
    for (const cut of [bytes.length - 1, bytes.length - 30, Math.floor(bytes.length / 2), 10]) {
      const f = file();
      fs.writeFileSync(f, bytes.subarray(0, cut));
      expect((await verify(f)).ok, `cut at ${cut}`).toBe(false);
    }
    const half = file();
    fs.writeFileSync(half, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expectRejected(half, 'not-a-zip');
    const text = file();
    fs.writeFileSync(text, 'this is a letter, not a zip\n');
    await expectRejected(text, 'not-a-zip');
    const empty = file();
    fs.writeFileSync(empty, '');
    await expectRejected(empty, 'not-a-zip');
    const appended = file();
    fs.writeFileSync(appended, Buffer.concat([bytes, Buffer.from('trailing')]));
    expect((await verify(appended)).ok).toBe(false);
  });
});

describe('signatures and keys', () => {
  it('rejects a signature by an unknown key', async () => {
    const stranger = await makeAgency(dir, 'Stranger');
    const r = await expectRejected(valid, 'signature-unknown-key', { keyring: [stranger.trusted] });
    expect(r.signer).toBeNull();
    await expectRejected(valid, 'signature-unknown-key', { keyring: [] });
  });

  it('rejects a signature by an expired, revoked or not yet valid key', async () => {
    await expectRejected(valid, 'signature-expired-key', { keyring: [{ ...agency.trusted, validTo: '2020-12-31' }] });
    await expectRejected(valid, 'signature-revoked-key', { keyring: [{ ...agency.trusted, revokedAt: '2026-01-01T00:00:00Z', revokedReason: 'stolen' }] });
    await expectRejected(valid, 'signature-key-not-valid', { keyring: [{ ...agency.trusted, validFrom: '2999-01-01' }] });
  });

  it('rejects a statement altered after signing (signature no longer verifies)', async () => {
    const f = await variant((es) =>
      es.map((e) => {
        if (!e.name.endsWith(SIGNATURE)) return e;
        const env = JSON.parse(e.data.toString());
        const st = JSON.parse(Buffer.from(env.payload, 'base64').toString());
        st.predicate.recipients = ['Someone else'];
        env.payload = Buffer.from(JSON.stringify(st)).toString('base64');
        return { ...e, data: Buffer.from(JSON.stringify(env)) };
      }),
    );
    await expectRejected(f, 'signature-invalid');
  });

  it('rejects a detached .minisig that belongs to another zip', async () => {
    const copy = file('copy.zip');
    fs.copyFileSync(valid, copy);
    fs.copyFileSync(`${other}.minisig`, `${copy}.minisig`);
    await expectRejected(copy, 'detached-signature-invalid', { detached: 'auto' });
    fs.copyFileSync(`${valid}.minisig`, `${copy}.minisig`);
    expect((await verify(copy, { detached: 'auto' })).ok).toBe(true);
  });
});

describe('import of a rejected bundle', () => {
  it('refuses before touching the database, listing every problem', async () => {
    const b = tempCore('reject-import');
    try {
      await b.core.call('keyring.add', { publicKey: fs.readFileSync(agency.pubFile, 'utf8'), agencyName: 'Agency A', confirmFingerprint: agency.trusted.fingerprint });
      const tampered = await variant((e) => [...e, { name: `${root}/data/extra.txt`, data: Buffer.from('planted') }]);
      const before = tableCounts(b, ['cases', 'transactions', 'audit_log', 'bundles', 'provenance']);
      const err = await trustedError(b, 'bundles.import', { file: { path: tampered } });
      expect(err.code).toBe('Invalid');
      expect(err.issues.map((i) => i.path)).toContain('data/extra.txt');
      expect(tableCounts(b, ['cases', 'transactions', 'audit_log', 'bundles', 'provenance'])).toEqual(before);
    } finally {
      b.cleanup();
    }
  });
});
