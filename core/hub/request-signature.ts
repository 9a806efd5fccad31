import { createHash } from 'node:crypto';
import { ed25519Sign, ed25519Verify, privateKeyFromSeed } from '../keys/ed25519.js';
import { fingerprint } from '../keys/minisign.js';

/**
 * Every hub request is signed with an agency's Ed25519 key, in the spirit of HTTP Message
 * Signatures (RFC 9421) without its generality: one fixed list of covered parts,
 *
 *   proceeds-hub-request/1 \n METHOD \n path?query \n x-proceeds-date \n content-digest
 *
 * sent as `authorization: Proceeds-Ed25519 keyid="<fingerprint>", signature="<base64>"`, with the
 * body's `content-digest: sha-256=:<base64>:` (RFC 9530). A request is taken once, within
 * REPLAY_WINDOW_MS of its date.
 */

export const REPLAY_WINDOW_MS = 5 * 60_000;
const SCHEME = 'Proceeds-Ed25519';

export const contentDigest = (body: Buffer | string) => `sha-256=:${createHash('sha256').update(body).digest('base64')}:`;

const signedBytes = (method: string, target: string, date: string, digest: string) =>
  Buffer.from(`proceeds-hub-request/1\n${method.toUpperCase()}\n${target}\n${date}\n${digest}`, 'utf8');

/** The headers that sign a request (the client's side: the desktop, tests, scripts). */
export function signRequest(key: { seed: Buffer; publicKey: Buffer }, method: string, target: string, body: Buffer | string = '', now = new Date()): Record<string, string> {
  const date = now.toISOString();
  const digest = contentDigest(body);
  const sig = ed25519Sign(privateKeyFromSeed(key.seed), signedBytes(method, target, date, digest)).toString('base64');
  return { 'x-proceeds-date': date, 'content-digest': digest, authorization: `${SCHEME} keyid="${fingerprint(key.publicKey)}", signature="${sig}"` };
}

export interface SignedParts {
  keyId: string;
  signature: Buffer;
  date: string;
  digest: string;
}

/** Reads the signature headers; a reason instead when one is missing or malformed. */
export function readSignature(headers: Record<string, string | string[] | undefined>): SignedParts | { reason: string } {
  const one = (h: string) => (Array.isArray(headers[h]) ? undefined : (headers[h]));
  const auth = one('authorization');
  if (!auth) return { reason: 'the request is not signed (no authorization header)' };
  const m = new RegExp(`^${SCHEME} keyid="([^"]{1,200})", signature="([A-Za-z0-9+/]{86}==)"$`).exec(auth);
  if (!m) return { reason: `the authorization header is not "${SCHEME} keyid=\\"...\\", signature=\\"...\\""` };
  const date = one('x-proceeds-date');
  const digest = one('content-digest');
  if (!date || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,3})?Z$/.test(date)) return { reason: 'x-proceeds-date is missing or not an ISO 8601 UTC time' };
  if (!digest || !/^sha-256=:[A-Za-z0-9+/]{43}=:$/.test(digest)) return { reason: 'content-digest is missing or not sha-256=:<base64>:' };
  return { keyId: m[1], signature: Buffer.from(m[2], 'base64'), date, digest };
}

/** Whether the parts verify under the key for this method and target, and the date is inside the window. */
export function checkSignature(parts: SignedParts, publicKey: Buffer, method: string, target: string, now = Date.now()): string | null {
  const skew = Math.abs(now - Date.parse(parts.date));
  if (!(skew <= REPLAY_WINDOW_MS)) return `the request's date ${parts.date} is more than ${REPLAY_WINDOW_MS / 60_000} minutes from the hub's clock`;
  if (!ed25519Verify(publicKey, signedBytes(method, target, parts.date, parts.digest), parts.signature)) return `the signature does not verify under the key ${parts.keyId} for ${method} ${target}`;
  return null;
}

/** What the replay table remembers of a signature. */
export const signatureHash = (sig: Buffer) => createHash('sha256').update(sig).digest('hex');
