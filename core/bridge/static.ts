import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../security.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Serves the built renderer; unknown paths get index.html (the app routes itself). */
export function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, root: string, pathname: string): void {
  const rootAbs = path.resolve(root);
  let file = path.resolve(rootAbs, '.' + decodeURIComponent(pathname));
  if (!file.startsWith(rootAbs + path.sep) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(rootAbs, 'index.html');
  const type = TYPES[path.extname(file)] ?? 'application/octet-stream';
  res.writeHead(200, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': file.endsWith('index.html') ? 'no-store' : 'max-age=3600',
  });
  if (req.method === 'HEAD') return void res.end();
  fs.createReadStream(file).pipe(res);
}
