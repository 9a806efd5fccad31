import type { BrowserWindow, Dialog, IpcMain } from 'electron';
import { describe, expect, it } from 'vitest';
import { ProceedsError } from '../../../core/errors.js';
import type { MessageClient } from '../../../core/transport/client.js';
import { CHANNELS } from '../../../electron/channels.js';
import { fileDialogs } from '../../../electron/files.js';
import { registerIpc } from '../../../electron/ipc.js';
import { createElectronMock } from '../../electron/electron-mock.js';
import { perTest, rejection } from '../../electron/desktop-chain.js';

const t = perTest();

describe('calls from the page reach the core', () => {
  it('creates and lists through the real core, in the main frame of our window', async () => {
    const chain = await t.chain();
    const created = (await chain.proceeds.api['cases.create']({ number: 'TF-2026-001', title: 'Operation Tidewater' })) as { id: string };
    expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
    const list = (await chain.proceeds.call('cases.list', {})) as { number: string }[];
    expect(list.map((c) => c.number)).toEqual(['TF-2026-001']);
    expect(chain.count('audit_log')).toBeGreaterThan(0);
    expect(chain.warnings).toEqual([]);
  });

  it('keeps the error code and field paths, and leaves the database unchanged', async () => {
    const chain = await t.chain();
    const c = (await chain.proceeds.api['cases.create']({ number: 'TF-1', title: 'One' })) as { id: string };
    const a = (await chain.proceeds.api['accounts.create']({ caseId: c.id, kind: 'bank', identifier: 'A-1', currency: 'USD' })) as { id: string };
    const audit = chain.count('audit_log');
    const dup = await rejection(chain.proceeds.api['cases.create']({ number: 'TF-1', title: 'Again' }));
    expect(dup).toMatchObject({ code: 'Conflict', issues: [{ path: 'number' }] });
    const base = { caseId: c.id, toAccountId: a.id, currency: 'USD', occurredAt: '2024-03-07', amount: '10' };
    expect(await rejection(chain.proceeds.api['transactions.create']({ ...base, amount: '12,3x' }))).toMatchObject({ code: 'Invalid', issues: [{ path: 'amount' }] });
    expect(await rejection(chain.proceeds.api['transactions.create']({ ...base, occurredAt: '2024-02-30' }))).toMatchObject({ code: 'Invalid', issues: [{ path: 'occurredAt' }] });
    expect(chain.count('audit_log')).toBe(audit);
    expect(chain.count('transactions')).toBe(0);
  });
});

describe('messages from anywhere else are refused before the core', () => {
  it('refuses a subframe, even one showing the app', async () => {
    const chain = await t.chain();
    const { mock, win } = chain;
    for (const url of ['proceeds://app/index.html', 'https://evil.example/frame.html']) {
      mock.attachRenderer(win.webContents, win.webContents.mainFrame.child(url));
      const e = await rejection(chain.proceeds.api['cases.create']({ number: `X-${url.length}`, title: 'From a frame' }));
      expect(e.code).toBe('Forbidden');
      expect(e.message).toMatch(/subframe/);
    }
    expect(chain.count('cases')).toBe(0);
    expect(chain.warnings.length).toBe(2);
  });

  it('refuses another window, and our window once its page is not the app', async () => {
    const chain = await t.chain();
    const { mock, win } = chain;
    const other = new mock.BrowserWindow({});
    await other.loadURL('proceeds://app/index.html');
    mock.attachRenderer(other.webContents);
    expect((await rejection(chain.proceeds.api['cases.list']({}))).message).toMatch(/another window/);
    mock.attachRenderer(win.webContents);
    win.webContents.mainFrame.url = 'https://evil.example/';
    expect((await rejection(chain.proceeds.api['cases.list']({}))).message).toMatch(/outside the app \(https:\/\/evil.example\)/);
    win.webContents.mainFrame.url = 'file:///tmp/x.html';
    expect((await rejection(chain.proceeds.api['cases.list']({}))).code).toBe('Forbidden');
  });

  it('refuses a message with no frame, a detached frame, or after the window closed', async () => {
    const chain = await t.chain();
    const { mock, win } = chain;
    const noFrame = (await mock.ipcMain.invoke(CHANNELS.call, win.webContents.ipcEvent(null), { id: 'x1', method: 'cases.list', input: {} })) as any;
    expect(noFrame).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    win.webContents.mainFrame.detached = true;
    expect((await rejection(chain.proceeds.api['cases.list']({}))).message).toMatch(/frame is gone/);
    win.webContents.mainFrame.detached = false;
    win.close();
    expect((await rejection(chain.proceeds.api['cases.list']({}))).message).toMatch(/no application window/);
    for (const channel of [CHANNELS.pickFile, CHANNELS.saveOutput]) {
      const r = (await mock.ipcMain.invoke(channel, win.webContents.ipcEvent(), {})) as any;
      expect(r.error.code, channel).toBe('Forbidden');
    }
    expect(mock.state.dialog.calls).toEqual([]);
  });

  it('refuses a malformed envelope with the field named', async () => {
    const chain = await t.chain();
    const { mock, win } = chain;
    const send = (payload: unknown) => mock.ipcMain.invoke(CHANNELS.call, win.webContents.ipcEvent(), payload) as Promise<any>;
    expect((await send({ id: '../1', method: 'cases.list', input: {} })).error.issues[0].path).toBe('id');
    expect((await send({ id: 'a', method: '', input: {} })).error.issues[0].path).toBe('method');
    expect((await send({ id: 'a', method: 'cases.list', input: {}, trusted: true })).error.code).toBe('Invalid');
    expect((await send('cases.list')).error.code).toBe('Invalid');
    expect((await send({ id: 'a', method: 'no.such', input: {} })).error).toMatchObject({ code: 'NotFound' });
  });
});

