import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/connection.js';

interface Journal { entries: { idx: number; tag: string }[] }

/** A copy of the migrations folder that stops after the migration tagged `last`. */
function migrationsUpTo(last: string): string {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), 'meta/_journal.json'), 'utf8')) as Journal;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mig7-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  const entries = journal.entries.slice(0, journal.entries.findIndex((e) => e.tag === last) + 1);
  for (const e of entries) fs.copyFileSync(path.join(migrationsFolder(), `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  return dir;
}

describe('migration statements_transfer_links_and_merges', () => {
  it('adds the three tables and keeps the transactions and imports written under 0006', () => {
    const sqlite = new Database(':memory:');
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: migrationsUpTo('0006_exact_money_and_booked_time') });
    sqlite.exec(`INSERT INTO cases (id, number, title) VALUES ('c1', 'TF-1', 'Before 0011')`);
    sqlite.exec(`INSERT INTO accounts (id, case_id, kind, identifier, identifier_norm, currency) VALUES ('a1', 'c1', 'bank', 'X', 'X', 'ETH')`);
    sqlite.exec(`INSERT INTO imports (id, case_id, file_name, file_sha256, format, started_at) VALUES ('i1', 'c1', 'f.csv', 'h', 'csv', '2024-01-01T00:00:00Z')`);
    sqlite.exec(`INSERT INTO transactions (id, case_id, to_account_id, amount_minor, currency, occurred_at, time_key, import_id, seq)
      VALUES ('t1', 'c1', 'a1', '1000000000000000000000000', 'ETH', '2024-01-02T12:20:00-05:00', '2024-01-02T17:20:00.000000000Z', 'i1', 1)`);
    migrate(db, { migrationsFolder: migrationsFolder() });
    expect(sqlite.prepare('SELECT amount_minor, occurred_at, time_key FROM transactions').get()).toEqual({
      amount_minor: '1000000000000000000000000', occurred_at: '2024-01-02T12:20:00-05:00', time_key: '2024-01-02T17:20:00.000000000Z',
    });
    const tables = (sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('statements', 'transfer_links', 'entity_merges') ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    expect(tables).toEqual(['entity_merges', 'statements', 'transfer_links']);
    // The new tables take rows tied to what was there.
    sqlite.exec(`INSERT INTO statements (id, case_id, import_id, account_id, currency, moved_minor) VALUES ('s1', 'c1', 'i1', 'a1', 'ETH', '1')`);
    sqlite.exec(`INSERT INTO transactions (id, case_id, to_account_id, amount_minor, currency, occurred_at, time_key, seq) VALUES ('t2', 'c1', 'a1', '1', 'ETH', '2024-01-03', '2024-01-03T24', 2)`);
    sqlite.exec(`INSERT INTO transfer_links (id, case_id, debit_tx_id, credit_tx_id, score, status) VALUES ('l1', 'c1', 't1', 't2', 80, 'auto')`);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});

describe('migration transfer_links_match_run', () => {
  it('adds match_run (null for links made before) with its index; older links keep their rows', () => {
    const sqlite = new Database(':memory:');
    sqlite.pragma('foreign_keys = ON');
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: migrationsUpTo('0011_statements_transfer_links_and_merges') });
    sqlite.exec(`INSERT INTO cases (id, number, title) VALUES ('c1', 'TF-1', 'Before 0012')`);
    sqlite.exec(`INSERT INTO accounts (id, case_id, kind, identifier, identifier_norm, currency) VALUES ('a1', 'c1', 'bank', 'X', 'X', 'EUR')`);
    sqlite.exec(`INSERT INTO transactions (id, case_id, to_account_id, amount_minor, currency, occurred_at, time_key, seq) VALUES ('t1', 'c1', 'a1', '1', 'EUR', '2024-01-03', '2024-01-03T24', 1), ('t2', 'c1', 'a1', '1', 'EUR', '2024-01-03', '2024-01-03T24', 2)`);
    sqlite.exec(`INSERT INTO transfer_links (id, case_id, debit_tx_id, credit_tx_id, score, status) VALUES ('l1', 'c1', 't1', 't2', 80, 'auto')`);
    migrate(db, { migrationsFolder: migrationsFolder() });
    expect(sqlite.prepare('SELECT id, score, status, match_run FROM transfer_links').get()).toEqual({ id: 'l1', score: 80, status: 'auto', match_run: null });
    expect(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'transfer_links_run'").get()).toEqual({ name: 'transfer_links_run' });
    sqlite.exec(`UPDATE transfer_links SET match_run = 'r1' WHERE id = 'l1'`);
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
