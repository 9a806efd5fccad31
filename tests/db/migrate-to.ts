// Signal-Desktop-style migration tests: a database at version N-1, rows written as that version
// wrote them, then exactly migration N. Every migration has a `describe('migration <tag>')`
// somewhere in tests/db (tests/db/migrations-each.test.ts checks that none is missing).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { migrationsFolder } from '../../db/connection.js';

export interface Journal { entries: { idx: number; tag: string }[] }
export const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder(), 'meta/_journal.json'), 'utf8')) as Journal;

/** The journal index of the migration whose tag ends with `name` (tags carry a number the lead may change). */
export function indexOf(name: string): number {
  const e = journal.entries.find((x) => x.tag.endsWith(`_${name}`));
  if (!e) throw new Error(`no migration named ${name}`);
  return journal.entries.indexOf(e);
}

/** A copy of the migrations folder holding the first `n` migrations only. */
function firstMigrations(n: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-mig-'));
  fs.mkdirSync(path.join(dir, 'meta'));
  const entries = journal.entries.slice(0, n);
  for (const e of entries) fs.copyFileSync(path.join(migrationsFolder(), `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`));
  fs.writeFileSync(path.join(dir, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
  return dir;
}

/**
 * An in-memory database with the first `n` migrations applied; `step()` applies the next one only.
 * `audited` is what proceeds_audited_write() says (the app registers it on its own connections).
 */
export function databaseAt(n: number, opts: { audited?: () => number } = {}) {
  const sqlite = new Database(':memory:');
  sqlite.pragma('foreign_keys = ON');
  let audited = opts.audited ?? (() => 1);
  sqlite.function('proceeds_audited_write', { deterministic: false }, () => audited());
  const db = drizzle(sqlite);
  const upTo = (k: number) => {
    const dir = firstMigrations(k);
    try {
      migrate(db, { migrationsFolder: dir });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  };
  upTo(n);
  let at = n;
  return {
    sqlite,
    /** Applies migration number `at` (0-based journal index), the next one. */
    step() {
      upTo(++at);
    },
    setAudited(f: () => number) {
      audited = f;
    },
    close: () => sqlite.close(),
  };
}

/** The index names SQLite's plan uses for a query (EXPLAIN QUERY PLAN's detail column). */
export function indexesUsed(sqlite: Database.Database, sql: string, ...params: unknown[]): string[] {
  const plan = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
  return plan.flatMap((r) => [...r.detail.matchAll(/USING (?:COVERING )?INDEX (\w+)/g)].map((m) => m[1]));
}
