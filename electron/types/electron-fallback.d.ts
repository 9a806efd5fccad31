/**
 * The few Electron APIs electron/ uses, for machines where the optional `electron` package is not
 * installed (CI: its binary cannot be downloaded, so npm drops it). tsconfig.json maps 'electron'
 * to node_modules/electron first and to this file only when that is missing, so with the package
 * installed the code is checked against the real API, and `npm run typecheck:electron-fallback`
 * checks it against this file. A module file, not an ambient `declare module`: an ambient one
 * would merge into the real declarations and corrupt them.
 */
export type Listener = (...args: any[]) => void;

export interface Event<Params extends object = {}> {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}
export type EventWith<Params extends object> = Event<Params> & Params;

export interface NodeEventEmitter {
  on(event: string, listener: Listener): this;
  once(event: string, listener: Listener): this;
  removeListener(event: string, listener: Listener): this;
}

export interface WebFrameMain {
  readonly url: string;
  readonly origin: string;
  readonly frameToken: string;
  readonly processId: number;
  readonly routingId: number;
  readonly parent: WebFrameMain | null;
  readonly detached: boolean;
}

export interface WindowOpenHandlerResponse {
  action: 'allow' | 'deny';
}

export interface NavigationParams {
  url: string;
  isSameDocument: boolean;
  isMainFrame: boolean;
  frame: WebFrameMain | null;
}

