import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../core/core.js';
import { proceeds } from '../../helpers/cli.js';

let dir: string;
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Barlow Clowes on a real database file: investors A and B pay into the fund, 600 is paid out. */
async function barlowClowes(db: string) {
  const core = new Core({ dbPath: db, actor: { user: 'cli-test', agency: 'Test' } });
  const c = await core.call('cases.create', { number: 'TF-BC', title: 'Barlow Clowes', status: 'open' });
  const acc = (identifier: string, external = false) => core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier, currency: 'GBP', external });
  const [a, b, fund, payee] = [await acc('INVESTOR-A', true), await acc('INVESTOR-B', true), await acc('FUND-1'), await acc('PAYEE-1', true)];
  const tx = (from: string, to: string, amount: string, occurredAt: string, reference: string) =>
    core.call('transactions.create', { caseId: c.id, fromAccountId: from, toAccountId: to, amount, currency: 'GBP', occurredAt, reference });
  await tx(a.id, fund.id, '1000', '1987-01-01', 'A-IN');
  const bIn = await tx(b.id, fund.id, '2000', '1987-02-01', 'B-IN');
  await tx(fund.id, payee.id, '600', '1987-03-01', 'OUT');
  await core.call('settings.setProfile', { user: 'tester', agency: 'Test' });
  core.close();
  return { bIn };
}

describe('proceeds trace', () => {
  it('prints the documented JSON: accounts (external too) and transactions, amounts in minor units', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trace-cli-'));
    const db = path.join(dir, 'p.sqlite');
    const { bIn } = await barlowClowes(db);
    const r = proceeds(['--db', db, 'trace', '--case', 'TF-BC', '--tainted', `A-IN,${bIn.id}`, '--method', 'fifo', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const out = r.json();
    expect(out.method).toBe('fifo');
    const fund = out.accounts.find((a: { account: string }) => a.account === 'FUND-1');
    expect(fund).toEqual({ account: 'FUND-1', currency: 'GBP', external: false, balance_minor: '240000', tainted_minor: '240000' });
    expect(out.accounts.find((a: { account: string }) => a.account === 'PAYEE-1')).toMatchObject({ external: true, tainted_minor: '60000' });
    expect(out.transactions.map((t: { reference: string; tainted_minor: string }) => [t.reference, t.tainted_minor])).toEqual([
      ['A-IN', '100000'],
      ['B-IN', '200000'],
      ['OUT', '60000'],
    ]);
  });

  it('saves with --save, prints a readable summary, and refuses an unknown reference naming it', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trace-cli-'));
    const db = path.join(dir, 'p.sqlite');
    await barlowClowes(db);
    const human = proceeds(['--db', db, 'trace', '--case', 'TF-BC', '--tainted', 'A-IN,B-IN', '--method', 'pro-rata', '--save', 'BC rateable']);
    expect(human.status).toBe(0);
    expect(human.stdout).toMatch(/FUND-1\s+tainted\s+2400\.00 GBP/);
    expect(human.stdout).toMatch(/GBP: marked 3000\.00 GBP = held 2400\.00 GBP \+ external 600\.00 GBP/);
    const audit = proceeds(['--db', db, '--json', 'audit', 'verify']).json();
    expect(audit.ok).toBe(true);

    const bad = proceeds(['--db', db, '--json', 'trace', '--case', 'TF-BC', '--tainted', 'A-IN,NOPE', '--method', 'fifo']);
    expect(bad.status).toBe(1);
    expect(JSON.parse(bad.stderr).error.issues[0]).toEqual({ path: 'refs.1', message: 'no transaction with reference or id "NOPE" in this case' });
    const method = proceeds(['--db', db, '--json', 'trace', '--case', 'TF-BC', '--tainted', 'A-IN', '--method', 'fofi']);
    expect(JSON.parse(method.stderr).error.issues[0].path).toBe('method');
  });
});
