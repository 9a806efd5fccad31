import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { callError, tempCore } from '../../helpers/core.js';
import { exhibitPath, storeExhibit } from '../../../core/exhibits/store.js';
import { jointCase, vehicle } from '../assets/fixtures.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function writeFile(name: string, content: string | Buffer) {
  const p = path.join(env.dir, name);
  fs.writeFileSync(p, content);
  return p;
}

describe('exhibits: content-addressed store', () => {
  it('stores a file under its SHA-256 once, however often it is attached', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core);
    const asset = await core.call('assets.create', vehicle(caseId));
    const bytes = 'Search warrant SW-2026-0042\nSigned: Judge Alvarez\n';
    const p = writeFile('warrant.pdf', bytes);
    const e1 = await core.call('exhibits.add', { caseId, file: { path: p }, description: 'warrant' }, { trusted: true });
    expect(e1).toMatchObject({ sha256: sha(bytes), size: bytes.length, fileName: 'warrant.pdf', mediaType: 'application/pdf', storedOnce: false });
    const copy = writeFile('warrant-copy.pdf', bytes);
    const e2 = await core.call('exhibits.add', { caseId, file: { path: copy }, targetKind: 'asset', targetId: asset.id }, { trusted: true });
    expect(e2.storedOnce).toBe(true);
    const stored = exhibitPath(env.core.dataDir, sha(bytes));
    expect(fs.readFileSync(stored, 'utf8')).toBe(bytes);
    const blobs = fs.readdirSync(path.join(env.core.dataDir, 'exhibits'), { recursive: true }).filter((f) => /[0-9a-f]{64}$/.test(String(f)));
    expect(blobs).toHaveLength(1);
    expect((await core.call('exhibits.list', { caseId, targetKind: 'asset', targetId: asset.id })).map((e) => e.fileName)).toEqual(['warrant-copy.pdf']);
    const dup = await callError(core, 'exhibits.add', { caseId, file: { path: copy }, targetKind: 'asset', targetId: asset.id });
    expect(dup.code).toBe('Forbidden'); // a path from an untrusted caller
    const dupTrusted = await core.call('exhibits.add', { caseId, file: { path: copy }, targetKind: 'asset', targetId: asset.id }, { trusted: true }).catch((e) => e);
    expect(dupTrusted.code).toBe('Conflict');
    expect((await core.call('audit.list', { caseId })).rows.filter((r) => r.entity === 'exhibit')).toHaveLength(2);
  });

  it('verify names the exhibits whose file changed or went missing', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core);
    const photo = await core.call('exhibits.add', { caseId, file: { path: writeFile('photo.jpg', 'JPEG bytes of the car') } }, { trusted: true });
    const stmt = await core.call('exhibits.add', { caseId, file: { path: writeFile('statement.txt', 'I saw the defendant') } }, { trusted: true });
    await core.call('exhibits.add', { caseId, file: { path: writeFile('ledger.csv', 'a,b\n1,2\n') } }, { trusted: true });
    expect(await core.call('exhibits.verify', { caseId })).toMatchObject({ ok: true, checked: 3, missing: [], changed: [] });
    const photoFile = exhibitPath(env.core.dataDir, photo.sha256);
    fs.chmodSync(photoFile, 0o644);
    fs.writeFileSync(photoFile, 'JPEG bytes of the car, retouched');
    fs.rmSync(exhibitPath(env.core.dataDir, stmt.sha256));
    const report = await core.call('exhibits.verify', {});
    expect(report.ok).toBe(false);
    expect(report.changed.map((c) => [c.exhibits[0].fileName, c.actualSha256])).toEqual([['photo.jpg', sha('JPEG bytes of the car, retouched')]]);
    expect(report.missing.map((m) => m.exhibits[0].fileName)).toEqual(['statement.txt']);
  });

  it('checks the target belongs to the case', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core);
    const other = await core.call('cases.create', { number: 'TF-OTHER', title: 'Other' });
    const foreign = await core.call('assets.create', vehicle(other.id));
    const p = writeFile('x.txt', 'x');
    const err = await core.call('exhibits.add', { caseId, file: { path: p }, targetKind: 'asset', targetId: foreign.id }, { trusted: true }).catch((e) => e);
    expect(err.issues).toEqual([{ path: 'targetId', message: 'the asset belongs to another case' }]);
    expect((await callError(core, 'exhibits.add', { caseId, file: { path: p }, targetKind: 'subject' })).issues[0].path).toBe('targetId');
    expect(await core.call('exhibits.list', { caseId })).toEqual([]);
  });

  it('streams a large file: memory stays flat and the hash matches a one-shot hash', async () => {
    env = tempCore();
    const big = path.join(env.dir, 'big.bin');
    const size = 192 * 1024 * 1024;
    const fd = fs.openSync(big, 'w');
    const chunk = Buffer.alloc(1 << 20);
    const h = createHash('sha256');
    for (let i = 0; i < size / chunk.length; i++) {
      chunk.fill(i % 251);
      fs.writeSync(fd, chunk);
      h.update(chunk);
    }
    fs.closeSync(fd);
    const rss0 = process.memoryUsage().rss;
    let peak = 0;
    let progressCalls = 0;
    const stored = await storeExhibit(env.core.dataDir, big, {
      onBytes: () => {
        progressCalls++;
        peak = Math.max(peak, process.memoryUsage().rss - rss0);
      },
    });
    expect(stored).toMatchObject({ sha256: h.digest('hex'), size, added: true });
    expect(progressCalls).toBeGreaterThan(100);
    // Reading the whole file at once would add ~192 MiB; streaming holds a few 1 MiB chunks.
    expect(peak).toBeLessThan(64 * 1024 * 1024);
    const again = await storeExhibit(env.core.dataDir, big);
    expect(again.added).toBe(false);
    expect(fs.readdirSync(path.join(env.core.dataDir, 'exhibits', '.incoming'))).toEqual([]);
  });

  it('a cancelled intake leaves no partial file and no record', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core);
    const p = writeFile('big.bin', Buffer.alloc(32 * 1024 * 1024, 7));
    const ac = new AbortController();
    const err = await core
      .call('exhibits.add', { caseId, file: { path: p } }, { trusted: true, signal: ac.signal, onProgress: () => ac.abort() })
      .catch((e) => e);
    expect(err.code).toBe('Cancelled');
    expect(fs.readdirSync(path.join(env.core.dataDir, 'exhibits', '.incoming'))).toEqual([]);
    expect(await core.call('exhibits.list', { caseId })).toEqual([]);
  });
});
