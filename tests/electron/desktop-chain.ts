import { afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindow, Dialog, IpcMain } from 'electron';
import { Core, methodNames } from '../../core/core.js';
import { safeStorageProtector } from '../../core/keys/protection.js';
import { APP_ENTRY } from '../../electron/channels.js';
import { serveCoreHost, type CoreHost } from '../../electron/core-host.js';
import { CoreProcess, type CoreProcessDeps } from '../../electron/core-process.js';
import { fileDialogs } from '../../electron/files.js';
import { broadcastChanges, type ChangeTarget } from '../../electron/changes.js';
import type { ParentPortLike } from '../../electron/host-protocol.js';
import { registerIpc } from '../../electron/ipc.js';
import { buildPreloadApi } from '../../electron/preload-api.js';
import { mainWindowOptions } from '../../electron/security.js';
import { createElectronMock } from './electron-mock.js';

/**
 * The desktop app's whole call path with only Electron mocked: page (preload API) -> ipcMain guard
 * -> main's MessageClient -> MessagePort (real structured clone) -> core host -> real Core on a
 * real SQLite file in a temp dir.
 */
export async function startDesktopChain(opts: { before?: (mock: ReturnType<typeof createElectronMock>) => void } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-desktop-'));
  const dbPath = path.join(dir, 'proceeds.sqlite');
  const dataDir = path.join(dir, 'proceeds-data');
  const downloads = path.join(dir, 'downloads');
  fs.mkdirSync(downloads);
  const mock = createElectronMock();
  opts.before?.(mock);
  let host: CoreHost | undefined;
  mock.utilityProcess.onFork = (child) => {
    host = serveCoreHost(child.parentPort as ParentPortLike, {
      openCore: (init) => new Core({ dbPath: init.dbPath, dataDir: init.dataDir, actor: { user: 'tester', agency: 'Test Agency' } }),
      exit: child.exit,
    });
  };
  const core = new CoreProcess({
    utilityProcess: mock.utilityProcess as unknown as CoreProcessDeps['utilityProcess'],
    MessageChannelMain: mock.MessageChannelMain,
    entry: '/app/dist/electron/core-host.cjs',
    init: { dbPath, dataDir },
    keychain: safeStorageProtector(mock.safeStorage, 'linux'),
    // As app.ts wires it: the core's change feed to every window showing the app.
    onChanges: (changes) => void broadcastChanges(mock.BrowserWindow.getAllWindows() as unknown as ChangeTarget[], changes),
  });
  await core.start();
  const win = new mock.BrowserWindow(mainWindowOptions('/app/dist/electron/preload.cjs'));
  await win.loadURL(APP_ENTRY);
  const warnings: string[] = [];
  const unregister = registerIpc({
    ipcMain: mock.ipcMain as unknown as IpcMain,
    window: () => win as unknown as BrowserWindow,
    core: () => core.renderer,
    dialogs: fileDialogs(mock.dialog as unknown as Dialog, dataDir, () => downloads),
    dataDir,
    warn: (m) => warnings.push(m),
  });
  mock.attachRenderer(win.webContents);
  const proceeds = buildPreloadApi(mock.ipcRenderer, methodNames());
  /** The core as the host opened it, to look at the database directly. */
  const hostCore = () => host!.core()!;
  const count = (table: string) => (hostCore().reader.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  return {
    mock,
    core,
    win,
    proceeds,
    dir,
    dataDir,
    downloads,
    warnings,
    host: () => host!,
    hostCore,
    count,
    async cleanup() {
      unregister();
      await core.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type DesktopChain = Awaited<ReturnType<typeof startDesktopChain>>;

/** Runs a promise that must reject and returns what it rejected with. */
export async function rejection(p: Promise<unknown>): Promise<any> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

/** For a test file: chains and temp dirs started in a test are cleaned up after it. */
export function perTest() {
  const chains: DesktopChain[] = [];
  const dirs: string[] = [];
  afterEach(async () => {
    for (const c of chains.splice(0)) await c.cleanup();
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });
  return {
    async chain(opts?: Parameters<typeof startDesktopChain>[0]): Promise<DesktopChain> {
      const c = await startDesktopChain(opts);
      chains.push(c);
      return c;
    },
    tempDir(prefix = 'proceeds-'): string {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
      dirs.push(d);
      return d;
    },
  };
}
