import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../core/core.js';
import { startBridge, type Bridge } from '../../core/bridge/server.js';
import type { Progress } from '../../core/contract.js';
import { checkBackup } from '../../core/restore/check-backup.js';
import { tempCore } from '../helpers/core.js';
import { startHolder } from '../helpers/db-holder.js';

type Holder = Awaited<ReturnType<typeof startHolder>>;
let env: ReturnType<typeof tempCore> | undefined;
let holder: Holder | undefined;
let bridge: Bridge | undefined;
const extra: Core[] = [];
afterEach(async () => {
  await bridge?.close();
  await holder?.stop();
  for (const c of extra.splice(0)) c.close();
  env?.cleanup();
  bridge = holder = env = undefined;
});

const post = (b: Bridge, method: string, body: unknown) =>
  fetch(`${b.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${b.token}` }, body: JSON.stringify(body) });

describe('writers queue across processes', () => {
  it('the served app keeps answering reads while another process holds the write lock, and its write waits, then succeeds', async () => {
    env = tempCore('queue-bridge');
    await env.core.call('cases.create', { number: 'TF-1', title: 'First' });
    bridge = await startBridge({ core: env.core });
    holder = await startHolder(env.dbPath);
    expect(await holder.send('hold imports.run')).toBe('held');

    let settled = false;
    const write = post(bridge, 'cases.create', { number: 'TF-2', title: 'Second' }).then(async (r) => {
      settled = true;
      return { status: r.status, body: await r.json() };
    });
    // Each read answers from the last committed snapshot while the write is still queued: the
    // event loop is never parked in SQLite's busy handler.
    for (let i = 0; i < 5; i++) {
      const r = await post(bridge, 'cases.list', {});
      expect(r.status).toBe(200);
      expect((await r.json()).value.map((c: { number: string }) => c.number)).toEqual(['TF-1']);
      expect(settled).toBe(false);
    }
    expect(await holder.send('release')).toBe('released');
    const done = await write;
    expect(done.status).toBe(200);
    expect(done.body.value.number).toBe('TF-2');
  });

  it('a writer that waits past its stated limit gets Busy naming the holder; nothing is saved', async () => {
    env = tempCore('queue-busy');
    holder = await startHolder(env.dbPath);
    expect(await holder.send('hold imports.run')).toBe('held');
    const impatient = new Core({ dbPath: env.dbPath, writeWaitMs: 300 });
    extra.push(impatient);
    const seen: Progress[] = [];
    const err = await impatient.call('cases.create', { number: 'TF-B', title: 'Busy' }, { onProgress: (p) => seen.push(p) }).catch((e) => e);
    expect(err.code).toBe('Busy');
    expect(err.message).toContain(`pid ${holder.pid}, running imports.run`);
    expect(err.message).toContain('nothing was saved');
    expect(seen[0].phase).toBe('waiting');
    expect(seen[0].message).toContain(`waiting for another process (pid ${holder.pid}`);
    // Through the bridge it is a typed 503, never a raw "database is locked".
    bridge = await startBridge({ core: impatient });
    const r = await post(bridge, 'cases.create', { number: 'TF-B', title: 'Busy' });
    expect(r.status).toBe(503);
    expect((await r.json()).error.code).toBe('Busy');
    await holder.send('release');
    expect(await env.core.call('cases.list', {})).toEqual([]);
  });

  it('a queued write can be cancelled while it waits', async () => {
    env = tempCore('queue-cancel');
    holder = await startHolder(env.dbPath);
    await holder.send('hold');
    const abort = new AbortController();
    const err = await env.core
      .call('cases.create', { number: 'TF-C', title: 'Cancel' }, { signal: abort.signal, onProgress: (p) => p.phase === 'waiting' && abort.abort() })
      .catch((e) => e);
    expect(err.code).toBe('Cancelled');
    await holder.send('release');
    expect(await env.core.call('cases.list', {})).toEqual([]);
  });

  it('an import hashes its file before queueing for the lock, not while holding it', async () => {
    env = tempCore('queue-prepare');
    const kase = await env.core.call('cases.create', { number: 'TF-P', title: 'Prepare' });
    const file = path.join(env.dir, 'ledger.csv');
    fs.writeFileSync(file, 'date,from_account,to_account,amount,currency\n2024-01-01,A,B,1.00,USD\n');
    holder = await startHolder(env.dbPath);
    await holder.send('hold imports.run');
    const phases: string[] = [];
    const abort = new AbortController();
    const err = await env.core
      .call('imports.run', { caseId: kase.id, file: { path: file } }, {
        trusted: true,
        signal: abort.signal,
        onProgress: (p) => {
          phases.push(p.phase);
          if (p.phase === 'waiting') abort.abort();
        },
      })
      .catch((e) => e);
    expect(err.code).toBe('Cancelled');
    expect(phases.indexOf('hashing')).toBeGreaterThanOrEqual(0);
    expect(phases.indexOf('hashing')).toBeLessThan(phases.indexOf('waiting'));
    await holder.send('release');
  });

  it('a backup finishes as one snapshot while another process keeps writing', async () => {
    env = tempCore('queue-backup');
    await env.core.call('cases.create', { number: 'TF-S', title: 'Snapshot' });
    holder = await startHolder(env.dbPath);
    expect(await holder.send('write-loop')).toBe('writing');
    const out = path.join(env.dir, 'backup.sqlite');
    await env.core.call('db.backup', { to: out }, { trusted: true });
    const commits = Number(await holder.send('stop'));
    expect(commits).toBeGreaterThan(0);
    const check = checkBackup(out);
    expect(check.problems).toEqual([]);
    expect(fs.readdirSync(env.dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });
});
