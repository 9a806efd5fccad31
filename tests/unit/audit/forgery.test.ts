import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../core/core.js';
import { canonicalAuditRow, chainHash, GENESIS_HASH, type AuditRow } from '../../../core/audit/chain.js';
import { makeAgency, PASSPHRASE, type Agency } from '../bundle/helpers.js';

/**
 * The forgeries of issue 12, done to the real SQLite file with the sqlite3 shell (as someone holding
 * the laptop would), each followed by the check that must catch it.
 */

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(() => {
  cores.splice(0).forEach((c) => c.close());
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

const tmp = (name: string) => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
  dirs.push(d);
  return d;
};

function open(dbPath: string): Core {
  const core = new Core({ dbPath, actor: { user: 'tester', agency: 'Agency A' } });
  cores.push(core);
  return core;
}

function close(core: Core) {
  core.close();
  cores.splice(cores.indexOf(core), 1);
}

/** The sqlite3 shell on the file; returns its status and stderr (triggers speak there). */
function shell(dbPath: string, sql: string) {
  const r = spawnSync('sqlite3', [dbPath], { input: sql, encoding: 'utf8' });
  return { status: r.status, stderr: r.stderr };
}

const RESTORE_AUDIT_TRIGGERS = `
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be updated'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be deleted'); END;`;

async function seeded() {
  const dir = tmp('forgery');
  const dbPath = path.join(dir, 'proceeds.sqlite');
  const core = open(dbPath);
  const demo = await core.call('demo.load', { seed: 7 });
  const agency: Agency = await makeAgency(tmp('keys'), 'Agency A');
  const key = await core.call('keys.import', { keyFile: fs.readFileSync(agency.keyFile, 'utf8'), passphrase: PASSPHRASE });
  const account = core.writer.sqlite.prepare('SELECT id FROM accounts WHERE case_id = ? ORDER BY id LIMIT 1').pluck().get(demo.caseId) as string;
  const manual = await core.call('transactions.create', {
    caseId: demo.caseId, fromAccountId: account, amount: '1250.00', currency: 'USD', occurredAt: '2026-01-05', reference: 'hand-entered',
  } as never);
  const cp = await core.call('audit.checkpoint', { keyId: key.id, passphrase: PASSPHRASE });
  // The copy the user keeps elsewhere (a USB stick, an e-mail to the supervisor).
  const outside = path.join(tmp('usb'), 'proceeds.checkpoint');
  fs.copyFileSync(cp.file!, outside);
  return { dir, dbPath, core, demo, key, manual: manual as { id: string }, cp, outside };
}

/** Re-hashes the chain from the first row on, as a careful forger would after editing rows. */
function rehash(dbPath: string) {
  const raw = new Database(dbPath);
  raw.exec('DROP TRIGGER audit_log_no_update;');
  let prev = GENESIS_HASH;
  const rows = raw.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[];
  const upd = raw.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  for (const r of rows) {
    const h = chainHash(prev, canonicalAuditRow(r));
    upd.run(prev, h, r.seq);
    prev = h;
  }
  raw.exec("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only: rows cannot be updated'); END;");
  raw.close();
}

const checkpointArg = (file: string) => [{ source: file, text: fs.readFileSync(file, 'utf8') }];

describe('forgeries of the audit log, caught with a checkpoint kept outside the file', () => {
  it('deleting the last 5 audit rows (trigger dropped and recreated, tree and checkpoints wiped)', async () => {
    const s = await seeded();
    close(s.core);
    const r = shell(s.dbPath, `DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 5 FROM audit_log);
      DELETE FROM audit_tree; DELETE FROM audit_checkpoints; DROP TRIGGER audit_log_no_update; ${RESTORE_AUDIT_TRIGGERS}`);
    expect(r.stderr).toBe('');
    fs.rmSync(`${s.dbPath}.checkpoint`);
    const core = open(s.dbPath);
    // Inside the file, nothing is left to contradict the shortened log...
    const inside = await core.call('audit.verify', {});
    expect(inside, JSON.stringify(inside)).toMatchObject({ ok: true });
    // ...but the checkpoint kept outside was signed at a size the log no longer reaches.
    const report = await core.call('audit.verify', { checkpoints: checkpointArg(s.outside) });
    expect(report.ok).toBe(false);
    expect(report.checkpoints[0].message).toBe(`signed when the log had ${s.cp.size} entries; it has ${s.cp.size - 5}: entries ${s.cp.size - 4} to ${s.cp.size} were deleted`);
    const cons = await core.call('audit.consistency', { checkpoint: fs.readFileSync(s.outside, 'utf8') });
    expect(cons.ok).toBe(false);
  });

  it('rewriting a custody event and re-hashing every later audit row', async () => {
    const s = await seeded();
    close(s.core);
    const raw = new Database(s.dbPath);
    const ev = raw.prepare("SELECT * FROM audit_log WHERE entity = 'custody_event' ORDER BY seq LIMIT 1").get() as AuditRow;
    raw.close();
    const after = JSON.parse(ev.after) as Record<string, unknown>;
    const forged = JSON.stringify({ ...after, location: 'a locker nobody checks' });
    const r = shell(s.dbPath, `DROP TRIGGER custody_events_no_update; UPDATE custody_events SET location = 'a locker nobody checks' WHERE id = '${ev.entity_id}';
      DROP TRIGGER audit_log_no_update; UPDATE audit_log SET after = '${forged.replace(/'/g, "''")}' WHERE seq = ${ev.seq};
      ${RESTORE_AUDIT_TRIGGERS.split('\n')[1]} DELETE FROM audit_tree;`);
    expect(r.stderr).toBe('');
    rehash(s.dbPath);
    const core = open(s.dbPath);
    const inside = await core.call('audit.verify', {});
    // The chain and the tree were rebuilt; only the checkpoints signed before the forgery object.
    expect(inside.firstBroken).toBeUndefined();
    expect(inside.tree.ok).toBe(true);
    expect(inside.ok).toBe(false);
    shell(s.dbPath, 'DELETE FROM audit_checkpoints;');
    fs.rmSync(`${s.dbPath}.checkpoint`);
    expect((await core.call('audit.verify', {})).ok).toBe(true);
    expect((await core.call('audit.verifyDeep', {})).ok).toBe(true);
    const report = await core.call('audit.verify', { checkpoints: checkpointArg(s.outside) });
    expect(report.ok).toBe(false);
    expect(report.checkpoints[0].message).toMatch(new RegExp(`^the first ${s.cp.size} entries no longer hash to the root signed on .*: the log before entry ${s.cp.size + 1} was rewritten$`));
    // The CLI says the same and exits 1.
    close(core);
    const cli = spawnSync(process.execPath, ['cli/proceeds.mjs', '--db', s.dbPath, 'audit', 'consistency', s.outside], { encoding: 'utf8' });
    expect(cli.status).toBe(1);
    expect(cli.stdout).toMatch(/does NOT extend the checkpoint/);
  });
});

describe('records changed behind the app, caught by `audit verify --deep`', () => {
  it('multiplying an amount by 10 in transactions without touching the log', async () => {
    const s = await seeded();
    close(s.core);
    const upd = `UPDATE transactions SET amount_minor = amount_minor * 10 WHERE id = '${s.manual.id}';`;
    // The guard refuses it outright...
    const refused = shell(s.dbPath, upd);
    expect(refused.stderr).toMatch(/proceeds_audited_write/);
    // ...so the forger drops the guard first.
    const r = shell(s.dbPath, `DROP TRIGGER transactions_guard_update; ${upd}
      UPDATE transactions SET amount_minor = amount_minor * 10 WHERE id = (SELECT id FROM transactions WHERE import_id IS NULL AND reference <> 'hand-entered' ORDER BY id LIMIT 1);`);
    expect(r.stderr).toBe('');
    const core = open(s.dbPath);
    expect((await core.call('audit.verify', {})).ok).toBe(true);
    const deep = await core.call('audit.verifyDeep', {});
    expect(deep.ok).toBe(false);
    expect(deep.findings).toContainEqual(expect.objectContaining({ kind: 'changed', table: 'transactions', id: s.manual.id, column: 'amount_minor', expected: '125000', found: '1250000' }));
    // The demo's bulk rows are checked through the digest in their audit entry.
    expect(deep.findings).toContainEqual(expect.objectContaining({ kind: 'digest', table: 'transactions', id: `case_id=${s.demo.caseId},import_id=null`, column: 'rows' }));
  });

  it('deleting a custody event, and inserting a transaction no entry records', async () => {
    const s = await seeded();
    close(s.core);
    const raw = new Database(s.dbPath, { readonly: true });
    const ev = raw.prepare('SELECT id FROM custody_events ORDER BY id LIMIT 1').pluck().get() as string;
    raw.close();
    expect(shell(s.dbPath, `DELETE FROM custody_events WHERE id = '${ev}';`).stderr).toMatch(/proceeds_audited_write/);
    const r = shell(s.dbPath, `DROP TRIGGER custody_events_guard_delete; DELETE FROM custody_events WHERE id = '${ev}';
      INSERT INTO transactions (id, case_id, amount_minor, currency, occurred_at, time_key, seq) VALUES ('0190aaaa-0000-7000-8000-000000000001', '${s.demo.caseId}', '999', 'USD', '2026-01-01', '2026-01-01T24', 999999);`);
    expect(r.stderr).toBe('');
    const core = open(s.dbPath);
    const deep = await core.call('audit.verifyDeep', {});
    expect(deep.ok).toBe(false);
    expect(deep.findings).toContainEqual(expect.objectContaining({ kind: 'deleted', table: 'custody_events', id: ev, found: null }));
    // Inside the demo's digested scope: the digest's row count moves by one.
    expect(deep.findings).toContainEqual(expect.objectContaining({ kind: 'digest', table: 'transactions', column: 'rows' }));
  });

  it('an honest database has no findings; an audited change is not a finding', async () => {
    const s = await seeded();
    await s.core.call('cases.update', { id: s.demo.caseId, title: 'renamed' });
    const deep = await s.core.call('audit.verifyDeep', {});
    expect(deep.findings).toEqual([]);
    expect(deep.ok).toBe(true);
    expect(deep.digests).toBeGreaterThan(0);
  });
});
