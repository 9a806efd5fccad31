import fs from 'node:fs/promises';
import path from 'node:path';
import type { CustomScheme, Protocol } from 'electron';
import { APP_HOST, APP_SCHEME } from './channels.js';
import { DESKTOP_CSP } from './security.js';

/**
 * The renderer is served from proceeds://app/ rather than file://: a real origin the IPC guard can
 * check, a CSP header on every response, and no access to the rest of the file system.
 * Must be registered before the app is ready.
 */
export const APP_SCHEME_PRIVILEGES: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true },
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export const mimeType = (file: string) => MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';

/**
 * Maps an app URL to a file under rootDir; undefined for another host or anything that would
 * escape rootDir. Paths without an extension are the single-page app's routes: index.html.
 */
export function appFileFor(rootDir: string, raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return undefined;
  let rel: string;
  try {
    rel = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  if (rel.includes('\0')) return undefined;
  const root = path.resolve(rootDir);
  const file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
  if (file !== root && !file.startsWith(root + path.sep)) return undefined;
  if (file === root || !path.extname(file)) return path.join(root, 'index.html');
  return file;
}

const headers = (contentType: string) => ({
  'Content-Type': contentType,
  'Content-Security-Policy': DESKTOP_CSP,
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-cache',
});

/** Answers one request for an app resource. */
export async function serveAppRequest(rootDir: string, request: { url: string; method: string }): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return new Response('method not allowed', { status: 405, headers: headers('text/plain') });
  const file = appFileFor(rootDir, request.url);
  if (!file) return new Response('not found', { status: 404, headers: headers('text/plain') });
  try {
    const body = await fs.readFile(file);
    return new Response(request.method === 'HEAD' ? null : body, { status: 200, headers: headers(mimeType(file)) });
  } catch {
    return new Response('not found', { status: 404, headers: headers('text/plain') });
  }
}

export function registerAppProtocol(protocol: Protocol, rootDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rootDir, request));
}
