import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { desc, eq, lt } from 'drizzle-orm';
import { hubAlerts, hubBundles, hubSeenRequests } from '../../db/hub/schema.js';
import { logRequest, receiptFor } from './audit-log.js';
import { ALERTING, HubRefusal, ingestBundle, raiseAlert, type HubContext } from './ingest.js';
import { rawPublicKey } from '../keys/keyring.js';
import { memberByFingerprint, type HubMember } from './keyring.js';
import { matches } from './matches.js';
import { RateLimiter } from './rate-limit.js';
import { checkSignature, readSignature, REPLAY_WINDOW_MS, signatureHash, type SignedParts } from './request-signature.js';
import { totals } from './totals.js';

/**
 * The hub's HTTP API (docs/hub.md): a thin door in front of core/hub. Every request is signed by a
 * key of the hub's keyring (else 401, logged), rate-limited per key, size-limited per endpoint, and
 * lands in the hub's own audit log.
 */

export interface HubServerOptions {
  maxBundleBytes: number;
  maxBodyBytes: number;
  rate: { perMinute: number; burst: number };
}

export const DEFAULT_SERVER_OPTIONS: HubServerOptions = { maxBundleBytes: 2 * 2 ** 30, maxBodyBytes: 64 << 10, rate: { perMinute: 120, burst: 60 } };

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly problems: unknown[] = [],
  ) {
    super(message);
  }
}

export function createHubServer(hub: HubContext, options: Partial<HubServerOptions> = {}): http.Server {
  const o = { ...DEFAULT_SERVER_OPTIONS, ...options };
  const limiter = new RateLimiter(o.rate);
  let sincePrune = 0;
  return http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      const err = e instanceof HttpError ? e : e instanceof HubRefusal ? new HttpError(e.status, e.code, e.message, e.problems) : new HttpError(500, 'internal', 'the hub failed to answer');
      if (err.status === 500) console.error(e);
      send(res, err.status, { error: { code: err.code, message: err.message, problems: err.problems } }, err.status === 429 ? { 'retry-after': String((e as { retryAfter?: number }).retryAfter ?? 60) } : {});
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const method = req.method ?? 'GET';
    const target = req.url ?? '/';
    const route = `${method} ${new URL(target, 'http://hub').pathname}`;
    const who = await authenticate(req, method, target, route);
    const url = new URL(target, 'http://hub');
    const answer = async (action: string, status: number, body: unknown, detail: Record<string, unknown> = {}) => {
      await logRequest(hub.db, { agency: who.member.name, action, status, detail: { route, ...detail } });
      send(res, status, body);
    };
    if (route === 'POST /v1/bundles') return pushBundle(req, res, who);
    const body = await readSmallBody(req, o.maxBodyBytes);
    await refusedAfterAuth(who.member, route, async () => {
      checkDigest(who.parts, body);
      await rememberSignature(who.parts);
    });
    if (route === 'GET /v1/hub') return answer('hub.read', 200, { name: hub.name, publicKey: hub.key.publicKey.toString('base64'), fingerprint: hub.key.fingerprint, you: { agency: who.member.name, role: who.member.role } });
    if (route === 'GET /v1/matches') {
      const m = await matches(hub.db, who.member);
      return answer('matches.read', 200, { matches: m }, { count: m.length });
    }
    if (route === 'GET /v1/totals') {
      const rows = await totals(hub.db, who.member, Object.fromEntries(url.searchParams)).catch((e: Error) => {
        throw new HttpError(400, 'invalid-query', `the query is not valid: ${e.message}`);
      });
      return answer('totals.read', 200, { by: url.searchParams.get('by') ?? 'status', rows }, { rows: rows.length });
    }
    if (route === 'GET /v1/alerts') {
      const q = hub.db.select().from(hubAlerts).orderBy(desc(hubAlerts.id));
      const alerts = who.member.role === 'supervisor' ? await q : await q.where(eq(hubAlerts.agency, who.member.name));
      return answer('alerts.read', 200, { alerts }, { count: alerts.length });
    }
    const receipt = /^GET \/v1\/receipts\/([0-9a-f-]{36})$/.exec(route);
    if (receipt) {
      const [b] = await hub.db.select().from(hubBundles).where(eq(hubBundles.bundleId, receipt[1]));
      if (!b || (b.agency !== who.member.name && who.member.role !== 'supervisor')) throw new HttpError(404, 'not-found', `no bundle ${receipt[1]} of ${who.member.name} at this hub`);
      return answer('receipt.read', 200, { bundleId: b.bundleId, sha256: b.sha256, receipt: await receiptFor(hub.db, hub.key, hub.name, b.auditSeq) });
    }
    await logRequest(hub.db, { agency: who.member.name, action: 'unknown-route', status: 404, detail: { route } });
    throw new HttpError(404, 'not-found', `no such endpoint: ${route}`);
  }

  /** The caller's key, from the signature over the claimed body digest (the body is checked once read). */
  async function authenticate(req: http.IncomingMessage, method: string, target: string, route: string): Promise<{ member: HubMember; parts: SignedParts }> {
    const refuse = async (reason: string, status = 401, agency: string | null = null): Promise<never> => {
      await logRequest(hub.db, { agency, action: 'refused', status, detail: { route, reason, address: req.socket.remoteAddress ?? null } });
      req.resume();
      throw new HttpError(status, status === 401 ? 'unauthorized' : 'rate-limited', reason);
    };
    const parts = readSignature(req.headers);
    if ('reason' in parts) {
      const wait = limiter.take(`address:${req.socket.remoteAddress}`);
      if (wait) throw Object.assign(new HttpError(429, 'rate-limited', `too many requests: try again in ${wait} s`), { retryAfter: wait });
      return refuse(parts.reason);
    }
    const member = await memberByFingerprint(hub.db, parts.keyId);
    if (!member) return refuse(`the key ${parts.keyId} is not in the hub's keyring`);
    const bad = checkSignature(parts, rawPublicKey(member.key), method, target);
    if (bad) return refuse(bad, 401, member.name);
    const wait = limiter.take(`key:${member.fingerprint}`);
    if (wait) {
      await logRequest(hub.db, { agency: member.name, action: 'refused', status: 429, detail: { route, reason: 'rate limit' } });
      req.resume();
      throw Object.assign(new HttpError(429, 'rate-limited', `too many requests from ${member.name}: try again in ${wait} s`), { retryAfter: wait });
    }
    return { member, parts };
  }

  /** A known key's request refused once its body is in (digest, replay): logged as any refusal. */
  async function refusedAfterAuth(member: HubMember, route: string, check: () => Promise<void>) {
    try {
      await check();
    } catch (e) {
      if (e instanceof HttpError) await logRequest(hub.db, { agency: member.name, action: 'refused', status: e.status, detail: { route, reason: e.message } });
      throw e;
    }
  }

  /** A signature is taken once: a replayed request (inside the window; outside, its date fails) is refused. */
  async function rememberSignature(parts: SignedParts) {
    const now = new Date();
    const fresh = await hub.db.insert(hubSeenRequests).values({ signatureHash: signatureHash(parts.signature), seenAt: now.toISOString() }).onConflictDoNothing().returning();
    if (fresh.length === 0) throw new HttpError(401, 'unauthorized', 'this signed request was already received (a replay)');
    if (++sincePrune >= 500) {
      sincePrune = 0;
      await hub.db.delete(hubSeenRequests).where(lt(hubSeenRequests.seenAt, new Date(now.getTime() - 2 * REPLAY_WINDOW_MS).toISOString()));
    }
  }

  async function pushBundle(req: http.IncomingMessage, res: http.ServerResponse, who: { member: HubMember; parts: SignedParts }) {
    const incoming = path.join(hub.dataDir, 'incoming');
    fs.mkdirSync(incoming, { recursive: true });
    const file = path.join(incoming, `${randomUUID()}.zip`);
    try {
      const { sha256, size } = await receiveFile(req, file, o.maxBundleBytes);
      await refusedAfterAuth(who.member, 'POST /v1/bundles', async () => {
        checkDigest(who.parts, Buffer.from(sha256, 'hex'), true);
        await rememberSignature(who.parts);
      });
      try {
        const r = await ingestBundle(hub, file, { sha256, size, sender: who.member, displayName: String(req.headers['x-proceeds-file-name'] ?? 'bundle.zip').slice(0, 200) });
        if (r.status === 'duplicate') await logRequest(hub.db, { agency: who.member.name, action: 'bundle.duplicate', status: 200, detail: { bundleId: r.bundleId, sha256 } });
        send(res, r.status === 'stored' ? 201 : 200, r);
      } catch (e) {
        if (!(e instanceof HubRefusal)) throw e;
        if (ALERTING.has(e.code)) await raiseAlert(hub.db, { agency: who.member.name, kind: e.code, message: e.message, bundleId: null, sha256 });
        await logRequest(hub.db, { agency: who.member.name, action: 'bundle.refused', status: e.status, detail: { sha256, code: e.code, message: e.message.slice(0, 2000) } });
        throw e;
      }
    } finally {
      fs.rmSync(file, { force: true });
    }
  }
}

