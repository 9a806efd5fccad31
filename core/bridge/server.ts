import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { WebSocketServer } from 'ws';
import type { Core } from '../core.js';
import type { MethodName } from '../api.js';
import { serializeError } from '../errors.js';
import { Session } from '../transport/session.js';
import { tokenMatches, bearerToken, hostAllowed } from './auth.js';
import { serveStatic } from './static.js';
import { stageUpload, serveOutbox, sweepStale } from './files.js';
import { Tickets, ticketPathAllowed } from './tickets.js';

export interface BridgeOptions {
  core: Core;
  /** The built renderer (dist/renderer); when absent only the API is served. */
  staticDir?: string;
  port?: number;
  token?: string;
  /** Uploads above this size are refused (413) and nothing of them is kept. */
  maxUploadBytes?: number;
}

/** The largest bundle the verifier accepts (64 GiB) is the largest upload worth taking. */
export const MAX_UPLOAD_BYTES = 64 * 2 ** 30;

export interface Bridge {
  url: string;
  /** URL to open in a browser: carries the token in the fragment, which is never sent over the wire. */
  appUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

const MAX_JSON_BODY = 8 * 1024 * 1024;

/**
 * The contract over HTTP and WebSocket on 127.0.0.1 only, with a random token per launch required
 * on every call. It lets the very same renderer run in a browser (end-to-end tests, `npm run serve`).
 */
export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const tickets = new Tickets();
  const maxUpload = opts.maxUploadBytes ?? MAX_UPLOAD_BYTES;
  // Staged uploads and outputs nobody fetched are swept at every start.
  sweepStale(opts.core.dataDir);
  let port = 0;
  const server = http.createServer((req, res) => {
    handle(req, res).catch((e) => sendJson(res, 500, { ok: false, error: serializeError(e) }));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    // A page on another site could point a DNS name at 127.0.0.1: only our own host names are served.
    if (!hostAllowed(req.headers.host, port)) return sendJson(res, 421, { ok: false, error: { code: 'Forbidden', message: 'wrong host', issues: [] } });
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/outbox/')) {
      // A download through a link carries a one-time ticket, never the token.
      if (req.method !== 'GET' || !tickets.redeem(url.searchParams.get('ticket'), url.pathname))
        return sendJson(res, 401, { ok: false, error: { code: 'Forbidden', message: 'missing, used or expired ticket', issues: [] } });
      return serveOutbox(res, opts.core.dataDir, url.pathname.slice('/outbox/'.length), opts.core.fileCipher);
    }
    if (url.pathname.startsWith('/api/') || url.pathname === '/files' || url.pathname === '/tickets') {
      // The token only ever travels in the Authorization header: a query string ends up in logs and history.
      if (!tokenMatches(bearerToken(req.headers.authorization), token)) return sendJson(res, 401, { ok: false, error: { code: 'Forbidden', message: 'missing or wrong token', issues: [] } });
      if (url.pathname === '/files' && req.method === 'PUT') {
        const staged = await stageUpload(req, opts.core.dataDir, url.searchParams.get('name') ?? 'upload', maxUpload, opts.core.fileCipher);
        return 'tooLarge' in staged ? sendJson(res, 413, { ok: false, error: { code: 'Invalid', message: staged.tooLarge, issues: [] } }) : sendJson(res, 200, staged);
      }
      if (url.pathname === '/tickets' && req.method === 'POST') {
        const body = (await readJson(req)) as { path?: unknown };
        if (typeof body.path !== 'string' || !ticketPathAllowed(body.path)) return sendJson(res, 400, { ok: false, error: { code: 'Invalid', message: 'path: tickets are for /ws and /outbox/<id>/<name>', issues: [] } });
        return sendJson(res, 200, { ok: true, value: { ticket: tickets.issue(body.path) } });
      }
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: { code: 'Invalid', message: 'use POST', issues: [] } });
      const method = decodeURIComponent(url.pathname.slice('/api/'.length));
      const body = await readJson(req);
      try {
        const value = await opts.core.call(method as MethodName, body, { trusted: false });
        return sendJson(res, 200, { ok: true, value });
      } catch (e) {
        const error = serializeError(e);
        const status = { NotFound: 404, Invalid: 400, Conflict: 409, Forbidden: 403, Cancelled: 409, Busy: 503, Internal: 500 }[error.code];
        return sendJson(res, status, { ok: false, error });
      }
    }
    if (opts.staticDir && (req.method === 'GET' || req.method === 'HEAD')) return serveStatic(req, res, opts.staticDir, url.pathname);
    sendJson(res, 404, { ok: false, error: { code: 'NotFound', message: 'not found', issues: [] } });
  }

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_JSON_BODY });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    const origin = req.headers.origin;
    const originOk = !origin || origin === `http://127.0.0.1:${port}` || origin === `http://localhost:${port}`;
    if (url.pathname !== '/ws' || !hostAllowed(req.headers.host, port) || !originOk || !tickets.redeem(url.searchParams.get('ticket'), '/ws')) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      const session = new Session(opts.core, (m) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m)));
      ws.on('message', (data) => {
        let msg: unknown;
        try {
          msg = JSON.parse(Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]).toString('utf8'));
        } catch {
          return;
        }
        void session.handle(msg);
      });
      ws.on('close', () => session.close());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    appUrl: `${url}/#token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(text);
}

async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BODY) throw new Error('request body too large');
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return { __invalidJson: true };
  }
}

