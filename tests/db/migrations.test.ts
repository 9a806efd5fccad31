import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/connection.js';

interface Journal { entries: { idx: number; tag: string }[] }
const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), 'meta/_journal.json'), 'utf8')) as Journal;

/** A copy of the migrations folder that stops after the first `n` migrations. */
function firstMigrations(n: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mig-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  const entries = journal.entries.slice(0, n);
  for (const e of entries) fs.copyFileSync(path.join(migrationsFolder(), `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  return dir;
}

describe('each migration keeps the data written before it', () => {
  for (let n = 1; n < journal.entries.length; n++) {
    const tag = journal.entries[n].tag;
    it(`migration ${tag}`, () => {
      const sqlite = new Database(':memory:');
      sqlite.pragma('foreign_keys = ON');
      const db = drizzle(sqlite);
      migrate(db, { migrationsFolder: firstMigrations(n) });
      sqlite.exec(`INSERT INTO cases (id, number, title) VALUES ('c1', 'TF-1', 'Before ${tag}')`);
      sqlite.exec(`INSERT INTO accounts (id, case_id, kind, identifier, identifier_norm, currency) VALUES ('a1', 'c1', 'bank', 'X', 'X', 'USD')`);
      sqlite.exec(`INSERT INTO transactions (id, case_id, to_account_id, amount_minor, currency, occurred_at, seq) VALUES ('t1', 'c1', 'a1', 12345, 'USD', '2024-01-02', 1)`);
      migrate(db, { migrationsFolder: migrationsFolder() });
      expect(sqlite.prepare('SELECT title FROM cases').get()).toEqual({ title: `Before ${tag}` });
      expect(sqlite.prepare('SELECT amount_minor FROM transactions').get()).toEqual({ amount_minor: 12345 });
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  }
});
