import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrationsFolder } from '../../db/connection.js';
import { databaseAt, indexesUsed, indexOf, journal } from './migrate-to.js';

/**
 * Each migration on its own (as Signal Desktop tests its own): a database at N-1 with rows written
 * the way that version wrote them, then migration N alone, then what N did. 0006, 0009-0011 have
 * files of their own (migrations.test.ts, keyring-migration.test.ts, migration-statements.test.ts).
 */

const seedCase = (sqlite: import('better-sqlite3').Database) => {
  sqlite.exec(`INSERT INTO cases (id, number, title) VALUES ('c1', 'TF-1', 'Old')`);
  sqlite.exec(`INSERT INTO agencies (id, name, code) VALUES ('g1', 'HSI Miami', 'HSI')`);
};

describe('migration append_only_triggers', () => {
  it('refuses edits and deletes of audit rows and updates of custody and status events that existed before it', () => {
    const m = databaseAt(indexOf('append_only_triggers'));
    seedCase(m.sqlite);
    m.sqlite.exec(`INSERT INTO audit_log (seq, id, at, actor, agency, method, entity, entity_id, before, after, prev_hash, hash) VALUES (1, 'l1', 't', 'a', 'g', 'm', 'case', 'c1', 'null', '{}', '0', 'h')`);
    m.sqlite.exec(`INSERT INTO assets (id, case_id, type, description, seized_on, currency) VALUES ('s1', 'c1', 'cash', 'Cash', '2024-01-01', 'USD')`);
    m.sqlite.exec(`INSERT INTO custody_events (id, asset_id, kind, occurred_at) VALUES ('e1', 's1', 'received', '2024-01-01T10:00:00Z')`);
    m.sqlite.exec(`INSERT INTO asset_status_events (id, asset_id, to_status, occurred_on) VALUES ('x1', 's1', 'seized', '2024-01-01')`);
    m.sqlite.exec(`UPDATE audit_log SET actor = 'b'`); // allowed before it
    m.step();
    expect(() => m.sqlite.exec(`UPDATE audit_log SET actor = 'c'`)).toThrow(/audit_log is append-only/);
    expect(() => m.sqlite.exec(`DELETE FROM audit_log`)).toThrow(/audit_log is append-only/);
    expect(() => m.sqlite.exec(`UPDATE custody_events SET kind = 'stored'`)).toThrow(/custody_events is append-only/);
    expect(() => m.sqlite.exec(`UPDATE asset_status_events SET to_status = 'forfeited'`)).toThrow(/asset_status_events is append-only/);
    expect(m.sqlite.prepare('SELECT actor FROM audit_log').get()).toEqual({ actor: 'b' });
    m.close();
  });
});

describe('migration assets_status_on_link_amounts', () => {
  it('adds link amounts and status dates empty to existing rows, and indexes seizure date and agency', () => {
    const m = databaseAt(indexOf('assets_status_on_link_amounts'));
    seedCase(m.sqlite);
    m.sqlite.exec(`INSERT INTO assets (id, case_id, type, description, seized_on, currency, seizing_agency_id) VALUES ('s1', 'c1', 'cash', 'Cash', '2024-01-01', 'USD', 'g1')`);
    m.sqlite.exec(`INSERT INTO asset_links (id, asset_id) VALUES ('k1', 's1')`);
    m.step();
    expect(m.sqlite.prepare('SELECT amount_minor, currency FROM asset_links').get()).toEqual({ amount_minor: null, currency: null });
    expect(m.sqlite.prepare('SELECT description, status_on, returned_to FROM assets').get()).toEqual({ description: 'Cash', status_on: null, returned_to: null });
    m.close();
  });
});

describe('migration bundle_audit', () => {
  it('adds the received audit rows of a bundle, removed with their bundle', () => {
    const m = databaseAt(indexOf('bundle_audit'));
    m.sqlite.exec(`INSERT INTO bundles (id, direction, case_number, file_name, sha256, sender_agency, sender_fingerprint) VALUES ('b1', 'received', 'TF-1', 'x.zip', 'aa', 'HSI', 'fp')`);
    m.step();
    m.sqlite.exec(`INSERT INTO bundle_audit (bundle_id, seq, id, at, actor, agency, method, entity, entity_id, before, after, prev_hash, hash) VALUES ('b1', 1, 'l1', 't', 'a', 'g', 'm', 'case', 'c1', 'null', '{}', '0', 'h')`);
    expect(m.sqlite.prepare('SELECT count(*) AS n FROM bundle_audit').get()).toEqual({ n: 1 });
    m.sqlite.exec(`DELETE FROM bundles WHERE id = 'b1'`);
    expect(m.sqlite.prepare('SELECT count(*) AS n FROM bundle_audit').get()).toEqual({ n: 0 });
    m.close();
  });
});

