import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../core/core.js';
import { proceeds } from '../../helpers/cli.js';

/**
 * Issue 12, bad input: a database that fails deep verification opens read-only with the findings
 * listed. The file is edited with the sqlite3 shell, as someone holding the laptop would.
 */

const dirs: string[] = [];
const cores: Core[] = [];
afterEach(() => {
  cores.splice(0).forEach((c) => c.close());
  dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
});

function open(dbPath: string) {
  const core = new Core({ dbPath, actor: { user: 'tester', agency: 'Agency A' } });
  cores.push(core);
  return core;
}

/** A database with a hand-entered transaction of 1,250.00 USD, closed. */
async function seeded() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's20-records-ro-'));
  dirs.push(dir);
  const dbPath = path.join(dir, 'proceeds.sqlite');
  const core = open(dbPath);
  const c = await core.call('cases.create', { number: 'TF-RO-1', title: 'read-only case', status: 'open' });
  const account = await core.call('accounts.create', { caseId: c.id, kind: 'bank', institution: 'First Bank', identifier: '0042', currency: 'USD' } as never);
  const tx = (await core.call('transactions.create', {
    caseId: c.id, fromAccountId: (account as { id: string }).id, amount: '1250.00', currency: 'USD', occurredAt: '2026-01-05', reference: 'hand-entered',
  } as never)) as { id: string };
  core.close();
  cores.splice(cores.indexOf(core), 1);
  return { dir, dbPath, caseId: c.id, txId: tx.id };
}

function shell(dbPath: string, sql: string) {
  const r = spawnSync('sqlite3', [dbPath], { input: sql, encoding: 'utf8' });
  expect(r.stderr).toBe('');
}

const tamper = (dbPath: string, txId: string) =>
  shell(dbPath, `DROP TRIGGER transactions_guard_update; UPDATE transactions SET amount_minor = amount_minor * 10 WHERE id = '${txId}';`);

describe('a database that fails deep verification opens read-only, with the findings listed', () => {
  it('the core: findings named, every mutation refused, the connection itself refuses writes, reads still served', async () => {
    const s = await seeded();
    tamper(s.dbPath, s.txId);
    const core = open(s.dbPath);
    const check = core.verifyOnOpen();
    expect(check.ok).toBe(false);
    expect(check.findings).toContainEqual(expect.stringMatching(new RegExp(`^changed: transactions ${s.txId} amount_minor: expected 125000, found 1250000 \\(audit entry \\d+\\)$`)));
    expect(core.readonlyReason).toMatch(/^this database failed deep verification on .* and is open read-only \(1 finding: changed: transactions /);

    const err = await core.call('cases.create', { number: 'TF-RO-2', title: 'more' }).catch((e: { code: string; message: string }) => e);
    expect(err).toMatchObject({ code: 'Forbidden' });
    expect((err as unknown as Error).message).toMatch(/^cases\.create: nothing was changed: this database failed deep verification/);
    // Not even a raw statement on the app's writer connection gets through.
    expect(() => core.writer.sqlite.prepare("INSERT INTO settings (key, value) VALUES ('x', 'y')").run()).toThrow(/readonly/);
    // Reads work: the user can look, export nothing, and see what was found.
    expect((await core.call('cases.list', {})).map((c) => c.number)).toEqual(['TF-RO-1']);
    const status = await core.call('audit.openCheck', {});
    expect(status).toMatchObject({ checked: true, readOnly: true, total: 1 });
    expect(status.findings[0]).toContain(`transactions ${s.txId} amount_minor`);
    expect(await core.checkpointOnClose()).toMatchObject({ written: false });
    // Nothing was written: the audit log is as the tamperer left it.
    expect(core.reader.sqlite.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(3);
  });

  it('an honest database opens writable after the same check', async () => {
    const s = await seeded();
    const core = open(s.dbPath);
    expect(core.verifyOnOpen()).toMatchObject({ ok: true, findings: [], total: 0 });
    expect(core.readonlyReason).toBeUndefined();
    await core.call('cases.create', { number: 'TF-RO-2', title: 'more' });
    expect(await core.call('audit.openCheck', {})).toMatchObject({ checked: true, readOnly: false });
  });

  it('the CLI says so on stderr, lists the findings, refuses changes and still answers reads', async () => {
    const s = await seeded();
    tamper(s.dbPath, s.txId);
    const write = proceeds(['--db', s.dbPath, 'case', 'create', '--number', 'TF-RO-2', '--title', 'more']);
    expect(write.status).not.toBe(0);
    expect(write.stderr).toMatch(/^warning: this database failed deep verification and is open READ-ONLY \(1 finding\):\n {2}changed: transactions \S+ amount_minor: expected 125000, found 1250000/m);
    expect(write.stderr).toMatch(/error \(Forbidden\): cases\.create: nothing was changed: this database failed deep verification/);
    const read = proceeds(['--db', s.dbPath, 'case', 'list']);
    expect(read.status).toBe(0);
    expect(read.stdout).toContain('TF-RO-1');
    expect(read.stderr).toContain('open READ-ONLY');
    const honest = await seeded();
    const ok = proceeds(['--db', honest.dbPath, 'case', 'list']);
    expect(ok.stderr).not.toContain('READ-ONLY');
  });
});
