import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * The keyring migrations (0009/0010): keyring gains confirmed_at and age_recipient, signing_keys an age identity.
 * Keys trusted before confirmation existed stay trusted (confirmed when they were added); keys
 * added from then on start pending.
 */

let tmp: string;
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** The migrations folder cut at `upTo` (journal index), as a database of that version saw it. */
function migrationsUpTo(upTo: number): string {
  const dir = path.join(tmp, `migrations-${upTo}`);
  fs.cpSync(path.resolve('db/migrations'), dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8'));
  journal.entries = journal.entries.filter((e: { idx: number }) => e.idx <= upTo);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

const journal = JSON.parse(fs.readFileSync(path.resolve('db/migrations/meta/_journal.json'), 'utf8')) as { entries: { idx: number; tag: string }[] };
const confirmation = journal.entries.find((e) => e.tag.endsWith('_keyring_confirmation_and_age_keys'))!.idx;

describe('the keyring migrations: confirmation and age keys', () => {
  it('keeps keys added before it trusted, and adds the new columns empty', () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'mig-keyring-'));
    const sqlite = new Database(path.join(tmp, 'db.sqlite'));
    const db = drizzle(sqlite);
    migrate(db, { migrationsFolder: migrationsUpTo(confirmation - 1) });
    sqlite.prepare("INSERT INTO keyring (id, agency_name, public_key, key_id, fingerprint, created_at) VALUES ('k1', 'Agency A', 'pk', 'ID', 'FP', '2025-05-01T10:00:00.000Z')").run();
    migrate(db, { migrationsFolder: migrationsUpTo(confirmation + 1) });
    expect(sqlite.prepare('SELECT confirmed_at, age_recipient FROM keyring').get()).toEqual({ confirmed_at: '2025-05-01T10:00:00.000Z', age_recipient: null });
    const cols = (sqlite.prepare('PRAGMA table_info(signing_keys)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['age_identity', 'age_recipient']));
    sqlite.prepare("INSERT INTO keyring (id, agency_name, public_key, key_id, fingerprint) VALUES ('k2', 'Agency B', 'pk2', 'ID2', 'FP2')").run();
    expect(sqlite.prepare("SELECT confirmed_at FROM keyring WHERE id = 'k2'").get()).toEqual({ confirmed_at: null });
    sqlite.close();
  });
});