describe('migration assets_totals_index', () => {
  it('indexes existing assets for the totals aggregate without changing them', () => {
    const m = databaseAt(indexOf('assets_totals_index'));
    seedCase(m.sqlite);
    m.sqlite.exec(`INSERT INTO assets (id, case_id, type, description, seized_on, currency, value_seized_minor) VALUES ('s1', 'c1', 'cash', 'Cash', '2024-01-01', 'USD', 500)`);
    m.step();
    expect(m.sqlite.prepare("SELECT count(*) AS n FROM assets INDEXED BY assets_totals WHERE status = 'seized'").get()).toEqual({ n: 1 });
    expect(m.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    m.close();
  });
});

describe('migration dashboard_indexes', () => {
  it('indexes status events by asset and date, and distributions by asset, over existing rows', () => {
    const m = databaseAt(indexOf('dashboard_indexes'));
    seedCase(m.sqlite);
    m.sqlite.exec(`INSERT INTO assets (id, case_id, type, description, seized_on, currency) VALUES ('s1', 'c1', 'cash', 'Cash', '2024-01-01', 'USD')`);
    m.sqlite.exec(`INSERT INTO asset_status_events (id, asset_id, to_status, occurred_on) VALUES ('x1', 's1', 'seized', '2024-01-01'), ('x2', 's1', 'forfeited', '2024-06-01')`);
    m.step();
    expect(m.sqlite.prepare("SELECT to_status FROM asset_status_events INDEXED BY asset_status_events_series WHERE asset_id = 's1' AND occurred_on <= '2024-03-01'").all()).toEqual([{ to_status: 'seized' }]);
    m.close();
  });
});

describe('migration audit_merkle_tree', () => {
  it('adds empty checkpoint and tree tables beside an existing audit log', () => {
    const m = databaseAt(indexOf('audit_merkle_tree'));
    m.sqlite.exec(`INSERT INTO audit_log (seq, id, at, actor, agency, method, entity, entity_id, before, after, prev_hash, hash) VALUES (1, 'l1', 't', 'a', 'g', 'm', 'case', 'c1', 'null', '{}', '0', 'h')`);
    m.step();
    expect(m.sqlite.prepare('SELECT count(*) AS n FROM audit_checkpoints').get()).toEqual({ n: 0 });
    expect(m.sqlite.prepare('SELECT count(*) AS n FROM audit_tree').get()).toEqual({ n: 0 });
    expect(m.sqlite.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 1 });
    m.close();
  });
});

describe('migration evidence_guards', () => {
  it('refuses updates and deletes of evidence rows unless proceeds_audited_write() says 1', () => {
    const m = databaseAt(indexOf('evidence_guards'));
    seedCase(m.sqlite);
    m.sqlite.exec(`INSERT INTO accounts (id, case_id, kind, identifier, identifier_norm, currency) VALUES ('a1', 'c1', 'bank', 'X', 'X', 'USD')`);
    m.sqlite.exec(`INSERT INTO transactions (id, case_id, to_account_id, amount_minor, currency, occurred_at, time_key, seq) VALUES ('t1', 'c1', 'a1', '100', 'USD', '2024-01-02', '2024-01-02T24', 1)`);
    m.step();
    m.setAudited(() => 0);
    expect(() => m.sqlite.exec(`UPDATE transactions SET amount_minor = '1'`)).toThrow(/transactions holds evidence/);
    expect(() => m.sqlite.exec(`DELETE FROM transactions`)).toThrow(/transactions holds evidence/);
    m.setAudited(() => 1);
    m.sqlite.exec(`UPDATE transactions SET reference = 'audited'`);
    expect(m.sqlite.prepare('SELECT amount_minor, reference FROM transactions').get()).toEqual({ amount_minor: '100', reference: 'audited' });
    m.close();
  });
});

/**
 * The query each index was made for (from the code that runs it). Checked right after the
 * migration that made the index: SQLite's plan must use it.
 */