export interface WebContents extends NodeEventEmitter {
  readonly id: number;
  readonly mainFrame: WebFrameMain;
  send(channel: string, ...args: any[]): void;
  isDestroyed(): boolean;
  reload(): void;
  setWindowOpenHandler(handler: (details: { url: string }) => WindowOpenHandlerResponse): void;
  on(event: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', listener: (event: EventWith<NavigationParams>) => void): this;
  on(event: 'will-attach-webview', listener: (event: Event, webPreferences: WebPreferences, params: Record<string, string>) => void): this;
  on(event: string, listener: Listener): this;
}

export interface WebPreferences {
  preload?: string;
  contextIsolation?: boolean;
  sandbox?: boolean;
  nodeIntegration?: boolean;
  nodeIntegrationInWorker?: boolean;
  nodeIntegrationInSubFrames?: boolean;
  webSecurity?: boolean;
  allowRunningInsecureContent?: boolean;
  webviewTag?: boolean;
  experimentalFeatures?: boolean;
  navigateOnDragDrop?: boolean;
  safeDialogs?: boolean;
  spellcheck?: boolean;
  devTools?: boolean;
}

export interface BrowserWindowConstructorOptions {
  width?: number;
  height?: number;
  minWidth?: number;
  minHeight?: number;
  show?: boolean;
  title?: string;
  backgroundColor?: string;
  webPreferences?: WebPreferences;
}

export class BrowserWindow implements NodeEventEmitter {
  constructor(options?: BrowserWindowConstructorOptions);
  readonly webContents: WebContents;
  loadURL(url: string): Promise<void>;
  show(): void;
  focus(): void;
  restore(): void;
  isMinimized(): boolean;
  isDestroyed(): boolean;
  on(event: string, listener: Listener): this;
  once(event: string, listener: Listener): this;
  removeListener(event: string, listener: Listener): this;
}

export interface App extends NodeEventEmitter {
  readonly isPackaged: boolean;
  enableSandbox(): void;
  setName(name: string): void;
  setPath(name: string, path: string): void;
  getPath(name: 'userData' | 'downloads' | 'home' | 'temp' | 'appData'): string;
  getAppPath(): string;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<void>;
  quit(): void;
  exit(code?: number): void;
  on(event: 'web-contents-created', listener: (event: Event, contents: WebContents) => void): this;
  on(event: 'before-quit', listener: (event: Event) => void): this;
  on(event: string, listener: Listener): this;
}

export interface IpcMainEvent extends Event {
  readonly sender: WebContents;
  readonly senderFrame: WebFrameMain | null;
}
export interface IpcMainInvokeEvent extends Event {
  readonly sender: WebContents;
  readonly senderFrame: WebFrameMain | null;
}

export interface IpcMain extends NodeEventEmitter {
  handle(channel: string, listener: (event: IpcMainInvokeEvent, ...args: any[]) => Promise<any> | any): void;
  removeHandler(channel: string): void;
  on(channel: string, listener: (event: IpcMainEvent, ...args: any[]) => void): this;
  removeListener(channel: string, listener: (...args: any[]) => void): this;
}

export interface IpcRenderer {
  invoke(channel: string, ...args: any[]): Promise<any>;
  send(channel: string, ...args: any[]): void;
  on(channel: string, listener: (event: unknown, ...args: any[]) => void): this;
}

export interface ContextBridge {
  exposeInMainWorld(apiKey: string, api: any): void;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface Dialog {
  showOpenDialog(
    window: BrowserWindow,
    options: { title?: string; filters?: FileFilter[]; properties?: string[] },
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
  showSaveDialog(window: BrowserWindow, options: { defaultPath?: string; properties?: string[] }): Promise<{ canceled: boolean; filePath: string }>;
  showErrorBox(title: string, content: string): void;
}

export interface MenuItemConstructorOptions {
  role?: string;
  type?: 'normal' | 'separator' | 'submenu' | 'checkbox' | 'radio';
  label?: string;
  submenu?: MenuItemConstructorOptions[];
}

export class Menu {
  static setApplicationMenu(menu: Menu | null): void;
  static buildFromTemplate(template: MenuItemConstructorOptions[]): Menu;
}

export interface MessageEvent {
  data: any;
  ports: MessagePortMain[];
}

export class MessagePortMain implements NodeEventEmitter {
  on(event: 'message', listener: (messageEvent: MessageEvent) => void): this;
  on(event: 'close', listener: () => void): this;
  on(event: string, listener: Listener): this;
  once(event: string, listener: Listener): this;
  removeListener(event: string, listener: Listener): this;
  postMessage(message: any, transfer?: MessagePortMain[]): void;
  start(): void;
  close(): void;
}

export class MessageChannelMain {
  port1: MessagePortMain;
  port2: MessagePortMain;
}

export interface CustomScheme {
  scheme: string;
  privileges?: { standard?: boolean; secure?: boolean; supportFetchAPI?: boolean; codeCache?: boolean; corsEnabled?: boolean; stream?: boolean };
}

export interface Protocol {
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void;
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void;
}

export interface SafeStorage {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend(): 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface WebRequest {
  onBeforeRequest(listener: (details: { url: string; resourceType?: string }, callback: (response: { cancel?: boolean }) => void) => void): void;
  onHeadersReceived(
    listener: (
      details: { url: string; responseHeaders?: Record<string, string[]> },
      callback: (response: { cancel?: boolean; responseHeaders?: Record<string, string | string[]> }) => void,
    ) => void,
  ): void;
}

export interface Session extends NodeEventEmitter {
  readonly webRequest: WebRequest;
  setPermissionRequestHandler(handler: ((contents: WebContents, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((contents: WebContents | null, permission: string) => boolean) | null): void;
  on(event: 'will-download', listener: (event: Event, item: unknown, contents: WebContents) => void): this;
  on(event: string, listener: Listener): this;
}

export interface ForkOptions {
  env?: Record<string, string | undefined>;
  serviceName?: string;
  stdio?: string | Array<'pipe' | 'ignore' | 'inherit'>;
}

export class UtilityProcess implements NodeEventEmitter {
  readonly pid: number | undefined;
  postMessage(message: any, transfer?: MessagePortMain[]): void;
  kill(): boolean;
  on(event: 'message', listener: (message: any) => void): this;
  on(event: 'exit', listener: (code: number) => void): this;
  on(event: string, listener: Listener): this;
  once(event: string, listener: Listener): this;
  removeListener(event: string, listener: Listener): this;
}

export const app: App;
export const contextBridge: ContextBridge;
export const dialog: Dialog;
export const ipcMain: IpcMain;
export const ipcRenderer: IpcRenderer;
export const protocol: Protocol;
export const safeStorage: SafeStorage;
export const session: { readonly defaultSession: Session };
export const utilityProcess: { fork(modulePath: string, args?: string[], options?: ForkOptions): UtilityProcess };
