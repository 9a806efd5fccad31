import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Core, methodNames } from '../../../core/core.js';
import { runApp, type AppHandle, type ElectronApi } from '../../../electron/app.js';
import { serveCoreHost } from '../../../electron/core-host.js';
import type { ParentPortLike } from '../../../electron/host-protocol.js';
import { menuTemplate } from '../../../electron/menu.js';
import { buildPreloadApi } from '../../../electron/preload-api.js';
import { createElectronMock, type ElectronMock } from '../../electron/electron-mock.js';

interface Started {
  mock: ElectronMock;
  handle: AppHandle;
  dir: string;
  announced: string[];
  cores: Core[];
}
const started: Started[] = [];
afterEach(async () => {
  for (const s of started.splice(0)) {
    await s.handle.core()?.stop();
    for (const c of s.cores) if (c.writer.sqlite.open) c.close();
    fs.rmSync(s.dir, { recursive: true, force: true });
  }
});

/** runApp against the mock, with the real core host in the mock utilityProcess. */
function launch(env: (dir: string) => NodeJS.ProcessEnv = () => ({}), setup: (mock: ElectronMock, dir: string) => void = () => {}): Started {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-app-'));
  const bundleDir = path.join(dir, 'dist', 'electron');
  fs.mkdirSync(path.join(dir, 'dist', 'renderer'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'dist', 'renderer', 'index.html'), '<!doctype html><title>Proceeds</title>');
  const mock = createElectronMock();
  mock.app.paths.userData = path.join(dir, 'userData');
  mock.app.paths.downloads = path.join(dir, 'downloads');
  mock.app.appPath = process.cwd();
  const cores: Core[] = [];
  mock.utilityProcess.onFork = (child) => {
    serveCoreHost(child.parentPort as ParentPortLike, {
      openCore: (init) => {
        const core = new Core({ dbPath: init.dbPath, dataDir: init.dataDir, actor: { user: 'tester', agency: 'Test' } });
        cores.push(core);
        return core;
      },
      exit: child.exit,
    });
  };
  setup(mock, dir);
  const announced: string[] = [];
  const handle = runApp(mock as unknown as ElectronApi, { bundleDir, env: env(dir), announce: (l) => announced.push(l) });
  const s = { mock, handle, dir, announced, cores };
  started.push(s);
  return s;
}

async function ready(s: Started): Promise<void> {
  s.mock.app.markReady();
  await s.handle.ready;
}

