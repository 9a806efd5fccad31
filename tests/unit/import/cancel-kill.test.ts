import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { writeLedgerCsv } from '../../../bench/import-data.js';
import type { Progress } from '../../../core/contract.js';
import { importFile, newCase, writeFile } from './helpers.js';
import { createInterface } from 'node:readline';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

const TABLES = ['transactions', 'accounts', 'imports', 'import_rejects', 'audit_log'];
const counts = (db: { prepare(sql: string): { get(): unknown } }) => TABLES.map((t) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n);

describe('an import is one transaction', () => {
  it('Cancel mid-import leaves nothing behind', async () => {
    env = tempCore('import-cancel');
    const c = await newCase(env.core);
    await importFile(env.core, c.id, writeFile(env.dir, 'small.csv', 'date,from_account,to_account,amount,currency,reference\n2024-01-01,A,B,1.00,USD,x\n'));
    const big = path.join(env.dir, 'big.csv');
    await writeLedgerCsv(big, 30_000);
    const before = counts(env.core.writer.sqlite);
    const abort = new AbortController();
    const seen: Progress[] = [];
    const err = await env.core
      .call('imports.run', { caseId: c.id, file: { path: big } }, {
        trusted: true,
        signal: abort.signal,
        onProgress: (p) => {
          seen.push(p);
          // Cancel once rows are being written, not before.
          if (p.phase === 'importing' && p.done > 0) abort.abort();
        },
      })
      .catch((e) => e);
    expect(err.code).toBe('Cancelled');
    const importing = seen.find((p) => p.phase === 'importing')!;
    expect(importing.bytesTotal).toBe(fs.statSync(big).size);
    expect(importing.bytesDone).toBeGreaterThan(0);
    expect(importing.bytesDone!).toBeLessThan(importing.bytesTotal!);
    expect(counts(env.core.writer.sqlite)).toEqual(before);
    // Nothing half-written: the same file imports in full afterwards.
    expect((await importFile(env.core, c.id, big)).imported).toBe(30_000);
  });

  it('a killed import process leaves the database exactly as before (integrity_check ok)', async () => {
    env = tempCore('import-kill');
    const c = await newCase(env.core);
    await importFile(env.core, c.id, writeFile(env.dir, 'small.csv', 'date,from_account,to_account,amount,currency,reference\n2024-01-01,A,B,1.00,USD,x\n'));
    const before = counts(env.core.writer.sqlite);
    env.core.close();
    const big = path.join(env.dir, 'big.csv');
    await writeLedgerCsv(big, 400_000);
    const cli = path.resolve('cli/proceeds.mjs');
    const child = spawn(process.execPath, [cli, '--db', env.dbPath, 'import', big, '--case', 'TF-IMP-1', '--json'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PROCEEDS_PROGRESS: 'json' },
    });
    let exited = false;
    child.on('exit', () => (exited = true));
    // Kill it on the progress event saying a good part of the rows is written (uncommitted, in its transaction).
    const written = await new Promise<Progress | undefined>((resolve) => {
      createInterface({ input: child.stderr! }).on('line', (line) => {
        const p = (JSON.parse(line) as { progress?: Progress }).progress;
        if (p && p.phase === 'importing' && p.done >= 100_000) resolve(p);
      });
      child.once('exit', () => resolve(undefined));
    });
    expect(exited).toBe(false);
    expect(written!.done).toBeLessThan(400_000);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('close', r));
    expect(child.signalCode).toBe('SIGKILL');
    const db = new Database(env.dbPath);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(counts(db)).toEqual(before);
    db.close();
    // The CLI still works on that database, and the audit chain holds.
    const verify = spawnSync(process.execPath, [cli, '--db', env.dbPath, 'audit', 'verify', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(verify.stdout).ok).toBe(true);
  }, 120_000);
});

describe('the CLI', () => {
  it('prints {imported, duplicates, rejected[]} and exits 0 when it committed, 1 when nothing was', async () => {
    env = tempCore('import-cli');
    await newCase(env.core);
    env.core.close();
    const cli = path.resolve('cli/proceeds.mjs');
    const file = writeFile(env.dir, 'stmt.csv', 'date,amount,currency,description\n2024-03-01,-5.00,USD,ok\n2024-13-01,-5.00,USD,bad month\n2024-03-02,2.50,USD,ok\n');
    const run = (...args: string[]) => spawnSync(process.execPath, [cli, '--db', env.dbPath, 'import', file, '--case', 'TF-IMP-1', '--account', 'ACC-1', '--json', ...args], { encoding: 'utf8' });
    const strict = run('--strict');
    expect(strict.status).toBe(1);
    expect(JSON.parse(strict.stderr).error.issues).toMatchObject([{ path: 'line 3', message: '"2024-13-01" is not a real date in the form YYYY-MM-DD' }]);
    const ok = run();
    expect(ok.status).toBe(0);
    const out = JSON.parse(ok.stdout);
    expect(out).toMatchObject({ imported: 2, duplicates: 0, rejected: [{ line: 3, reason: '"2024-13-01" is not a real date in the form YYYY-MM-DD' }] });
    const again = run();
    expect(again.status).toBe(1);
    expect(JSON.parse(again.stderr).error.code).toBe('Conflict');
    const rejects = path.join(env.dir, 'rejects.csv');
    const exp = spawnSync(process.execPath, [cli, '--db', env.dbPath, 'imports', 'rejects', out.importId, '--out', rejects], { encoding: 'utf8' });
    expect(exp.status).toBe(0);
    expect(fs.readFileSync(rejects, 'utf8')).toBe('line,kind,reason,raw\n3,rejected,"""2024-13-01"" is not a real date in the form YYYY-MM-DD","2024-13-01,-5.00,USD,bad month"\n');
  });
});
