import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../../core/bridge/server.js';
import { writeLedgerCsv } from '../../bench/import-data.js';
import { tempCore } from '../helpers/core.js';

let env: ReturnType<typeof tempCore> | undefined;
let bridge: Bridge | undefined;
afterEach(async () => {
  await bridge?.close();
  env?.cleanup();
  bridge = env = undefined;
});

/**
 * The two-process case of the issue: the served app (web bridge, this process) and a CLI import
 * (another process) on one file. Every read and every write through the bridge succeeds; reads
 * keep completing while the import holds the write lock. Latency is measured in bench:contention.
 */
describe('the served app and a CLI import on one file', () => {
  it('no failed write, no failed read, and reads go on while the import writes', async () => {
    env = tempCore('bridge-cli');
    await env.core.call('cases.create', { number: 'TF-BC', title: 'Two processes' });
    bridge = await startBridge({ core: env.core });
    const csv = path.join(env.dir, 'ledger.csv');
    await writeLedgerCsv(csv, 60_000);
    const b = bridge;
    const post = async (method: string, body: unknown) => {
      const r = await fetch(`${b.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${b.token}` }, body: JSON.stringify(body) });
      return { status: r.status, body: (await r.json()) as { ok: boolean; error?: { code: string; message: string } } };
    };

    const note = `${env.dbPath}-writer.json`;
    const child = spawn(process.execPath, [path.resolve('cli/proceeds.mjs'), '--db', env.dbPath, '--json', 'import', csv, '--case', 'TF-BC'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (d) => (stderr += d));
    let running = true;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
      running = false;
      resolve(code);
    }));

    const reads: { status: number; ok: boolean; whileWriting: boolean }[] = [];
    const writes: Promise<{ status: number; body: { ok: boolean; error?: { code: string; message: string } } }>[] = [];
    let n = 0;
    while (running) {
      const writing = fs.existsSync(note);
      const r = await post('cases.list', {});
      // The import's note is there before and after the read: the read was answered while it held the lock.
      reads.push({ status: r.status, ok: r.body.ok, whileWriting: writing && fs.existsSync(note) });
      if (++n % 25 === 0) writes.push(post('cases.create', { number: `TF-W${n}`, title: 'written during the import' }));
    }
    expect(await exited, stderr).toBe(0);
    const written = await Promise.all(writes);

    expect(reads.filter((r) => r.status !== 200 || !r.ok)).toEqual([]);
    expect(reads.filter((r) => r.whileWriting).length).toBeGreaterThan(5);
    expect(written.length).toBeGreaterThan(0);
    expect(written.filter((w) => w.status !== 200 || !w.body.ok).map((w) => w.body.error)).toEqual([]);
    const sqlite = env.core.reader.sqlite;
    expect(sqlite.prepare('SELECT count(*) FROM transactions').pluck().get()).toBe(60_000);
    expect(sqlite.prepare("SELECT count(*) FROM cases WHERE number LIKE 'TF-W%'").pluck().get()).toBe(written.length);
    expect((await env.core.call('audit.verify', {})).ok).toBe(true);
  }, 300_000);
});
