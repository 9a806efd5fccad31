import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { serveCoreHost } from '../../../electron/core-host.js';
import { CoreProcess, type CoreProcessDeps } from '../../../electron/core-process.js';
import type { ParentPortLike } from '../../../electron/host-protocol.js';
import { secretProtector } from '../../../core/keys/protection.js';
import { createElectronMock } from '../../electron/electron-mock.js';
import { perTest, rejection } from '../../electron/desktop-chain.js';

const t = perTest();

describe('the core in its utilityProcess', () => {
  it('gives the renderer an untrusted session and main a trusted one', async () => {
    const chain = await t.chain();
    const c = (await chain.core.trusted.call('cases.create', { number: 'TF-5', title: 'Five' })) as { id: string };
    const file = path.join(chain.dir, 'photo.jpg');
    fs.writeFileSync(file, 'jpeg bytes');
    const input = { caseId: c.id, file: { path: file } };
    expect((await chain.core.trusted.call('exhibits.add', input)) as { fileName: string }).toMatchObject({ fileName: 'photo.jpg' });
    expect(await rejection(chain.core.renderer.call('exhibits.add', input))).toMatchObject({ code: 'Forbidden' });
    expect(chain.count('exhibits')).toBe(1);
  });

  it('closes the database and exits when asked to stop', async () => {
    const chain = await t.chain();
    const core = chain.hostCore();
    const proc = chain.mock.utilityProcess.forked[0];
    await chain.core.stop();
    expect(core.writer.sqlite.open).toBe(false);
    expect(proc.exited).toBe(true);
    expect(proc.exitCode).toBe(0);
  });

  it('fails the calls in flight and reports a crash, and a restart serves again', async () => {
    const chain = await t.chain();
    const exits: number[] = [];
    (chain.core as unknown as { deps: { onUnexpectedExit: (c: number) => void } }).deps.onUnexpectedExit = (code) => exits.push(code);
    const proc = chain.mock.utilityProcess.forked[0];
    const inFlight = chain.core.renderer.call('cases.list', {});
    proc.exit(134);
    expect((await rejection(inFlight)).message).toMatch(/stopped unexpectedly \(exit code 134\)/);
    expect(exits).toEqual([134]);
    chain.hostCore().close();
    await chain.core.start();
    expect(chain.mock.utilityProcess.forked).toHaveLength(2);
    expect(await chain.proceeds.api['cases.list']({})).toEqual([]);
  });

  it('reports a database that cannot be opened instead of hanging', async () => {
    const dir = t.tempDir('proceeds-fatal-');
    fs.writeFileSync(path.join(dir, 'not-a-dir'), 'x');
    const mock = createElectronMock();
    mock.utilityProcess.onFork = (child) => void serveCoreHost(child.parentPort as ParentPortLike, { exit: child.exit });
    const core = new CoreProcess({
      utilityProcess: mock.utilityProcess as unknown as CoreProcessDeps['utilityProcess'],
      MessageChannelMain: mock.MessageChannelMain,
      entry: 'core-host.cjs',
      init: { dbPath: path.join(dir, 'not-a-dir', 'proceeds.sqlite'), dataDir: path.join(dir, 'data') },
    });
    expect((await rejection(core.start())).message).toMatch(/could not open its database: .*not-a-dir/);
  });

  it('opens the database with the migrations main points it to', async () => {
    const dir = t.tempDir('proceeds-migr-');
    const mock = createElectronMock();
    mock.utilityProcess.onFork = (child) => void serveCoreHost(child.parentPort as ParentPortLike, { exit: child.exit });
    const before = process.env.PROCEEDS_MIGRATIONS;
    try {
      const core = new CoreProcess({
        utilityProcess: mock.utilityProcess as unknown as CoreProcessDeps['utilityProcess'],
        MessageChannelMain: mock.MessageChannelMain,
        entry: 'core-host.cjs',
        init: { dbPath: path.join(dir, 'a.sqlite'), dataDir: path.join(dir, 'data'), migrationsDir: path.join(dir, 'no-migrations-here') },
      });
      expect((await rejection(core.start())).message).toMatch(/could not open its database/);
      const good = new CoreProcess({
        utilityProcess: mock.utilityProcess as unknown as CoreProcessDeps['utilityProcess'],
        MessageChannelMain: mock.MessageChannelMain,
        entry: 'core-host.cjs',
        init: { dbPath: path.join(dir, 'b.sqlite'), dataDir: path.join(dir, 'data'), migrationsDir: path.resolve('db/migrations') },
      });
      await good.start();
      expect(await good.renderer.call('cases.list', {})).toEqual([]);
      await good.stop();
    } finally {
      if (before === undefined) delete process.env.PROCEEDS_MIGRATIONS;
      else process.env.PROCEEDS_MIGRATIONS = before;
    }
  });
});

describe('secret keys sealed through main', () => {
  it('registers a keychain protector in the core that seals through safeStorage in main', async () => {
    const chain = await t.chain();
    const p = secretProtector()!;
    expect(p).toBe(chain.host().secrets());
    expect(p.status()).toEqual({ available: true });
    const secret = Buffer.from([0, 255, 1, 254, ...Buffer.from('ed25519-secret-key-material')]);
    const sealed = await p.protect(secret);
    expect(Buffer.from(sealed, 'base64').includes(Buffer.from('ed25519-secret-key-material'))).toBe(false);
    expect(sealed).not.toContain(secret.toString('base64'));
    expect((await p.unprotect(sealed)).equals(secret)).toBe(true);
    expect(chain.mock.safeStorage.calls).toBe(2);
    await chain.core.stop();
    expect(secretProtector()).toBeUndefined();
  });

  it('tells the core on Linux that a plain-text keychain is no keychain, and main refuses to use it', async () => {
    const chain = await t.chain({ before: (mock) => void (mock.safeStorage.backend = 'basic_text') });
    expect(chain.host().secrets()!.status()).toMatchObject({ available: false, reason: expect.stringMatching(/passphrase/) });
    expect((await rejection(chain.host().secrets()!.protect(Buffer.from([1, 2, 3])))).message).toMatch(/passphrase/);
    expect(chain.mock.safeStorage.calls).toBe(0);
  });

  it('registers no protector when main has no keychain', async () => {
    const mock = createElectronMock();
    const dir = t.tempDir('proceeds-nokey-');
    let host: ReturnType<typeof serveCoreHost> | undefined;
    mock.utilityProcess.onFork = (child) => void (host = serveCoreHost(child.parentPort as ParentPortLike, { exit: child.exit }));
    const core = new CoreProcess({ utilityProcess: mock.utilityProcess as unknown as CoreProcessDeps['utilityProcess'], MessageChannelMain: mock.MessageChannelMain, entry: 'x', init: { dbPath: path.join(dir, 'db.sqlite'), dataDir: dir } });
    await core.start();
    expect(host!.secrets()).toBeUndefined();
    expect(secretProtector()).toBeUndefined();
    await core.stop();
  });
});
