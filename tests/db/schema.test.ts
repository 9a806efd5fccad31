import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/connection.js';
import { dumpSchema, nonAdditiveChanges, type SchemaDump } from './schema-dump.js';

const SNAPSHOT = path.resolve('tests/db/schema-snapshot.json');

/**
 * Reviewed changes that lose nothing: migration 0006 turned money columns from INTEGER into the
 * decimal text of the same integer (amounts may pass 2^63); its own test checks every value survives.
 */
const REVIEWED = new Set(
  [
    'asset_links.amount_minor', 'assets.costs_minor', 'assets.deductions_minor', 'assets.value_appraised_minor', 'assets.value_realised_minor',
    'assets.value_seized_minor', 'sharing_distributions.net_minor', 'transactions.amount_minor', 'transactions.balance_after_minor',
  ].map((c) => `column ${c} changed from "INTEGER" to "TEXT"`),
);

function freshDump(): SchemaDump {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schema-'));
  const conn = openDatabase(path.join(dir, 'db.sqlite'));
  try {
    return dumpSchema(conn.sqlite);
  } finally {
    conn.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('schema', () => {
  it('migrating an empty database from zero gives the committed schema; no migration drops or renames', () => {
    const now = freshDump();
    if (process.env.UPDATE_SCHEMA_SNAPSHOT) fs.writeFileSync(SNAPSHOT, JSON.stringify(now, null, 2) + '\n');
    const committed = JSON.parse(fs.readFileSync(SNAPSHOT, 'utf8')) as SchemaDump;
    // A released database has data in these columns: losing one is never acceptable.
    expect(nonAdditiveChanges(committed, now).filter((c) => !REVIEWED.has(c))).toEqual([]);
    // Additions are fine but must be recorded: run UPDATE_SCHEMA_SNAPSHOT=1 npx vitest run tests/db
    expect(now).toEqual(committed);
  });

  it('sets WAL, synchronous=FULL and foreign keys on', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pragmas-'));
    const conn = openDatabase(path.join(dir, 'db.sqlite'));
    expect(conn.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(conn.sqlite.pragma('synchronous', { simple: true })).toBe(2);
    expect(conn.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    conn.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('detects a dropped or renamed column', () => {
    const before: SchemaDump = { tables: { t: { columns: { a: 'text', b: 'integer' }, indexes: [] } }, triggers: ['x'] };
    const after: SchemaDump = { tables: { t: { columns: { a: 'text', c: 'integer' }, indexes: [] } }, triggers: [] };
    expect(nonAdditiveChanges(before, after)).toEqual(['column t.b was dropped or renamed', 'trigger x was dropped']);
  });
});
