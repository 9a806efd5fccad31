import type * as Electron from 'electron';
import { safeStorageProtector } from '../core/keys/protection.js';
import { desktopDatabaseKey } from '../core/encryption/desktop-key.js';
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol.js';
import { appPaths } from './app-paths.js';
import { APP_ENTRY } from './channels.js';
import { CoreProcess } from './core-process.js';
import { fileDialogs } from './files.js';
import { registerIpc } from './ipc.js';
import { menuTemplate } from './menu.js';
import { hardenContents, hardenSession, mainWindowOptions } from './security.js';
import { broadcastChanges } from './changes.js';

/** The parts of Electron main uses; passed in so the whole start-up runs against a mock in tests. */
export type ElectronApi = Pick<
  typeof Electron,
  'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'Menu' | 'MessageChannelMain' | 'protocol' | 'safeStorage' | 'session' | 'utilityProcess'
>;

export interface RunOptions {
  /** The directory of the main bundle (dist/electron). */
  bundleDir: string;
  env: NodeJS.ProcessEnv;
  /** Where the launcher (scripts/electron-launch.mjs) hears that the window is up. */
  announce?: (line: string) => void;
}

export interface AppHandle {
  /** Resolves when the window has been created (or start-up failed and the app is exiting). */
  ready: Promise<void>;
  window(): Electron.BrowserWindow | undefined;
  core(): CoreProcess | undefined;
}

const MAX_CORE_RESTARTS = 3;

/** Wires the desktop app: security first, then the core's process, the IPC surface and the window. */
export function runApp(e: ElectronApi, opts: RunOptions): AppHandle {
  // Both must happen before the app is ready.
  e.protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  e.app.enableSandbox();
  e.app.setName('Proceeds');
  if (opts.env.PROCEEDS_HOME) e.app.setPath('userData', opts.env.PROCEEDS_HOME);

  let win: Electron.BrowserWindow | undefined;
  let core: CoreProcess | undefined;
  if (!e.app.requestSingleInstanceLock()) {
    e.app.quit();
    return { ready: Promise.resolve(), window: () => win, core: () => core };
  }

  e.app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  e.app.on('second-instance', () => {
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
  });
  e.app.on('window-all-closed', () => e.app.quit());
  let quitting = false;
  e.app.on('before-quit', (event) => {
    // Let the core close its database (WAL checkpoint) before the process goes.
    if (quitting || !core) return;
    event.preventDefault();
    quitting = true;
    void core.stop().finally(() => e.app.quit());
  });

  function createWindow(preload: string): Electron.BrowserWindow {
    const w = new e.BrowserWindow(mainWindowOptions(preload));
    w.once('ready-to-show', () => {
      w.show();
      opts.announce?.('PROCEEDS_READY');
    });
    w.on('closed', () => {
      if (win === w) win = undefined;
    });
    void w.loadURL(APP_ENTRY);
    return w;
  }

  async function start(): Promise<void> {
    await e.app.whenReady();
    const paths = appPaths({ bundleDir: opts.bundleDir, appPath: e.app.getAppPath(), userData: e.app.getPath('userData'), env: opts.env });
    hardenSession(e.session.defaultSession);
    registerAppProtocol(e.protocol, paths.rendererDir);
    e.Menu.setApplicationMenu(e.Menu.buildFromTemplate(menuTemplate({ platform: process.platform, packaged: e.app.isPackaged })));

    // The database key, sealed by the OS keychain beside the database: unsealed here, where safeStorage lives.
    const keychain = safeStorageProtector(e.safeStorage);
    let dbKey: string | undefined;
    try {
      dbKey = (await desktopDatabaseKey(paths.dbPath, keychain))?.raw.toString('hex');
    } catch (err) {
      // No key, no database: said the way a database that cannot be opened is said, then exit.
      e.dialog.showErrorBox('Proceeds cannot start', `the Proceeds core could not open its database: ${(err as Error).message}`);
      e.app.exit(1);
      return;
    }
    let restarts = 0;
    const coreProcess = new CoreProcess({
      utilityProcess: e.utilityProcess,
      MessageChannelMain: e.MessageChannelMain,
      entry: paths.coreHost,
      init: { dbPath: paths.dbPath, dataDir: paths.dataDir, migrationsDir: paths.migrationsDir, dbKey },
      keychain,
      // Every window that shows the app hears what changed (a CLI import, another window's edit).
      onChanges: (changes) => void broadcastChanges(e.BrowserWindow.getAllWindows(), changes),
      onUnexpectedExit: (code) => {
        if (++restarts > MAX_CORE_RESTARTS) {
          e.dialog.showErrorBox('Proceeds stopped', `The Proceeds core stopped ${restarts} times (last exit code ${code}). Your data is safe; start Proceeds again.`);
          return e.app.exit(1);
        }
        // Nothing half-written survives a crash (one transaction per change): restart and reload.
        coreProcess.start().then(
          () => win?.webContents.reload(),
          (err: Error) => {
            e.dialog.showErrorBox('Proceeds stopped', err.message);
            e.app.exit(1);
          },
        );
      },
    });
    core = coreProcess;
    registerIpc({
      ipcMain: e.ipcMain,
      window: () => win,
      core: () => coreProcess.renderer,
      dialogs: fileDialogs(e.dialog, paths.dataDir, () => e.app.getPath('downloads'), () => coreProcess.fileCipher),
      dataDir: paths.dataDir,
      fileCipher: () => coreProcess.fileCipher,
    });
    try {
      await coreProcess.start();
    } catch (err) {
      e.dialog.showErrorBox('Proceeds cannot start', (err as Error).message);
      e.app.exit(1);
      return;
    }
    win = createWindow(paths.preload);
  }

  return { ready: start(), window: () => win, core: () => core };
}