describe('start-up', () => {
  it('secures the app before Chromium is ready', () => {
    const { mock } = launch();
    expect(mock.state.protocol.privileged).toEqual([{ scheme: 'proceeds', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    expect(mock.app.sandboxEnabled).toBe(true);
    expect(mock.app.name).toBe('Proceeds');
    expect(mock.BrowserWindow.created).toHaveLength(0);
    expect(mock.utilityProcess.forked).toHaveLength(0);
  });

  it('hardens the session, starts the core, then opens one secure window on the app', async () => {
    const s = launch();
    await ready(s);
    const { mock, dir } = s;
    expect(mock.session.defaultSession.requestPermission('media')).toBe(false);
    expect(mock.session.defaultSession.requestAllowed('https://example.com/')).toBe(false);
    expect(await (await mock.fetchScheme('proceeds://app/index.html')).text()).toContain('<title>Proceeds</title>');
    expect(mock.utilityProcess.forked.map((p) => [p.modulePath, p.options.serviceName])).toEqual([[path.join(dir, 'dist/electron/core-host.cjs'), 'Proceeds core']]);
    const [win] = mock.BrowserWindow.created;
    expect(mock.BrowserWindow.created).toHaveLength(1);
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, preload: path.join(dir, 'dist/electron/preload.cjs') });
    expect(win.loadedUrl).toBe('proceeds://app/index.html');
    // The page got the per-page rules through web-contents-created.
    expect(win.webContents.navigate('will-navigate', 'https://example.com/')).toBe(true);
    expect(win.webContents.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
    expect(s.announced).toEqual(['PROCEEDS_READY']);
    expect(mock.state.menus.applicationMenu?.template.length).toBeGreaterThan(3);
  });

  it('serves the page calls on the database in the user data directory', async () => {
    const s = launch();
    await ready(s);
    const [win] = s.mock.BrowserWindow.created;
    s.mock.attachRenderer(win.webContents);
    const proceeds = buildPreloadApi(s.mock.ipcRenderer, methodNames());
    await proceeds.api['cases.create']({ number: 'TF-77', title: 'Seventy-seven' });
    expect(s.cores[0].writer.sqlite.name).toBe(path.join(s.dir, 'userData', 'proceeds.sqlite'));
    expect(fs.existsSync(path.join(s.dir, 'userData', 'proceeds.sqlite'))).toBe(true);
  });

  it('takes the data directory from PROCEEDS_HOME and the database from PROCEEDS_DB', async () => {
    const home = launch((dir) => ({ PROCEEDS_HOME: path.join(dir, 'home') }));
    await ready(home);
    expect(home.cores[0].writer.sqlite.name).toBe(path.join(home.dir, 'home', 'proceeds.sqlite'));
    const db = launch((dir) => ({ PROCEEDS_DB: path.join(dir, 'elsewhere', 'case.sqlite') }));
    await ready(db);
    expect(db.cores[0].writer.sqlite.name).toBe(path.join(db.dir, 'elsewhere', 'case.sqlite'));
    expect(db.cores[0].dataDir).toBe(path.join(db.dir, 'elsewhere', 'proceeds-data'));
  });

  it('lets only one instance run, and brings its window forward', async () => {
    const second = launch(undefined, (mock) => void (mock.app.hasLock = false));
    await ready(second);
    expect(second.mock.app.quitCalls).toBe(1);
    expect(second.mock.utilityProcess.forked).toHaveLength(0);
    const first = launch();
    await ready(first);
    const [win] = first.mock.BrowserWindow.created;
    win.minimized = true;
    first.mock.app.emit('second-instance');
    expect(win.minimized).toBe(false);
    expect(win.focused).toBe(1);
  });
});

describe('stopping', () => {
  it('lets the core close its database before quitting', async () => {
    const s = launch();
    await ready(s);
    s.mock.app.quit();
    expect(s.mock.app.quitted).toBe(false);
    await vi.waitFor(() => expect(s.mock.app.quitted).toBe(true));
    expect(s.cores[0].writer.sqlite.open).toBe(false);
    expect(s.mock.app.quitCalls).toBe(2);
  });

  it('explains and exits when the database cannot be opened', async () => {
    const s = launch(undefined, (mock, dir) => {
      fs.writeFileSync(path.join(dir, 'file'), 'x');
      mock.app.paths.userData = path.join(dir, 'file', 'sub');
    });
    await ready(s);
    expect(s.mock.state.dialog.errorBoxes).toEqual([{ title: 'Proceeds cannot start', content: expect.stringMatching(/could not open its database/) }]);
    expect(s.mock.app.exitCode).toBe(1);
    expect(s.mock.BrowserWindow.created).toHaveLength(0);
  });

  it('restarts a crashed core and reloads the page, but gives up after repeated crashes', async () => {
    const s = launch();
    await ready(s);
    const [win] = s.mock.BrowserWindow.created;
    const crash = () => {
      const live = s.cores.at(-1)!;
      s.mock.utilityProcess.forked.at(-1)!.exit(139);
      live.close();
    };
    for (let n = 1; n <= 3; n++) {
      crash();
      await vi.waitFor(() => expect(win.webContents.reloads).toBe(n));
      expect(s.mock.utilityProcess.forked).toHaveLength(n + 1);
    }
    crash();
    await vi.waitFor(() => expect(s.mock.app.exitCode).toBe(1));
    expect(s.mock.utilityProcess.forked).toHaveLength(4);
    expect(s.mock.state.dialog.errorBoxes[0].content).toMatch(/stopped 4 times \(last exit code 139\)/);
  });
});

describe('the menu', () => {
  const labels = (t: ReturnType<typeof menuTemplate>): string[] => t.flatMap((i) => [i.role ?? i.label ?? '', ...labels((i.submenu as never) ?? [])]);

  it('has the developer tools only in an unpackaged build', () => {
    expect(labels(menuTemplate({ platform: 'linux', packaged: false }))).toContain('toggleDevTools');
    expect(labels(menuTemplate({ platform: 'linux', packaged: true }))).not.toContain('toggleDevTools');
    expect(labels(menuTemplate({ platform: 'darwin', packaged: true }))).toContain('appMenu');
    expect(labels(menuTemplate({ platform: 'win32', packaged: true }))).toContain('quit');
  });
});
