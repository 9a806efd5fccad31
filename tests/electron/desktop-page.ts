import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { APP_ORIGIN } from '../../electron/channels.js';
import { serveAppRequest } from '../../electron/app-protocol.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/chromium.js';
import { startDesktopChain, type DesktopChain } from './desktop-chain.js';

/**
 * The renderer as the desktop app runs it, in real headless Chromium: the built renderer served by
 * main's own protocol handler (with the desktop CSP), the built preload bundle run in every frame
 * against a stand-in `electron` whose ipcRenderer reaches main's real IPC handlers, and the real
 * core behind them (desktop-chain.ts). Only Electron's process plumbing is simulated: the frame an
 * IPC message comes from is the real Chromium frame that sent it.
 */
export interface DesktopPage {
  page: Page;
  chain: DesktopChain;
  /** CSP violations the page reported (directive and blocked URL). */
  violations(): Promise<string[]>;
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** Bytes cannot cross a Playwright binding as-is: they travel as base64 inside the test rig only. */
const RIG = (preload: string) => `(() => {
  const listeners = new Map();
  const encode = (v) => v instanceof Uint8Array ? { __bytes: btoa(Array.from(v, (b) => String.fromCharCode(b)).join('')) }
    : v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)])) : v;
  window.__proceedsIpcEmit = (channel, args) => (listeners.get(channel) || []).forEach((fn) => fn({}, ...args));
  const ipcRenderer = {
    invoke: (channel, ...args) => window.__proceedsIpcInvoke(channel, args.map(encode)),
    send: (channel, ...args) => void window.__proceedsIpcInvoke('send:' + channel, args.map(encode)),
    on: (channel, fn) => (listeners.set(channel, [...(listeners.get(channel) || []), fn]), ipcRenderer),
  };
  const electron = { ipcRenderer, contextBridge: { exposeInMainWorld: (key, api) => Object.defineProperty(window, key, { value: api, enumerable: false }) } };
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  const module = { exports: {} };
  const require = (id) => { if (id === 'electron') return electron; throw new Error('a sandboxed preload cannot require ' + id); };
  (function (module, exports, require) {\n${preload}\n})(module, module.exports, require);
})();`;

const decode = (v: unknown): unknown =>
  v && typeof v === 'object' && '__bytes' in v
    ? new Uint8Array(Buffer.from((v as { __bytes: string }).__bytes, 'base64'))
    : v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, decode(x)]))
      : v;

/** Serves the built renderer through main's protocol handler, on loopback for Chromium to reach. */
async function serveRenderer(rendererDir: string): Promise<http.Server> {
  const server = http.createServer(async (req, res) => {
    const response = await serveAppRequest(rendererDir, { url: `${APP_ORIGIN}${req.url ?? '/'}`, method: req.method ?? 'GET' });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export async function openDesktopPage(opts: { rendererDir: string; preloadBundle: string; screenshots: string }): Promise<DesktopPage> {
  const chain = await startDesktopChain();
  const server = await serveRenderer(opts.rendererDir);
  const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  const context: BrowserContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const { mock, win } = chain;
  // Our window's main frame is the page's main frame; any other Chromium frame is a subframe of it.
  const frameFor = (f: Frame) => (f === page.mainFrame() ? win.webContents.mainFrame : win.webContents.mainFrame.child(f.url()));
  await context.exposeBinding('__proceedsIpcInvoke', async (source, channel: string, args: unknown[]) => {
    const event = win.webContents.ipcEvent(frameFor(source.frame));
    if (channel.startsWith('send:')) return void mock.ipcMain.emit(channel.slice(5), event, ...args.map(decode));
    return mock.ipcMain.invoke(channel, event, ...args.map(decode));
  });
  win.webContents.deliver = (channel, args) => void page.evaluate(([c, a]) => (window as any).__proceedsIpcEmit(c, a), [channel, args] as const).catch(() => {});
  await context.addInitScript({ content: RIG(fs.readFileSync(opts.preloadBundle, 'utf8')) });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/index.html`);
  fs.mkdirSync(opts.screenshots, { recursive: true });
  return {
    page,
    chain,
    violations: () => page.evaluate(() => (window as any).__cspViolations as string[]),
    screenshot: async (name) => {
      const file = path.join(opts.screenshots, `${name}.png`);
      await page.screenshot({ path: file, fullPage: true });
      return file;
    },
    close: async () => {
      await browser.close();
      await new Promise((r) => server.close(r));
      await chain.cleanup();
      if (errors.length) throw new Error(`page errors: ${errors.join('\n')}`);
    },
  };
}
