import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveFile, stagingDir } from '../../../core/files.js';
import { CHANNELS } from '../../../electron/channels.js';
import { Uploads } from '../../../electron/uploads.js';
import { perTest, rejection } from '../../electron/desktop-chain.js';

const t = perTest();

describe('a file the page holds', () => {
  it('reaches the core as bytes, in chunks with progress, and can be attached as an exhibit', async () => {
    const chain = await t.chain();
    const bytes = crypto.randomBytes(2.5 * 1024 * 1024);
    const sent: number[] = [];
    const staged = await chain.proceeds.stageFile(new File([bytes], '../../seizure-photo.jpg'), (n, total) => {
      expect(total).toBe(bytes.length);
      sent.push(n);
    });
    expect(sent).toEqual([1 << 20, 2 << 20, bytes.length]);
    expect(staged).toMatchObject({ name: 'seizure-photo.jpg', size: bytes.length });
    const file = resolveFile({ dataDir: chain.dataDir, trusted: false }, { staged: staged.staged });
    expect(fs.readFileSync(file.path).equals(bytes)).toBe(true);
    const c = (await chain.proceeds.api['cases.create']({ number: 'TF-U', title: 'Upload' })) as { id: string };
    const exhibit = (await chain.proceeds.api['exhibits.add']({ caseId: c.id, file: { staged: staged.staged } })) as { sha256: string; fileName: string };
    expect(exhibit).toMatchObject({ fileName: 'seizure-photo.jpg', sha256: crypto.createHash('sha256').update(bytes).digest('hex') });
  });

  it('stages an empty file too', async () => {
    const chain = await t.chain();
    const staged = await chain.proceeds.stageFile(new File([], 'empty.csv'));
    expect(staged.size).toBe(0);
    expect(fs.statSync(resolveFile({ dataDir: chain.dataDir, trusted: false }, staged).path).size).toBe(0);
  });

  it('is refused from a subframe and leaves nothing staged', async () => {
    const chain = await t.chain();
    chain.mock.attachRenderer(chain.win.webContents, chain.win.webContents.mainFrame.child('https://evil.example/'));
    expect(await rejection(chain.proceeds.stageFile(new File(['x'], 'x.txt')))).toMatchObject({ code: 'Forbidden' });
    expect(fs.existsSync(stagingDir(chain.dataDir))).toBe(false);
  });

  it('names the problem when the bytes do not match what was announced, and removes the partial file', async () => {
    const chain = await t.chain();
    const { mock, win } = chain;
    const invoke = (channel: string, payload: unknown) => mock.ipcMain.invoke(channel, win.webContents.ipcEvent(), payload) as Promise<any>;
    const big = (await invoke(CHANNELS.uploadBegin, { name: 'a.bin', size: 3 })).value.upload;
    expect((await invoke(CHANNELS.uploadChunk, { upload: big, bytes: new Uint8Array(4) })).error).toMatchObject({ code: 'Invalid', issues: [{ path: 'bytes' }] });
    expect(fs.existsSync(path.join(stagingDir(chain.dataDir), big))).toBe(false);
    const short = (await invoke(CHANNELS.uploadBegin, { name: 'b.bin', size: 10 })).value.upload;
    await invoke(CHANNELS.uploadChunk, { upload: short, bytes: new Uint8Array(4) });
    expect((await invoke(CHANNELS.uploadFinish, { upload: short })).error.message).toMatch(/received 4 of 10 bytes/);
    expect(fs.existsSync(path.join(stagingDir(chain.dataDir), short))).toBe(false);
    expect((await invoke(CHANNELS.uploadBegin, { name: 'c', size: -1 })).error.issues[0].path).toBe('size');
    expect((await invoke(CHANNELS.uploadChunk, { upload: short, bytes: 'not bytes' })).error.issues[0].path).toBe('bytes');
  });
});

describe('Uploads', () => {
  it('keeps each page to its own uploads', async () => {
    const dir = t.tempDir('proceeds-uploads-');
    const uploads = new Uploads(dir);
    const { upload } = await uploads.begin(1, 'a.txt', 2);
    await expect(uploads.chunk(2, upload, new Uint8Array(2))).rejects.toMatchObject({ code: 'NotFound' });
    await uploads.abort(2, upload);
    await uploads.chunk(1, upload, new Uint8Array([104, 105]));
    expect(await uploads.finish(1, upload)).toEqual({ staged: upload, name: 'a.txt', size: 2 });
    expect(fs.readFileSync(path.join(stagingDir(dir), upload, 'content'), 'utf8')).toBe('hi');
  });
});
