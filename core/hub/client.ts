import fs from 'node:fs';
import { signRequest } from './request-signature.js';

/**
 * Calls a hub as an agency: every request signed with the agency's key (the desktop's "Share with
 * the hub" and "Sync", the CLI, tests). Answers { status, body }; never throws on an HTTP status.
 */
export class HubClient {
  constructor(
    private readonly url: string,
    private readonly key: { seed: Buffer; publicKey: Buffer },
  ) {}

  async request(method: string, target: string, body: Buffer | string = '', headers: Record<string, string> = {}): Promise<{ status: number; body: HubAnswer }> {
    const res = await fetch(new URL(target, this.url), {
      method,
      headers: { ...signRequest(this.key, method, target, body), ...headers },
      body: method === 'GET' ? undefined : typeof body === 'string' ? body : new Uint8Array(body),
    });
    const text = await res.text();
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- HubAnswer is the hub's untyped JSON (see below)
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  get = (target: string) => this.request('GET', target);

  push = (file: string) => this.request('POST', '/v1/bundles', fs.readFileSync(file), { 'content-type': 'application/zip' });
}

/** A hub's JSON answer, read by the caller for the endpoint it called (docs/hub.md lists each). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the hub's answers differ per endpoint and this client (used by the hub scenario tests) does not re-declare each; the server's own types are in core/hub/server.ts
export type HubAnswer = any;
