import { afterEach, describe, expect, it, vi } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';
import http from 'node:http';
import { tempCore } from '../helpers/core.js';
import { startBridge, type Bridge } from '../../core/bridge/server.js';

let env: ReturnType<typeof tempCore>;
let bridge: Bridge;
afterEach(async () => {
  await bridge?.close();
  env?.cleanup();
});

const post = (b: Bridge, method: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${b.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

function rawRequest(port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: '/api/cases.list', method: 'POST', headers: { host } }, (res) => resolve(res.statusCode!));
    req.on('error', reject);
    req.end('{}');
  });
}

describe('web bridge', () => {
  it('listens on 127.0.0.1 only and answers 401 without the token', async () => {
    env = tempCore();
    bridge = await startBridge({ core: env.core });
    expect(bridge.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await post(bridge, 'cases.list', {})).status).toBe(401);
    expect((await post(bridge, 'cases.list', {}, { authorization: 'Bearer wrong' })).status).toBe(401);
    const ok = await post(bridge, 'cases.list', {}, { authorization: `Bearer ${bridge.token}` });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ ok: true, value: [] });
  });

  it('gives typed errors with field paths over HTTP', async () => {
    env = tempCore();
    bridge = await startBridge({ core: env.core });
    const res = await post(bridge, 'cases.create', { number: 'TF 1 bad', title: '' }, { authorization: `Bearer ${bridge.token}` });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; issues: { path: string }[] } };
    expect(body.error.code).toBe('Invalid');
    expect(body.error.issues.map((i) => i.path).sort()).toEqual(['number', 'title']);
  });

  it('refuses file paths from the renderer (untrusted) transport', async () => {
    env = tempCore();
    bridge = await startBridge({ core: env.core });
    const { resolveFile } = await import('../../core/files.js');
    expect(() => resolveFile({ dataDir: env.dir, trusted: false }, { path: '/etc/passwd' })).toThrow(/only accepted/);
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    env = tempCore();
    bridge = await startBridge({ core: env.core });
    expect(await rawRequest(bridge.port, `evil.example:${bridge.port}`)).toBe(421);
  });

  it('WebSocket: 401 without token; with it, calls, progress and results', async () => {
    env = tempCore();
    bridge = await startBridge({ core: env.core });
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/ws`);
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
      ws.on('error', () => undefined);
    });
    expect(refused).toBe(401);
    // The token is never accepted in a URL; a one-time ticket is, once.
    const withToken = await new Promise<number>((resolve) => {
      const w = new WebSocket(`ws://127.0.0.1:${bridge.port}/ws?token=${bridge.token}`);
      w.on('unexpected-response', (_req, res) => resolve(res.statusCode!));
      w.on('error', () => undefined);
    });
    expect(withToken).toBe(401);
    const ticket = await ticketFor(bridge, '/ws');
    const ws = new WebSocket(`ws://127.0.0.1:${bridge.port}/ws?ticket=${ticket}`);
    await new Promise((r) => ws.once('open', r));
    const reply = new Promise<{ ok: boolean; value: { number: string } }>((resolve) => ws.on('message', (d) => resolve(JSON.parse(String(d)))));
    ws.send(JSON.stringify({ type: 'call', id: 'c1', method: 'cases.create', input: { number: 'TF-WS', title: 'Over WS' } }));
    const r = await reply;
    expect(r.ok).toBe(true);
    expect(r.value.number).toBe('TF-WS');
    ws.close();
  });

  it('stages an upload and serves nothing outside the outbox', async () => {
    env = tempCore();
    bridge = await startBridge({ core: env.core });
    const res = await fetch(`${bridge.url}/files?name=../../evil.csv`, { method: 'PUT', headers: { authorization: `Bearer ${bridge.token}` }, body: 'a,b\n1,2\n' });
    const staged = (await res.json()) as { staged: string; name: string; size: number };
    expect(staged.name).toBe('evil.csv');
    expect(staged.size).toBe(8);
    const { resolveFile } = await import('../../core/files.js');
    expect(resolveFile({ dataDir: env.core.dataDir, trusted: false }, { staged: staged.staged }).name).toBe('evil.csv');
    expect((await fetch(`${bridge.url}/outbox/..%2F..%2Fproceeds.sqlite?token=${bridge.token}`)).status).toBe(401);
    expect((await fetch(`${bridge.url}/tickets`, { method: 'POST', headers: { authorization: `Bearer ${bridge.token}` }, body: JSON.stringify({ path: '/outbox/../../proceeds.sqlite' }) })).status).toBe(400);
    // /api with the token in the query string only: refused.
    expect((await fetch(`${bridge.url}/api/cases.list?token=${bridge.token}`, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('downloads an output once, with a one-time ticket, and removes it from the outbox', async () => {
    env = tempCore();
    bridge = await startBridge({ core: env.core });
    const { newOutput } = await import('../../core/files.js');
    const out = newOutput(env.core.dataDir, 'report.csv');
    fs.writeFileSync(out.path, 'a,b\n');
    const p = `/outbox/${out.outputId}/report.csv`;
    expect((await fetch(`${bridge.url}${p}?token=${bridge.token}`)).status).toBe(401);
    const ticket = await ticketFor(bridge, p);
    const res = await fetch(`${bridge.url}${p}?ticket=${ticket}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('a,b\n');
    expect((await fetch(`${bridge.url}${p}?ticket=${ticket}`)).status).toBe(401);
    await vi.waitFor(() => expect(fs.existsSync(path.dirname(out.path))).toBe(false));
  });

  it('refuses an upload over the size cap and keeps nothing of it', async () => {
    env = tempCore();
    bridge = await startBridge({ core: env.core, maxUploadBytes: 1000 });
    const announced = await fetch(`${bridge.url}/files?name=big.zip`, { method: 'PUT', headers: { authorization: `Bearer ${bridge.token}` }, body: Buffer.alloc(5000) });
    expect(announced.status).toBe(413);
    const streamed = await fetch(`${bridge.url}/files?name=big.zip`, {
      method: 'PUT', headers: { authorization: `Bearer ${bridge.token}` }, duplex: 'half',
      body: new ReadableStream({ start(c) { for (let i = 0; i < 5; i++) c.enqueue(new Uint8Array(500)); c.close(); } }),
    } as RequestInit);
    expect(streamed.status).toBe(413);
    const staging = path.join(env.core.dataDir, 'staging');
    expect(fs.existsSync(staging) ? fs.readdirSync(staging) : []).toEqual([]);
  });
});

async function ticketFor(b: { url: string; token: string }, p: string): Promise<string> {
  const res = await fetch(`${b.url}/tickets`, { method: 'POST', headers: { authorization: `Bearer ${b.token}` }, body: JSON.stringify({ path: p }) });
  return ((await res.json()) as { value: { ticket: string } }).value.ticket;
}
