import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { migrationsFolder } from '../../db/connection.js';

const PROCESSES = 10;
const FILES = 10;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'first-opens-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function opener() {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/helpers/open-many.ts')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const queue: ((l: string) => void)[] = [];
  readline.createInterface({ input: child.stdout! }).on('line', (l) => queue.shift()?.(l));
  const next = () => new Promise<string>((r) => queue.push(r));
  const ready = next();
  return {
    ready,
    open(file: string) {
      const answer = next();
      child.stdin!.write(`open ${file}\n`);
      return answer;
    },
    stop: () => child.stdin!.end(),
  };
}

describe('first opens of a new database', () => {
  it(`${PROCESSES} processes open each of ${FILES} new files at the same moment: all succeed, migrations applied once`, async () => {
    const openers = Array.from({ length: PROCESSES }, opener);
    expect(await Promise.all(openers.map((o) => o.ready))).toEqual(Array(PROCESSES).fill('ready'));
    const known = readMigrationFiles({ migrationsFolder: migrationsFolder() }).length;
    try {
      for (let i = 0; i < FILES; i++) {
        const file = path.join(dir, `new-${i}.sqlite`);
        // Every process gets the request in the same tick; none has the file yet.
        const answers = await Promise.all(openers.map((o) => o.open(file)));
        expect(answers).toEqual(Array(PROCESSES).fill('ok'));
        const db = new Database(file, { readonly: true });
        expect((db.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBe(known);
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        db.close();
        expect(fs.existsSync(`${file}-migrate.lock`)).toBe(false);
      }
    } finally {
      openers.forEach((o) => o.stop());
    }
  }, 120_000);
});