describe('cancel', () => {
  /** A core client whose calls wait until their signal aborts. */
  function waitingCore() {
    const signals: AbortSignal[] = [];
    const client = {
      call: (_m: string, _i: unknown, opts: { signal?: AbortSignal }) =>
        new Promise((_resolve, reject) => {
          signals.push(opts.signal!);
          opts.signal!.addEventListener('abort', () => reject(new ProceedsError('Cancelled', 'cancelled: nothing was saved')));
        }),
    } as unknown as MessageClient;
    return { client, signals };
  }

  it('aborts the call named by our page, and ignores a cancel from a subframe', async () => {
    const mock = createElectronMock();
    const win = new mock.BrowserWindow({});
    await win.loadURL('proceeds://app/index.html');
    const { client, signals } = waitingCore();
    registerIpc({ ipcMain: mock.ipcMain as unknown as IpcMain, window: () => win as unknown as BrowserWindow, core: () => client, dialogs: fileDialogs(mock.dialog as unknown as Dialog, '/nonexistent', () => '/tmp'), dataDir: '/nonexistent', warn: () => {} });
    const pending = mock.ipcMain.invoke(CHANNELS.call, win.webContents.ipcEvent(), { id: 'long-1', method: 'imports.run', input: {} });
    await new Promise((r) => setImmediate(r));
    expect(signals).toHaveLength(1);
    mock.ipcMain.emit(CHANNELS.cancel, win.webContents.ipcEvent(win.webContents.mainFrame.child('https://evil.example/')), 'long-1');
    mock.ipcMain.emit(CHANNELS.cancel, win.webContents.ipcEvent(), 'long-2');
    expect(signals[0].aborted).toBe(false);
    mock.ipcMain.emit(CHANNELS.cancel, win.webContents.ipcEvent(), 'long-1');
    expect(signals[0].aborted).toBe(true);
    expect(await pending).toMatchObject({ ok: false, error: { code: 'Cancelled' } });
  });

  it('refuses a second call under an id still running', async () => {
    const mock = createElectronMock();
    const win = new mock.BrowserWindow({});
    await win.loadURL('proceeds://app/index.html');
    const { client } = waitingCore();
    registerIpc({ ipcMain: mock.ipcMain as unknown as IpcMain, window: () => win as unknown as BrowserWindow, core: () => client, dialogs: fileDialogs(mock.dialog as unknown as Dialog, '/nonexistent', () => '/tmp'), dataDir: '/nonexistent', warn: () => {} });
    void mock.ipcMain.invoke(CHANNELS.call, win.webContents.ipcEvent(), { id: 'same', method: 'cases.list', input: {} });
    const second = (await mock.ipcMain.invoke(CHANNELS.call, win.webContents.ipcEvent(), { id: 'same', method: 'cases.list', input: {} })) as any;
    expect(second.error).toMatchObject({ code: 'Conflict', issues: [{ path: 'id' }] });
  });
});