/** The body must be what the signature covers: its SHA-256 against the signed content-digest. */
function checkDigest(parts: SignedParts, bodyOrHash: Buffer, isHash = false) {
  const hash = isHash ? bodyOrHash : createHash('sha256').update(bodyOrHash).digest();
  if (parts.digest !== `sha-256=:${hash.toString('base64')}:`) throw new HttpError(401, 'unauthorized', 'the body does not match the signed content-digest');
}

function readSmallBody(req: http.IncomingMessage, max: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    req.on('data', (c: Buffer) => {
      n += c.length;
      if (n > max) {
        req.removeAllListeners('data');
        req.resume();
        reject(new HttpError(413, 'too-large', `the request body is over ${max} bytes`));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Streams the upload to disk, hashing it, and stops at `max` bytes (413) without reading the rest. */
function receiveFile(req: http.IncomingMessage, file: string, max: number): Promise<{ sha256: string; size: number }> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > max) {
    req.resume();
    return Promise.reject(new HttpError(413, 'too-large', `the bundle is ${declared} bytes; this hub takes at most ${max}`));
  }
  return new Promise((resolve, reject) => {
    const h = createHash('sha256');
    const out = fs.createWriteStream(file);
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > max) {
        req.unpipe(out);
        req.resume();
        out.destroy();
        reject(new HttpError(413, 'too-large', `the bundle is over ${max} bytes`));
        return;
      }
      h.update(c);
    });
    req.pipe(out);
    out.on('finish', () => resolve({ sha256: h.digest('hex'), size }));
    out.on('error', reject);
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...headers });
  res.end(text);
}
