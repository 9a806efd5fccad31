import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { readEntries, resign, writeZip, type Row } from './craft.js';
import { exportCase, makeAgency, smallCase, trustedError } from './helpers.js';

/**
 * A signed bundle from a trusted sender may still be hostile: every attack here is re-signed with
 * the sender's real key, so it passes verification and only the importer's own checks stand.
 */

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const newUuid = () => crypto.randomUUID();

async function setup() {
  const a = tempCore('scope-a');
  const b = tempCore('scope-b');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-'));
  cleanups.push(a.cleanup, b.cleanup, () => fs.rmSync(dir, { recursive: true, force: true }));
  const agency = await makeAgency(dir, 'Agency A');
  await b.core.call('keyring.add', { publicKey: fs.readFileSync(agency.pubFile, 'utf8'), agencyName: 'Agency A', confirmFingerprint: agency.trusted.fingerprint });
  const c = await smallCase(a, 'TF-2024-0117');
  const valid = path.join(dir, 'valid.zip');
  await exportCase(a, c.caseId, agency, valid);
  // The receiver's own, unrelated case with an asset.
  const mine = await b.core.call('cases.create', { number: 'TF-LOCAL-9', title: 'an unrelated local case' });
  const asset = await b.core.call('assets.create', { caseId: mine.id, type: 'other', description: 'gold watch', seizedOn: '2024-02-01', currency: 'USD', valueSeized: '900.00' });
  return { a, b, dir, agency, c, valid, entries: await readEntries(valid), mine, asset };
}

/**
 * The database file and its WAL, byte for byte. Callers checkpoint first, so the measure does not
 * depend on when SQLite folds the WAL back (a refused long write truncates it: core/core.ts).
 */
const dbBytes = (dbPath: string) =>
  [dbPath, `${dbPath}-wal`].map((f) => (fs.existsSync(f) ? createHash('sha256').update(fs.readFileSync(f)).digest('hex') : '-')).join(' ');

async function crafted(s: Awaited<ReturnType<typeof setup>>, name: string, records: (table: string, rows: Row[]) => Row[]) {
  const f = path.join(s.dir, name);
  await writeZip(f, resign(s.entries, s.agency.key, { records }));
  return f;
}

const importError = (s: Awaited<ReturnType<typeof setup>>, f: string) => trustedError(s.b, 'bundles.import', { file: { path: f } });

describe('a signed bundle writes only into its own case', () => {
  it('imports a re-signed but unchanged bundle (the crafting itself is sound)', async () => {
    const s = await setup();
    const f = await crafted(s, 'same.zip', (_t, rows) => rows);
    const r = await s.b.core.call('bundles.import', { file: { path: f } }, { trusted: true });
    expect(r.outcome.inserted.transactions).toBe(3);
  });

  it('refuses a custody event on a local asset of another case, a subject added to that case and a case the statement never names, listing every reason; the database stays byte-identical', async () => {
    const s = await setup();
    const stranger = newUuid();
    const f = await crafted(s, 'anywhere.zip', (t, rows) => {
      if (t === 'cases') return [...rows, { ...rows[0], id: stranger, number: 'TF-NOT-NAMED' }];
      if (t === 'subjects') return [...rows, { ...rows[0], id: newUuid(), case_id: s.mine.id, name: 'Planted Suspect' }];
      if (t === 'custody_events')
        return [...rows, { id: newUuid(), asset_id: s.asset.id, kind: 'disposed', occurred_at: '2024-03-01', reason: 'destroyed by order', created_at: '2024-03-01T00:00:00.000Z' }];
      return rows;
    });
    s.b.core.writer.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = dbBytes(s.b.dbPath);
    const err = await importError(s, f);
    expect(err.code).toBe('Invalid');
    expect(err.message).toMatch(/nothing was imported \(3 problems\)/);
    expect(err.issues).toEqual([
      { path: 'data/records/cases.jsonl line 3', message: `creates case "TF-NOT-NAMED" (${stranger}), which the signed statement does not name (it names TF-2024-0117)` },
      { path: 'data/records/subjects.jsonl line 3', message: 'case_id: belongs to case TF-LOCAL-9, not to the bundle\'s case TF-2024-0117' },
      { path: 'data/records/custody_events.jsonl line 2', message: `asset_id: refers to assets ${s.asset.id} of another case here (TF-LOCAL-9); a bundle may only touch its own case` },
    ]);
    expect(dbBytes(s.b.dbPath)).toBe(before);
    expect(s.b.core.writer.sqlite.prepare('SELECT count(*) AS n FROM custody_events').get()).toEqual({ n: 0 });
  });

  it('refuses a reference to a local row of another case, and one to a row that exists nowhere', async () => {
    const s = await setup();
    const theirs = await s.b.core.call('subjects.create', { caseId: s.mine.id, kind: 'person', name: 'Local Person' });
    const ghost = newUuid();
    const f = await crafted(s, 'reuse.zip', (t, rows) => {
      if (t === 'accounts') return [...rows, { ...rows[0], id: newUuid(), identifier: 'X1', identifier_norm: 'X1', holder_subject_id: theirs.id }];
      if (t === 'transactions') return [...rows, { ...rows[0], id: newUuid(), from_account_id: ghost }];
      return rows;
    });
    const err = await importError(s, f);
    expect(err.issues).toEqual([
      { path: 'data/records/accounts.jsonl line 4', message: `holder_subject_id: refers to subjects ${theirs.id} of another case here (TF-LOCAL-9); a bundle may only touch its own case` },
      { path: 'data/records/transactions.jsonl line 5', message: `from_account_id: refers to accounts ${ghost}, which is neither in the bundle nor here` },
    ]);
  });

  it('refuses records the contract would refuse: an amount in words, asset status "exploded", custody kind "teleported"', async () => {
    const s = await setup();
    const assetId = newUuid();
    const f = await crafted(s, 'invalid.zip', (t, rows) => {
      if (t === 'transactions') return rows.map((r, i) => (i === 0 ? { ...r, amount_minor: 'a lot of money' } : r));
      if (t === 'assets')
        return [{ id: assetId, case_id: rows[0]?.case_id ?? caseIdOf(s), type: 'other', description: 'boat', seized_on: '2024-01-02', status: 'exploded', currency: 'EUR', value_seized_minor: 100 }];
      if (t === 'custody_events') return [{ id: newUuid(), asset_id: assetId, kind: 'teleported', occurred_at: '2024-01-03' }];
      return rows;
    });
    s.b.core.writer.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const before = dbBytes(s.b.dbPath);
    const err = await importError(s, f);
    expect(err.issues).toEqual([
      { path: 'data/records/transactions.jsonl line 2', message: 'amount_minor: must be a whole number of minor units, such as "125000"' },
      { path: 'data/records/assets.jsonl line 2', message: expect.stringMatching(/^status: Invalid option: expected one of "seized"/) },
      { path: 'data/records/custody_events.jsonl line 2', message: expect.stringMatching(/^kind: Invalid option: expected one of "received"/) },
    ]);
    expect(dbBytes(s.b.dbPath)).toBe(before);
    expect((await s.b.core.call('cases.list', {})).map((c: { number: string }) => c.number)).toEqual(['TF-LOCAL-9']);
  });
});

function caseIdOf(s: Awaited<ReturnType<typeof setup>>) {
  return s.c.caseId;
}