const INDEX_QUERIES: Record<string, string> = {
  assets_seized_on: "SELECT id FROM assets WHERE seized_on BETWEEN '2024-01-01' AND '2024-12-31'",
  assets_seizing_agency: "SELECT id FROM assets WHERE seizing_agency_id = 'g1'",
  bundle_audit_entity: "SELECT seq FROM bundle_audit WHERE entity_id = 'c1'",
  assets_totals: 'SELECT a.status, a.currency, count(*), max(a.value_seized_minor) FROM assets a GROUP BY a.status, a.currency',
  asset_status_events_series: "SELECT to_status FROM asset_status_events WHERE asset_id = 's1' AND occurred_on <= '2024-06-30'",
  sharing_distributions_asset: "SELECT max(x.id) FROM sharing_distributions x WHERE x.asset_id = 's1'",
  transactions_case_time: "SELECT id FROM transactions WHERE case_id = 'c1' ORDER BY time_key, seq",
  audit_checkpoints_origin: "SELECT tree_size, root_hash FROM audit_checkpoints WHERE origin = 'o' ORDER BY tree_size DESC LIMIT 1",
  entity_merges_case: "SELECT survivor_id, merged_id FROM entity_merges WHERE case_id = 'c1' AND kind = 'account' AND status = 'merged'",
  entity_merges_merged: "SELECT id FROM entity_merges WHERE merged_id = 'a1' AND status = 'merged'",
  statements_account: "SELECT id FROM statements WHERE case_id = 'c1' AND account_id = 'a1' ORDER BY opening_date",
  transfer_links_pair: "SELECT 1 FROM transfer_links l WHERE l.debit_tx_id = 't1'",
  transfer_links_case: "SELECT id FROM transfer_links WHERE case_id = 'c1' AND status = 'suggested'",
  transfer_links_credit: "SELECT 1 FROM transfer_links tl WHERE tl.credit_tx_id = 't2' AND tl.status IN ('auto', 'accepted')",
  // The digest of one matcher run's links (audit row of transfer_match, replayed by deep verify).
  transfer_links_run: "SELECT id FROM transfer_links WHERE match_run = 'r1' ORDER BY id",
  // layout.save finds the case's layout of that name to replace it.
  chart_layouts_case_name: "SELECT id FROM chart_layouts WHERE case_id = 'c1' AND name = 'Main'",
  // One agency's DAG-71 factors in one case (sharing.worksheet, the deadlines list).
  sharing_worksheets_case_agency: "SELECT work_hours FROM sharing_worksheets WHERE case_id = 'c1' AND agency_id = 'g1'",
  // A case's cross-agency matches from the last hub sync (hub.matches).
  hub_matches_case: "SELECT their_agency FROM hub_matches WHERE case_id = 'c1'",
  // A receipt kept once per bundle and hub log size (hub.share, hub.sync).
  hub_receipts_bundle_size: "SELECT id FROM hub_receipts WHERE bundle_id = 'b1' AND tree_size = 3",
};

/** Indexes each migration adds (a table rebuilt with the same index definitions adds none). */
function newIndexes(): { idx: number; tag: string; name: string }[] {
  const seen = new Map<string, string>();
  const out: { idx: number; tag: string; name: string }[] = [];
  journal.entries.forEach((e, i) => {
    const sql = fs.readFileSync(path.join(migrationsFolder(), `${e.tag}.sql`), 'utf8');
    for (const m of sql.matchAll(/CREATE (?:UNIQUE )?INDEX (?:IF NOT EXISTS )?`?(\w+)`? ON `?(\w+)`? \(([^)]*)\)/g)) {
      const def = `${m[2]}(${m[3]})`;
      if (i > 0 && seen.get(m[1]) !== def) out.push({ idx: i, tag: e.tag, name: m[1] });
      seen.set(m[1], def);
    }
  });
  return out;
}

describe('indexes: each one a migration adds is used by the query it was made for', () => {
  const added = newIndexes();
  it('every added index has its query listed here', () => {
    expect(added.map((a) => a.name).filter((n) => !(n in INDEX_QUERIES))).toEqual([]);
  });
  for (const a of added) {
    it(`${a.name} (${a.tag})`, () => {
      const m = databaseAt(a.idx + 1);
      expect(indexesUsed(m.sqlite, INDEX_QUERIES[a.name])).toContain(a.name);
      m.close();
    });
  }
});

describe('every migration has a test', () => {
  it('names each migration after 0000 in a describe("migration <name>") under tests/db', () => {
    const texts = fs.readdirSync('tests/db').filter((f) => f.endsWith('.test.ts')).map((f) => fs.readFileSync(path.join('tests/db', f), 'utf8')).join('\n');
    const untested = journal.entries.slice(1).map((e) => e.tag.replace(/^\d+_/, '')).filter((name) => !texts.includes(`describe('migration ${name}'`));
    // A migration added without a test of what it does fails here: write one (see tests/db/migrate-to.ts).
    expect(untested).toEqual([]);
  });
});

