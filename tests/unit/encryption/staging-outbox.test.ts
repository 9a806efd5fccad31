import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Core } from '../../../core/core.js';
import { startBridge, type Bridge } from '../../../core/bridge/server.js';
import { randomKey } from '../../../db/cipher.js';
import { isEncryptedFile } from '../../../core/encryption/file-cipher.js';
import { resolveFile } from '../../../core/files.js';
import { workDir } from '../../../core/work-dir.js';
import { Uploads } from '../../../electron/uploads.js';
import { stageLocalFile } from '../../../electron/files.js';
import { jointCase } from '../assets/fixtures.js';

/** Issue 12: staged uploads and outbox files of an encrypted database are encrypted at rest too. */

// Case text that must never be found in a staged or outbox file (what `strings | grep` would find).
const MARKER = 'OKAPI-MARKER-5120';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-staging-'));
let core: Core;
let bridge: Bridge;
let caseId: string;

/** Every file under a folder, recursively. */
const filesUnder = (root: string): string[] =>
  fs.existsSync(root) ? fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)) : [];
const leaks = (f: string) => {
  const b = fs.readFileSync(f);
  return b.includes(MARKER) || b.includes(Buffer.from(MARKER, 'utf16le'));
};
const auth = () => ({ authorization: `Bearer ${bridge.token}` });

async function upload(name: string, body: string): Promise<string> {
  const res = await fetch(`${bridge.url}/files?name=${name}`, { method: 'PUT', headers: auth(), body });
  expect(res.status).toBe(200);
  return ((await res.json()) as { staged: string }).staged;
}

beforeAll(async () => {
  core = new Core({ dbPath: path.join(dir, 'case.sqlite'), key: randomKey(), actor: { user: 'tester', agency: 'Test Agency' } });
  ({ caseId } = await jointCase(core));
  bridge = await startBridge({ core });
});
afterAll(async () => {
  await bridge?.close();
  core?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('staged uploads and outbox files of an encrypted database', () => {
  it('an upload is staged encrypted, read back plain by the call, and no plain copy outlives the call', async () => {
    const csv = `date,amount,memo\n2024-01-02,10.00,${MARKER} wire\n`;
    const staged = await upload('ledger.csv', csv);
    const content = path.join(core.dataDir, 'staging', staged, 'content');
    expect(isEncryptedFile(content)).toBe(true);
    expect(leaks(content)).toBe(false);
    // The call reads the plain text (the preview shows the memo) ...
    const preview = await core.call('imports.preview', { file: { staged }, caseId }, { trusted: false });
    expect(JSON.stringify(preview)).toContain(MARKER);
    // ... through a working copy that is gone once the call returned.
    expect(filesUnder(workDir(core.dataDir))).toEqual([]);
    expect(filesUnder(core.dataDir).filter(leaks)).toEqual([]);
  });

  it('an output waits in the outbox encrypted and downloads plain', async () => {
    const staged = await upload('warrant.txt', `${MARKER} search warrant\n`.repeat(3000));
    const ex = await core.call('exhibits.add', { caseId, file: { staged }, description: 'warrant' }, { trusted: false });
    const out = await core.call('exhibits.open', { id: ex.id }, { trusted: false });
    const file = path.join(core.dataDir, 'outbox', out.outputId, out.name);
    expect(isEncryptedFile(file)).toBe(true);
    // Nothing anywhere in the data folder (staging, outbox, exhibit store) holds the case text in the clear.
    expect(filesUnder(core.dataDir).filter(leaks)).toEqual([]);
    expect(filesUnder(workDir(core.dataDir))).toEqual([]);

    const p = `/outbox/${out.outputId}/${out.name}`;
    const { value } = (await (await fetch(`${bridge.url}/tickets`, { method: 'POST', headers: auth(), body: JSON.stringify({ path: p }) })).json()) as { value: { ticket: string } };
    const res = await fetch(`${bridge.url}${p}?ticket=${value.ticket}`);
    const text = await res.text();
    expect(text).toBe(`${MARKER} search warrant\n`.repeat(3000));
    expect(Number(res.headers.get('content-length'))).toBe(Buffer.byteLength(text));
    await vi.waitFor(() => expect(fs.existsSync(file)).toBe(false));
  });

  it('a failed call leaves no output behind, plain or sealed', async () => {
    const before = filesUnder(path.join(core.dataDir, 'outbox')).length;
    await expect(core.call('exhibits.open', { id: '00000000-0000-4000-8000-000000000000' }, { trusted: false })).rejects.toThrow();
    expect(filesUnder(path.join(core.dataDir, 'outbox')).length).toBe(before);
    expect(filesUnder(workDir(core.dataDir))).toEqual([]);
  });

  it('the desktop stages uploads and chosen files encrypted with the same key', async () => {
    const uploads = new Uploads(core.dataDir, () => core.fileCipher);
    const bytes = Buffer.from(`${MARKER} bank letter\n`.repeat(100_000));
    const { upload: id } = await uploads.begin(1, 'letter.txt', bytes.length);
    for (let i = 0; i < bytes.length; i += 1 << 20) await uploads.chunk(1, id, bytes.subarray(i, i + (1 << 20)));
    const done = await uploads.finish(1, id);
    const src = path.join(dir, 'chosen.txt');
    fs.writeFileSync(src, `${MARKER} chosen file\n`);
    const chosen = await stageLocalFile(core.dataDir, src, core.fileCipher);
    fs.rmSync(src);
    for (const s of [done.staged, chosen.staged]) expect(isEncryptedFile(path.join(core.dataDir, 'staging', s, 'content'))).toBe(true);
    expect(filesUnder(core.dataDir).filter(leaks)).toEqual([]);
    // The core reads them back exactly.
    const cleanups: ((ok: boolean) => void | Promise<void>)[] = [];
    const ctx = { dataDir: core.dataDir, trusted: false, fileCipher: core.fileCipher, defer: (c: (ok: boolean) => void | Promise<void>) => void cleanups.push(c) };
    expect(fs.readFileSync(resolveFile(ctx, { staged: done.staged }).path).equals(bytes)).toBe(true);
    expect(chosen.size).toBe(Buffer.byteLength(`${MARKER} chosen file\n`));
    for (const c of cleanups) await c(true);
    expect(filesUnder(workDir(core.dataDir))).toEqual([]);
  });
});
