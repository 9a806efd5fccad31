import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointBody, checkpointSignedBy, noteKeyHash, parseCheckpoint, signCheckpoint, CheckpointFormatError } from '../../../core/audit/checkpoint.js';
import { generateRawKeyPair } from '../../../core/keys/ed25519.js';
import { tempCore } from '../../helpers/core.js';
import { PASSPHRASE, makeAgency } from '../bundle/helpers.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

const root = Buffer.alloc(32, 7);

describe('signed checkpoints (C2SP signed note + tlog-checkpoint)', () => {
  it('has the documented layout and verifies only under its key, over its exact body', () => {
    const key = generateRawKeyPair();
    const note = signCheckpoint({ origin: 'proceeds.app/agency-a/log-1', size: 42, root, time: '2026-12-02T03:00:00.000Z' }, key);
    const [body, sig] = note.split('\n\n');
    expect(body + '\n').toBe(checkpointBody({ origin: 'proceeds.app/agency-a/log-1', size: 42, root, time: '2026-12-02T03:00:00.000Z' }));
    expect(body.split('\n')).toEqual(['proceeds.app/agency-a/log-1', '42', root.toString('base64'), 'time 2026-12-02T03:00:00.000Z']);
    expect(sig).toMatch(/^\u2014 proceeds\.app\/agency-a\/log-1 [A-Za-z0-9+/]{91}=\n$/);
    const blob = Buffer.from(sig.trim().split(' ')[2], 'base64');
    expect(blob.subarray(0, 4).equals(noteKeyHash('proceeds.app/agency-a/log-1', key.publicKey))).toBe(true);
    const cp = parseCheckpoint(note);
    expect(cp).toMatchObject({ origin: 'proceeds.app/agency-a/log-1', size: 42, time: '2026-12-02T03:00:00.000Z' });
    expect(checkpointSignedBy(cp, key.publicKey)).toBe(true);
    expect(checkpointSignedBy(cp, generateRawKeyPair().publicKey)).toBe(false);
    expect(checkpointSignedBy(parseCheckpoint(note.replace('\n42\n', '\n43\n')), key.publicKey)).toBe(false);
  });

  it('refuses malformed notes with a reason', () => {
    for (const [text, why] of [
      ['origin\n12\n', /no blank line/],
      ['origin\n12\nAAAA\n\n\u2014 origin AAAAAAAA\n', /32 bytes/],
      [`origin\n-1\n${root.toString('base64')}\n\n\u2014 origin AAAAAAAA\n`, /tree size/],
      [`origin\n1\n${root.toString('base64')}\n\n`, /not signed/],
    ] as const)
      expect(() => parseCheckpoint(text)).toThrow(CheckpointFormatError), expect(() => parseCheckpoint(text)).toThrow(why);
  });

  it('audit verify fails a checkpoint whose signature is forged under a key it knows', async () => {
    env = tempCore('cp');
    const agency = await makeAgency(env.dir, 'Agency A');
    const key = await env.core.call('keys.import', { keyFile: fs.readFileSync(agency.keyFile, 'utf8'), passphrase: PASSPHRASE });
    const cp = await env.core.call('audit.checkpoint', { keyId: key.id, passphrase: PASSPHRASE });
    const blob = Buffer.from(cp.note.trim().split(' ').at(-1)!, 'base64');
    blob[10] ^= 1;
    const forged = cp.note.replace(/ [A-Za-z0-9+/=]+\n$/, ` ${blob.toString('base64')}\n`);
    const report = await env.core.call('audit.verify', { checkpoints: [{ source: 'forged', text: forged }] });
    expect(report.checkpoints.find((c) => c.source === 'forged')).toMatchObject({ ok: false, message: 'the root matches but the signature does not verify under the key it names' });
    expect(report.checkpoints.filter((c) => c.source !== 'forged').every((c) => c.ok && /, signed$/.test(c.message))).toBe(true);
  });
});