describe('migration keyring_confirmation_and_age_keys', () => {
  it('adds confirmation and age columns, empty, to keys and signing keys that existed', () => {
    const m = databaseAt(indexOf('keyring_confirmation_and_age_keys'));
    m.sqlite.exec("INSERT INTO keyring (id, agency_name, public_key, key_id, fingerprint, created_at) VALUES ('k1', 'Agency A', 'pk', 'ID', 'FP', '2025-05-01T10:00:00.000Z')");
    m.step();
    expect(m.sqlite.prepare('SELECT agency_name, confirmed_at, age_recipient FROM keyring').get()).toEqual({ agency_name: 'Agency A', confirmed_at: null, age_recipient: null });
    const cols = (m.sqlite.prepare('PRAGMA table_info(signing_keys)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(expect.arrayContaining(['age_identity', 'age_recipient']));
    m.close();
  });
});

describe('migration keyring_existing_keys_confirmed', () => {
  it('confirms keys trusted before confirmation existed, as of when they were added, and leaves confirmed ones alone', () => {
    const m = databaseAt(indexOf('keyring_existing_keys_confirmed'));
    m.sqlite.exec("INSERT INTO keyring (id, agency_name, public_key, key_id, fingerprint, created_at) VALUES ('k1', 'A', 'pk', 'ID', 'FP', '2025-05-01T10:00:00.000Z')");
    m.sqlite.exec("INSERT INTO keyring (id, agency_name, public_key, key_id, fingerprint, created_at, confirmed_at) VALUES ('k2', 'B', 'pk2', 'ID2', 'FP2', '2025-05-01T10:00:00.000Z', '2025-06-01T00:00:00.000Z')");
    m.step();
    expect(m.sqlite.prepare('SELECT id, confirmed_at FROM keyring ORDER BY id').all()).toEqual([
      { id: 'k1', confirmed_at: '2025-05-01T10:00:00.000Z' },
      { id: 'k2', confirmed_at: '2025-06-01T00:00:00.000Z' },
    ]);
    m.close();
  });
});

describe('migration sharing_worksheets_and_subject_versions', () => {
  it('adds an empty worksheet table, one row per case and agency, and an empty edit token to existing subjects', () => {
    const m = databaseAt(indexOf('sharing_worksheets_and_subject_versions'));
    seedCase(m.sqlite);
    m.sqlite.exec(`INSERT INTO subjects (id, case_id, kind, name) VALUES ('s1', 'c1', 'person', 'Ana')`);
    m.step();
    expect(m.sqlite.prepare('SELECT name, updated_at FROM subjects').get()).toEqual({ name: 'Ana', updated_at: null });
    m.sqlite.exec(`INSERT INTO sharing_worksheets (id, case_id, agency_id, work_hours) VALUES ('w1', 'c1', 'g1', 120)`);
    expect(m.sqlite.prepare('SELECT originated_information, unique_assistance, submitted_on FROM sharing_worksheets').get()).toEqual({ originated_information: 0, unique_assistance: '', submitted_on: null });
    expect(() => m.sqlite.exec(`INSERT INTO sharing_worksheets (id, case_id, agency_id) VALUES ('w2', 'c1', 'g1')`)).toThrow(/UNIQUE/);
    m.sqlite.exec(`DELETE FROM cases WHERE id = 'c1'`);
    expect(m.sqlite.prepare('SELECT count(*) AS n FROM sharing_worksheets').get()).toEqual({ n: 0 });
    m.close();
  });
});

describe('migration hub_link', () => {
  it('adds the hub link, its receipts (one per bundle and hub log size) and the matches of a sync, empty, beside cases that existed', () => {
    const m = databaseAt(indexOf('hub_link'));
    seedCase(m.sqlite);
    m.step();
    expect(m.sqlite.prepare('SELECT number FROM cases').all()).toEqual([{ number: 'TF-1' }]);
    for (const t of ['hub_link', 'hub_receipts', 'hub_matches']) expect(m.sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get()).toEqual({ n: 0 });
    m.sqlite.exec(`INSERT INTO hub_link (id, url, name, public_key, fingerprint, signing_key_id) VALUES ('h1', 'https://hub', 'region', 'pk', 'FP', 'k1')`);
    expect(m.sqlite.prepare('SELECT confirmed_at, last_sync_at FROM hub_link').get()).toEqual({ confirmed_at: null, last_sync_at: null });
    const receipt = `INSERT INTO hub_receipts (id, bundle_id, case_id, hub_fingerprint, checkpoint, entry_bytes, leaf_index, tree_size, proof) VALUES (?, 'b1', 'c1', 'FP', 'cp', '{}', 0, 3, '[]')`;
    m.sqlite.prepare(receipt).run('r1');
    expect(() => m.sqlite.prepare(receipt).run('r2')).toThrow(/UNIQUE/);
    m.close();
  });
});
