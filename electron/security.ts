import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './channels.js';

/**
 * The desktop renderer's Content-Security-Policy. Stricter than the browser build's (core/security.ts):
 * in Electron the renderer talks to the core over IPC, so it needs no network connection at all,
 * not even to the loopback bridge. Sent as a response header on every app resource; the page's own
 * meta CSP still applies on top (both are enforced).
 */
export const DESKTOP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  // ag-grid injects its theme as <style> elements; React sets style attributes.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  // The money-trail layout runs in a worker built by Vite.
  "worker-src 'self' blob:",
  "manifest-src 'none'",
  "media-src 'none'",
  "object-src 'none'",
  "frame-src 'none'",
  "child-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** True only for the app's own pages: proceeds://app/... */
export function isAppUrl(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST && !url.username && !url.password;
}

/** Requests a renderer may make: its own resources and in-memory data. Nothing on any network. */
export function isAllowedRequest(raw: string): boolean {
  if (isAppUrl(raw)) return true;
  // devtools:// serves the developer tools (only opened in unpackaged builds).
  return /^(data|blob|devtools):/i.test(raw);
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Proceeds',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Chromium's spellchecker downloads dictionaries from the network; the app stays offline.
      spellcheck: false,
    },
  };
}

/**
 * Session-wide rules: every permission refused, no request leaves the app's own origin,
 * every response carries the CSP, and the renderer cannot start downloads on its own
 * (saving goes through main's save dialog).
 */
export function hardenSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isAllowedRequest(details.url) }));
  session.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [DESKTOP_CSP] } }),
  );
  session.on('will-download', (event) => event.preventDefault());
}

/** Per-page rules: no navigation away from the app, no new windows, no webviews. */
export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}
