import { EventEmitter } from 'node:events';

/**
 * Stand-ins for Electron's windows, pages and frames: plain objects holding what main set on them,
 * plus helpers that fire the events Chromium would (a navigation, an IPC message from a frame).
 */
let frameSeq = 0;
let contentsSeq = 0;

export class MockFrame {
  readonly frameToken = `frame-${++frameSeq}`;
  readonly routingId = frameSeq;
  detached = false;
  constructor(
    public url: string,
    readonly processId: number,
    readonly parent: MockFrame | null = null,
  ) {}
  get origin(): string {
    try {
      const u = new URL(this.url);
      return `${u.protocol}//${u.host}`;
    } catch {
      return 'null';
    }
  }
  /** A subframe (an iframe) of this frame, as an attacker-controlled page would have. */
  child(url: string): MockFrame {
    return new MockFrame(url, this.processId, this);
  }
}

export interface MockNavigation {
  url: string;
  defaultPrevented: boolean;
  preventDefault(): void;
}

export class MockWebContents extends EventEmitter {
  readonly id = ++contentsSeq;
  readonly mainFrame: MockFrame;
  destroyed = false;
  reloads = 0;
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler?: (details: { url: string }) => { action: 'allow' | 'deny' };
  /** Where webContents.send delivers, when a renderer (preload) is attached. */
  deliver?: (channel: string, args: unknown[]) => void;

  constructor(url = 'about:blank') {
    super();
    this.mainFrame = new MockFrame(url, 1000 + this.id);
  }
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
    this.deliver?.(channel, args);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  reload(): void {
    this.reloads++;
  }
  setWindowOpenHandler(handler: MockWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = handler;
  }
  /** Fires a navigation event the way Chromium would; returns true if main blocked it. */
  navigate(kind: 'will-navigate' | 'will-frame-navigate' | 'will-redirect', url: string): boolean {
    const event: MockNavigation = {
      url,
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    this.emit(kind, event);
    return event.defaultPrevented;
  }
  /** Fires will-attach-webview; returns true if main blocked it. */
  attachWebview(): boolean {
    let prevented = false;
    this.emit('will-attach-webview', { preventDefault: () => (prevented = true) }, {}, { src: 'https://example.com' });
    return prevented;
  }
  /** An IPC event as ipcMain would hand it to a handler. */
  ipcEvent(frame: MockFrame | null = this.mainFrame) {
    return { sender: this, senderFrame: frame, preventDefault() {}, defaultPrevented: false };
  }
}

export class MockBrowserWindow extends EventEmitter {
  readonly webContents = new MockWebContents();
  loadedUrl?: string;
  shown = false;
  destroyed = false;
  minimized = false;
  focused = 0;

  constructor(readonly options: Record<string, any> = {}) {
    super();
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused++;
  }
  restore(): void {
    this.minimized = false;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.destroyed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
  }
}
