import { z } from 'zod';
import { hubLink } from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { ProceedsError } from '../errors.js';
import { HubClient, type HubAnswer } from '../hub/client.js';
import { unlockSigningKey } from '../keys/store.js';
import { fingerprint } from '../keys/minisign.js';

/** The hub this installation is linked to, and how it talks to it (signed requests, docs/hub.md). */

export type HubLinkRow = typeof hubLink.$inferSelect;

export const linkRow = (ctx: Pick<Ctx, 'db'>): HubLinkRow | undefined => ctx.db.select().from(hubLink).get();

/** The link, only once a person has confirmed the hub's fingerprint: nothing is sent to an unconfirmed hub. */
export function confirmedLink(ctx: Pick<Ctx, 'db'>): HubLinkRow {
  const link = linkRow(ctx);
  if (!link) throw new ProceedsError('Invalid', 'no hub is set up: add its address in Settings -> Hub', [{ path: 'hub', message: 'not set up' }]);
  if (!link.confirmedAt)
    throw new ProceedsError('Forbidden', `the hub's key (fingerprint ${link.fingerprint}) is not confirmed yet: confirm it with the hub's operator in Settings -> Hub`, [{ path: 'hub', message: 'not confirmed' }]);
  return link;
}

export async function hubClient(ctx: Pick<Ctx, 'db'>, url: string, keyId: string, passphrase: string | undefined): Promise<HubClient> {
  return new HubClient(url, await unlockSigningKey(ctx, keyId, passphrase));
}

/**
 * The hub's answer as the endpoint promises it (docs/hub.md); anything else is refused, never
 * half-read: an answer is checked like any input.
 */
export function answerOf<S extends z.ZodType>(schema: S, body: unknown, what: string): z.output<S> {
  const r = schema.safeParse(body);
  if (r.success) return r.data;
  const i = r.error.issues[0];
  throw new ProceedsError('Invalid', `the hub's answer to ${what} is malformed (${i.path.join('.') || 'answer'}: ${i.message})`, [{ path: 'hub', message: 'malformed answer' }]);
}

/** One request; a hub that cannot be reached or answers an error becomes a ProceedsError naming it. */
export async function call(client: HubClient, url: string, fn: (c: HubClient) => Promise<{ status: number; body: HubAnswer }>, path = 'hub'): Promise<{ status: number; body: unknown }> {
  let r: { status: number; body: unknown };
  try {
    r = await fn(client);
  } catch (e) {
    const why = (e as { cause?: { code?: string; message?: string } }).cause?.code ?? (e as Error).message;
    throw new ProceedsError('Invalid', `${path}: the hub at ${url} cannot be reached (${why})`, [{ path, message: `cannot be reached (${why})` }]);
  }
  if (r.status < 300) return r;
  const body = (r.body ?? {}) as { error?: unknown };
  const err = (body.error ?? {}) as { code?: string; message?: string; problems?: { code?: string; entry?: string; message?: string }[] };
  const message = `the hub refused (${r.status}${err.code ? ` ${err.code}` : ''}): ${err.message ?? 'no reason given'}`;
  const issues = (err.problems ?? []).map((p) => ({ path: p.entry ?? p.code ?? path, message: String(p.message ?? '') }));
  const code = r.status === 401 || r.status === 403 ? 'Forbidden' : r.status === 409 ? 'Conflict' : r.status === 404 ? 'NotFound' : 'Invalid';
  throw new ProceedsError(code, r.status === 401 ? `${message} (is this installation's key in the hub's keyring?)` : message, issues.length ? issues : [{ path, message }]);
}

const HubInfo = z.object({
  name: z.string().min(1).max(200),
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'not an Ed25519 public key'),
  fingerprint: z.string().min(1).max(200),
  you: z.object({ agency: z.string(), role: z.string() }),
});

/** Who the hub says it is. The fingerprint is computed here from its key, never taken from its word. */
export function parseHubInfo(body: unknown, url: string) {
  const r = HubInfo.safeParse(body);
  if (!r.success) throw new ProceedsError('Invalid', `url: ${url} did not answer as a Proceeds hub`, [{ path: 'url', message: 'not a Proceeds hub' }]);
  const fp = fingerprint(Buffer.from(r.data.publicKey, 'base64'));
  if (fp !== r.data.fingerprint) throw new ProceedsError('Invalid', `url: the hub's stated fingerprint ${r.data.fingerprint} is not that of its key (${fp}): do not trust it`, [{ path: 'url', message: 'fingerprint mismatch' }]);
  return { ...r.data, fingerprint: fp };
}
