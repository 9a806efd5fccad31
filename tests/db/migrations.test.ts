import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { migrateSafely, migrationsFolder } from '../../db/connection.js';

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
      // From 0006 on a transaction carries its ordering key (core/time.ts).
      const keyed = (sqlite.prepare('PRAGMA table_info(transactions)').all() as { name: string }[]).some((c) => c.name === 'time_key');
      sqlite.exec(
        keyed
          ? `INSERT INTO transactions (id, case_id, to_account_id, amount_minor, currency, occurred_at, time_key, seq) VALUES ('t1', 'c1', 'a1', '12345', 'USD', '2024-01-02', '2024-01-02T24', 1)`
          : `INSERT INTO transactions (id, case_id, to_account_id, amount_minor, currency, occurred_at, seq) VALUES ('t1', 'c1', 'a1', 12345, 'USD', '2024-01-02', 1)`,
      );
      migrateSafely(sqlite, db);
      expect(sqlite.prepare('SELECT title FROM cases').get()).toEqual({ title: `Before ${tag}` });
      // Since 0006 amounts are decimal text (docs/money-and-time.md); the value itself never changes.
      expect(String((sqlite.prepare('SELECT amount_minor FROM transactions').get() as { amount_minor: unknown }).amount_minor)).toBe('12345');
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
      expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    });
  }
});

describe('migration exact_money_and_booked_time', () => {
  const before0006 = journal.entries.findIndex((e) => e.tag.startsWith('0006_'));

  it('keeps every amount as its exact text, moves ETH from gwei to wei, keys every booking, and cascades nothing', () => {
    const sqlite = new Database(':memory:');
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: firstMigrations(before0006) });
    sqlite.exec(`INSERT INTO cases (id, number, title) VALUES ('c1', 'TF-1', 'Old')`);
    sqlite.exec(`INSERT INTO accounts (id, case_id, kind, identifier, identifier_norm, currency) VALUES ('a1', 'c1', 'bank', 'X', 'X', 'USD'), ('w1', 'c1', 'wallet', 'W', 'W', 'ETH')`);
    const tx = sqlite.prepare('INSERT INTO transactions (id, case_id, to_account_id, amount_minor, currency, occurred_at, balance_after_minor, seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    tx.run('t1', 'c1', 'a1', 9007199254740991, 'USD', '2024-03-02', -250, 1);
    tx.run('t2', 'c1', 'a1', 100, 'USD', '2024-03-01T10:00:00+02:00', null, 2);
    tx.run('t3', 'c1', 'w1', 1500000000, 'ETH', '2024-03-01T09:00:00Z', 0, 3);
    sqlite.exec(`INSERT INTO taint_marks (id, case_id, transaction_id, label) VALUES ('m1', 'c1', 't1', 'fraud')`);
    sqlite.exec(`INSERT INTO assets (id, case_id, type, description, seized_on, currency, value_seized_minor, costs_minor) VALUES ('s1', 'c1', 'crypto', 'Wallet', '2024-04-01', 'ETH', 2, 0)`);

    migrateSafely(sqlite, db);

    const rows = sqlite.prepare('SELECT id, amount_minor, balance_after_minor, occurred_at, time_key FROM transactions ORDER BY time_key, seq').all();
    expect(rows).toEqual([
      // 10:00+02:00 is 08:00Z: before 09:00Z, although its text sorts after it.
      { id: 't2', amount_minor: '100', balance_after_minor: null, occurred_at: '2024-03-01T10:00:00+02:00', time_key: '2024-03-01T08:00:00.000000000Z' },
      { id: 't3', amount_minor: '1500000000000000000', balance_after_minor: '0', occurred_at: '2024-03-01T09:00:00Z', time_key: '2024-03-01T09:00:00.000000000Z' },
      { id: 't1', amount_minor: '9007199254740991', balance_after_minor: '-250', occurred_at: '2024-03-02', time_key: '2024-03-02T24' },
    ]);
    expect(sqlite.prepare('SELECT value_seized_minor AS v, costs_minor AS c FROM assets').get()).toEqual({ v: '2000000000', c: '0' });
    // The rebuilt transactions table did not take the marks that point at it with it.
    expect(sqlite.prepare('SELECT count(*) AS n FROM taint_marks').get()).toEqual({ n: 1 });
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  });
});
