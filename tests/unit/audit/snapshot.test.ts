import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { inReadSnapshot } from '../../../core/audit/snapshot.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('checks read one snapshot', () => {
  it('a commit from another connection in the middle of a check is not seen until the check ends', () => {
    const file = path.join(dir, 'wal.sqlite');
    const writer = new Database(file);
    writer.pragma('journal_mode = WAL');
    writer.exec('CREATE TABLE log (n INTEGER); CREATE TABLE tree (n INTEGER); INSERT INTO log VALUES (1); INSERT INTO tree VALUES (1);');
    const reader = new Database(file);
    const count = (t: string) => reader.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    // What the other process does between the check's two reads: one entry, in both tables, in one commit.
    const commitBetween = () => writer.transaction(() => writer.exec('INSERT INTO log VALUES (2); INSERT INTO tree VALUES (2);'))();

    const seen = inReadSnapshot(reader, () => {
      const log = count('log');
      commitBetween();
      return { log, tree: count('tree') };
    });
    expect(seen).toEqual({ log: 1, tree: 1 });
    expect(reader.inTransaction).toBe(false);

    // Without the snapshot the same interleaving sees a tree ahead of its log: the false finding this prevents.
    const log = count('log');
    commitBetween();
    expect({ log, tree: count('tree') }).toEqual({ log: 2, tree: 3 });
    reader.close();
    writer.close();
  });

  it('inside a caller transaction it runs in the caller snapshot and leaves the transaction open', () => {
    const db = new Database(':memory:');
    db.exec('BEGIN');
    expect(inReadSnapshot(db, () => db.inTransaction)).toBe(true);
    expect(db.inTransaction).toBe(true);
    db.exec('COMMIT');
  });
});
