import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeLedgerCsv } from '../../bench/import-data.js';
import { proceeds } from '../helpers/cli.js';
import { tempCore } from '../helpers/core.js';
import { startHolder } from '../helpers/db-holder.js';

const BIN = path.resolve('cli/proceeds.mjs');
let env: ReturnType<typeof tempCore> | undefined;
let holder: Awaited<ReturnType<typeof startHolder>> | undefined;
afterEach(async () => {
  await holder?.stop();
  env?.cleanup();
  holder = env = undefined;
});

/** A `proceeds` run in the background; `stderrHas` resolves once its stderr contains the text. */
function background(args: string[]) {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const waiters: { text: string; resolve: () => void }[] = [];
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => {
    stderr += d;
    for (const w of waiters.filter((x) => stderr.includes(x.text))) w.resolve();
  });
  const exit = new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => child.once('exit', (status) => resolve({ status, stdout, stderr })));
  return {
    exit,
    stderrHas: (text: string) => new Promise<void>((resolve) => (stderr.includes(text) ? resolve() : waiters.push({ text, resolve }))),
  };
}

const transactions = (e: NonNullable<typeof env>) => (e.core.reader.sqlite.prepare('SELECT count(*) AS n FROM transactions').get() as { n: number }).n;

describe('the CLI on a file another process is writing', () => {
  it('a read command with a mistyped --db creates nothing and names the path', () => {
    env = tempCore('cli-paths');
    const missing = path.join(env.dir, 'no', 'such', 'x.sqlite');
    const r = proceeds(['--db', missing, 'audit', 'verify']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`no database at ${missing}: the folder ${path.dirname(missing)} does not exist; nothing was created`);
    expect(fs.existsSync(path.join(env.dir, 'no'))).toBe(false);
  });

  it('an import waits its turn behind another writer, says for whom, then imports', async () => {
    env = tempCore('cli-queue');
    await env.core.call('cases.create', { number: 'TF-Q', title: 'Queue' });
    const file = path.join(env.dir, 'ledger.csv');
    await writeLedgerCsv(file, 500);
    holder = await startHolder(env.dbPath);
    await holder.send('hold imports.run');
    const run = background(['--db', env.dbPath, '--json', 'import', file, '--case', 'TF-Q']);
    await run.stderrHas(`waiting for another process (pid ${holder.pid}, running imports.run`);
    expect(transactions(env)).toBe(0);
    await holder.send('release');
    const r = await run.exit;
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).imported).toBe(500);
  });

  it('two imports started together on one file both succeed, one after the other', async () => {
    env = tempCore('cli-two');
    await env.core.call('cases.create', { number: 'TF-2', title: 'Two' });
    const files = ['a.csv', 'b.csv'].map((n) => path.join(env!.dir, n));
    await writeLedgerCsv(files[0], 20_000, 1);
    await writeLedgerCsv(files[1], 20_000, 2);
    const runs = files.map((f) => background(['--db', env!.dbPath, '--json', 'import', f, '--case', 'TF-2']));
    const results = await Promise.all(runs.map((r) => r.exit));
    for (const r of results) expect(r.status, r.stderr).toBe(0);
    expect(results.map((r) => JSON.parse(r.stdout).imported)).toEqual([20_000, 20_000]);
    expect(transactions(env)).toBe(40_000);
  }, 120_000);
});
