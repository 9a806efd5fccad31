import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash, createPublicKey, verify } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { exportCase, makeAgency, smallCase } from './helpers.js';
import { readEntries } from './craft.js';
import { itWithTool, requireTool, tool } from '../../helpers/tools.js';

/**
 * Checks an exported bundle the way a receiving agency without Proceeds would: Info-ZIP's unzip,
 * coreutils' sha256sum, and a reading of RFC 8493 and the DSSE / in-toto specs written here from
 * the documents, sharing no code with the exporter.
 */

/** Info-ZIP's unzip (Debian package `unzip`), where installed. */

let env: ReturnType<typeof tempCore>;
let dir: string;
let bag: string;
let zip: string;
let pub: string;

const walk = (d: string): string[] =>
  fs.readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));

beforeAll(async () => {
  env = tempCore('bagit');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bagit-'));
  const agency = await makeAgency(dir, 'Agency A');
  pub = agency.pubFile;
  const c = await smallCase(env);
  zip = path.join(dir, 'case.zip');
  await exportCase(env, c.caseId, agency, zip);
  const UNZIP = tool('unzip');
  if (UNZIP) execFileSync(UNZIP, ['-q', zip, '-d', path.join(dir, 'x')]);
  else
    for (const e of await readEntries(zip)) {
      fs.mkdirSync(path.dirname(path.join(dir, 'x', e.name)), { recursive: true });
      fs.writeFileSync(path.join(dir, 'x', e.name), e.data);
    }
  const tops = fs.readdirSync(path.join(dir, 'x'));
  expect(tops).toHaveLength(1); // RFC 8493 §4: a serialized bag unpacks to one directory
  bag = path.join(dir, 'x', tops[0]);
});
afterAll(() => {
  env.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const read = (rel: string) => fs.readFileSync(path.join(bag, rel), 'utf8');

describe('the bag, read by standard tools and by the RFC', () => {
  itWithTool('unzip')('passes unzip -t (CRCs and structure)', () => {
    const UNZIP = requireTool('unzip');
    expect(execFileSync(UNZIP, ['-tq', zip], { encoding: 'utf8' })).toMatch(/No errors detected/);
  });

  it('has bagit.txt exactly as RFC 8493 §2.1.1 requires', () => {
    expect(read('bagit.txt')).toBe('BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n');
  });

  it('lists every payload file once in manifest-sha256.txt, and sha256sum -c agrees', () => {
    const lines = read('manifest-sha256.txt').trimEnd().split('\n');
    const listed = lines.map((l) => {
      const m = /^([0-9a-f]{64}) +(.+)$/.exec(l);
      expect(m, l).not.toBeNull();
      return m![2];
    });
    const payload = walk(path.join(bag, 'data')).map((f) => path.relative(bag, f)).sort();
    expect([...listed].sort()).toEqual(payload);
    expect(new Set(listed).size).toBe(listed.length);
    execFileSync('sha256sum', ['-c', '--strict', '--quiet', 'manifest-sha256.txt'], { cwd: bag });
    execFileSync('sha256sum', ['-c', '--strict', '--quiet', 'tagmanifest-sha256.txt'], { cwd: bag });
  });

  it('has a well-formed bag-info.txt whose Payload-Oxum matches the payload', () => {
    const info = new Map(read('bag-info.txt').trimEnd().split('\n').map((l) => {
      const i = l.indexOf(': ');
      expect(i, l).toBeGreaterThan(0);
      return [l.slice(0, i), l.slice(i + 2)] as [string, string];
    }));
    const payload = walk(path.join(bag, 'data'));
    const octets = payload.reduce((a, f) => a + fs.statSync(f).size, 0);
    expect(info.get('Payload-Oxum')).toBe(`${octets}.${payload.length}`);
    expect(info.get('Bagging-Date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(info.get('External-Identifier')).toBe('TF-SMALL-1');
    expect(info.get('Source-Organization')).toBe('Agency A');
    for (const label of ['Contact-Name', 'Bundle-Id']) expect(info.get(label)).toBeTruthy();
    expect(fs.existsSync(path.join(bag, 'fetch.txt'))).toBe(false);
  });

  it('carries a DSSE envelope whose in-toto statement covers every other file, signed by the agency key', () => {
    const envelope = JSON.parse(read('signature.dsse.json'));
    const payload = Buffer.from(envelope.payload, 'base64');
    const type = envelope.payloadType as string;
    expect(type).toBe('application/vnd.in-toto+json');
    // DSSE v1 pre-authentication encoding, from the spec.
    const pae = Buffer.concat([Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${payload.length} `), payload]);
    // The raw Ed25519 key is the last 32 bytes of the minisign public key blob ("Ed" + 8-byte id + key).
    const raw = Buffer.from(fs.readFileSync(pub, 'utf8').split('\n')[1], 'base64').subarray(10);
    const key = createPublicKey({ key: Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]), format: 'der', type: 'spki' });
    expect(verify(null, pae, key, Buffer.from(envelope.signatures[0].sig, 'base64'))).toBe(true);
    const statement = JSON.parse(payload.toString('utf8'));
    expect(statement._type).toBe('https://in-toto.io/Statement/v1');
    const files = walk(bag).map((f) => path.relative(bag, f)).filter((f) => f !== 'signature.dsse.json').sort();
    expect(statement.subject.map((s: { name: string }) => s.name).sort()).toEqual(files);
    for (const s of statement.subject) {
      const bytes = fs.readFileSync(path.join(bag, s.name));
      expect(createHash('sha256').update(bytes).digest('hex'), s.name).toBe(s.digest.sha256);
    }
    expect(statement.predicate).toMatchObject({ bundleId: expect.any(String), case: { number: 'TF-SMALL-1' }, sendingAgency: { name: 'Agency A' }, recipients: ['Receiving Agency'], previousBundleId: null });
  });

  it('holds the case records as schema-versioned JSON lines', () => {
    for (const table of ['cases', 'agencies', 'subjects', 'accounts', 'transactions', 'exhibits']) {
      const [header, ...rows] = read(`data/records/${table}.jsonl`).trimEnd().split('\n').map((l) => JSON.parse(l));
      expect(header).toMatchObject({ schema: 'proceeds-bundle-records/1', table, count: rows.length });
    }
    expect(read('data/records/transactions.jsonl').split('\n').filter(Boolean)).toHaveLength(4);
    const head = JSON.parse(read('data/audit/head.json'));
    expect(head.hash).toMatch(/^[0-9a-f]{64}$/);
  });
});
