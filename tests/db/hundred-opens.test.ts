import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder } from '../../db/connection.js';
import { dumpSchema } from './schema-dump.js';

const PROCESSES = 100;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hundred-opens-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('100 processes open one new database at once', () => {
  it('all succeed, the migrations run once, and the schema is the one a lone open makes', async () => {
    // One bundle, so each of the 100 processes starts in plain node (no TypeScript loader per process).
    // Beside node_modules, so the bundle's import of better-sqlite3 resolves.
    const bundle = path.resolve(`node_modules/.cache/open-once-${process.pid}.mjs`);
    onTestFinished(() => fs.rmSync(bundle, { force: true }));
    await build({
      entryPoints: [path.resolve('tests/helpers/open-once.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      external: ['better-sqlite3'],
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
      logLevel: 'silent',
    });
    const file = path.join(dir, 'new.sqlite');
    const go = path.join(dir, 'go');
    const env = { ...process.env, PROCEEDS_MIGRATIONS: migrationsFolder() };
    const children = Array.from({ length: PROCESSES }, () => {
      const child = spawn(process.execPath, [bundle, file, go], { env, cwd: path.resolve('.'), stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      const ready = new Promise<void>((resolve) => child.stdout!.on('data', (d) => {
        out += d;
        if (out.includes('ready')) resolve();
      }));
      child.stderr!.on('data', (d) => (err += d));
      const done = new Promise<string>((resolve) => child.once('exit', () => resolve(out.replace('ready\n', '').trim() || `no answer: ${err}`)));
      // A process that dies before it is ready is not waited for: its answer says why.
      return { ready: Promise.race([ready, done]), done };
    });
    // Every process is up and polling before any may open: the opens start together.
    await Promise.all(children.map((c) => c.ready));
    expect(fs.existsSync(file)).toBe(false);
    fs.writeFileSync(go, '');
    const answers = await Promise.all(children.map((c) => c.done));
    expect(answers.filter((a) => a !== 'ok')).toEqual([]);

    const db = new Database(file, { readonly: true });
    const known = readMigrationFiles({ migrationsFolder: migrationsFolder() }).length;
    expect(db.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get()).toBe(known);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const raced = dumpSchema(db);
    db.close();
    // The schema a single, unraced open makes.
    const alone = path.join(dir, 'alone.sqlite');
    const { openDatabase } = await import('../../db/connection.js');
    openDatabase(alone).close();
    const ref = new Database(alone, { readonly: true });
    expect(raced).toEqual(dumpSchema(ref));
    ref.close();
    expect(fs.existsSync(`${file}-migrate.lock`)).toBe(false);
  }, 400_000);
});
