/**
 * The `electron` module as unit tests see it (vitest.config.ts aliases 'electron' here): the binary
 * cannot be downloaded on these machines, so main is tested against this boundary. Each piece
 * records what main did to it, and fires the events Chromium would, so a test can assert "this
 * navigation was blocked" or "this IPC message from a subframe was refused".
 * createElectronMock() gives a fresh, independent set; the named exports are one shared set.
 */
import { EventEmitter } from 'node:events';
import { MockBrowserWindow, MockWebContents, type MockFrame } from './mock-web.js';
import { MockSafeStorage, MockSession } from './mock-session.js';
import { MockMessageChannelMain, MockUtilityProcess, type ChildSide } from './mock-process.js';

export { MockBrowserWindow, MockWebContents, MockFrame } from './mock-web.js';
export { MockSafeStorage, MockSession } from './mock-session.js';
export { MockMessageChannelMain, MockMessagePort, MockUtilityProcess, type ChildSide } from './mock-process.js';

type AnyFn = (...args: any[]) => any;

export class MockApp extends EventEmitter {
  isPackaged = false;
  name = 'proceeds';
  sandboxEnabled = false;
  hasLock = true;
  quitCalls = 0;
  quitted = false;
  exitCode?: number;
  isReady = false;
  readonly paths: Record<string, string> = { userData: '/tmp/proceeds-mock/userData', downloads: '/tmp/proceeds-mock/downloads' };
  appPath = '/opt/Proceeds/resources/app.asar';
  private resolveReady!: () => void;
  private readonly ready = new Promise<void>((r) => (this.resolveReady = r));

  enableSandbox(): void {
    this.sandboxEnabled = true;
  }
  setName(name: string): void {
    this.name = name;
  }
  getName(): string {
    return this.name;
  }
  setPath(name: string, value: string): void {
    this.paths[name] = value;
  }
  getPath(name: string): string {
    if (!(name in this.paths)) throw new Error(`mock app: no path "${name}"`);
    return this.paths[name];
  }
  getAppPath(): string {
    return this.appPath;
  }
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  /** Plays Chromium finishing its start-up. */
  markReady(): void {
    this.isReady = true;
    this.resolveReady();
  }
  quit(): void {
    this.quitCalls++;
    const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
    this.emit('before-quit', event);
    if (!event.defaultPrevented) this.quitted = true;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
}

export class MockIpcMain extends EventEmitter {
  readonly handlers = new Map<string, AnyFn>();
  handle(channel: string, fn: AnyFn): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, fn);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke does: runs the handler with an event naming the sender. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h(event, ...structuredClone(args));
  }
}

export class MockIpcRenderer extends EventEmitter {
  target?: { invoke: (channel: string, args: unknown[]) => Promise<unknown>; send: (channel: string, args: unknown[]) => void };
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    if (!this.target) return Promise.reject(new Error('mock ipcRenderer: no page attached'));
    return this.target.invoke(channel, args);
  }
  send(channel: string, ...args: unknown[]): void {
    this.target?.send(channel, args);
  }
}

export interface DialogCall {
  kind: 'open' | 'save';
  options: Record<string, any>;
}

export function createElectronMock() {
  const app = new MockApp();
  const ipcMain = new MockIpcMain();
  const ipcRenderer = new MockIpcRenderer();
  const exposed: Record<string, any> = {};
  const defaultSession = new MockSession();
  const safeStorage = new MockSafeStorage();
  const menus: { applicationMenu?: { template: unknown[] } | null } = {};
  const protocolState = { privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[], handlers: new Map<string, AnyFn>() };
  const dialogState = { calls: [] as DialogCall[], openResults: [] as { canceled: boolean; filePaths: string[] }[], saveResults: [] as { canceled: boolean; filePath: string }[], errorBoxes: [] as { title: string; content: string }[] };

  class BrowserWindow extends MockBrowserWindow {
    static created: MockBrowserWindow[] = [];
    static getAllWindows(): MockBrowserWindow[] {
      return BrowserWindow.created.filter((w) => !w.isDestroyed());
    }
    constructor(options: Record<string, any> = {}) {
      super(options);
      BrowserWindow.created.push(this);
      // Chromium announces every new page to main.
      app.emit('web-contents-created', { preventDefault() {} }, this.webContents);
    }
  }

  class UtilityProcess extends MockUtilityProcess {
    static override forked: MockUtilityProcess[] = [];
    static override onFork?: (child: ChildSide, proc: MockUtilityProcess) => void;
    static override fork(modulePath: string, args: string[] = [], options: Record<string, unknown> = {}): MockUtilityProcess {
      const proc = new MockUtilityProcess(modulePath, args, options);
      UtilityProcess.forked.push(proc);
      UtilityProcess.onFork?.(proc.child, proc);
      return proc;
    }
  }

  const mock = {
    app,
    ipcMain,
    ipcRenderer,
    BrowserWindow,
    MessageChannelMain: MockMessageChannelMain,
    utilityProcess: UtilityProcess,
    session: { defaultSession },
    safeStorage,
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        if (key in exposed) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${key}`);
        exposed[key] = api;
      },
    },
    Menu: {
      buildFromTemplate: (template: unknown[]) => ({ template }),
      setApplicationMenu: (menu: { template: unknown[] } | null) => void (menus.applicationMenu = menu),
    },
    protocol: {
      registerSchemesAsPrivileged(schemes: { scheme: string; privileges?: Record<string, boolean> }[]) {
        if (app.isReady) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
        protocolState.privileged.push(...schemes);
      },
      handle(scheme: string, handler: AnyFn) {
        protocolState.handlers.set(scheme, handler);
      },
    },
    dialog: {
      async showOpenDialog(_win: unknown, options: Record<string, any>) {
        dialogState.calls.push({ kind: 'open', options });
        return dialogState.openResults.shift() ?? { canceled: true, filePaths: [] };
      },
      async showSaveDialog(_win: unknown, options: Record<string, any>) {
        dialogState.calls.push({ kind: 'save', options });
        return dialogState.saveResults.shift() ?? { canceled: true, filePath: '' };
      },
      showErrorBox(title: string, content: string) {
        dialogState.errorBoxes.push({ title, content });
      },
    },
    /** What the tests inspect. */
    state: { exposed, menus, protocol: protocolState, dialog: dialogState },
    /** Connects ipcRenderer to a page (frame) of `contents`, as the preload of that page would be. */
    attachRenderer(contents: MockWebContents, frame: MockFrame = contents.mainFrame) {
      ipcRenderer.target = {
        invoke: (channel, args) => ipcMain.invoke(channel, contents.ipcEvent(frame), ...args),
        send: (channel, args) => void ipcMain.emit(channel, contents.ipcEvent(frame), ...structuredClone(args)),
      };
      contents.deliver = (channel, args) => void ipcRenderer.emit(channel, {}, ...structuredClone(args));
    },
    /** Requests an app resource through the handler main registered for the scheme. */
    async fetchScheme(url: string, method = 'GET'): Promise<Response> {
      const handler = protocolState.handlers.get(new URL(url).protocol.replace(/:$/, ''));
      if (!handler) throw new Error(`no protocol handler for ${url}`);
      return handler({ url, method });
    },
  };
  return mock;
}

export type ElectronMock = ReturnType<typeof createElectronMock>;

const shared = createElectronMock();
export default shared;
export const {
  app,
  ipcMain,
  ipcRenderer,
  BrowserWindow,
  MessageChannelMain,
  utilityProcess,
  session,
  safeStorage,
  contextBridge,
  Menu,
  protocol,
  dialog,
} = shared;
