import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { exportCase, makeAgency, smallCase, tableCounts, trustedError } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function setup() {
  const a = tempCore('merge-a');
  const b = tempCore('merge-b');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'merge-'));
  cleanups.push(a.cleanup, b.cleanup, () => fs.rmSync(dir, { recursive: true, force: true }));
  const agency = await makeAgency(dir, 'Agency A');
  await b.core.call('keyring.add', { publicKey: fs.readFileSync(agency.pubFile, 'utf8'), agencyName: 'Agency A', confirmFingerprint: agency.trusted.fingerprint });
  return { a, b, dir, agency };
}

const importInto = (env: ReturnType<typeof tempCore>, file: string) => env.core.call('bundles.import', { file: { path: file } }, { trusted: true });

describe('merging a bundle by UUID', () => {
  it('reports conflicting records and keeps the local version; adds what is new; chains the bundles', async () => {
    const { a, b, dir, agency } = await setup();
    const c = await smallCase(a);
    const first = path.join(dir, 'first.zip');
    const e1 = await exportCase(a, c.caseId, agency, first);
    await importInto(b, first);

    // Both sides change the same subject; A also records a new transaction.
    await b.core.call('subjects.update', { id: c.subjectId, name: 'Jane Roe (as B knows her)' });
    await a.core.call('subjects.update', { id: c.subjectId, name: 'Jane ROE', notes: 'alias found' });
    const tx = await a.core.call('transactions.create', { caseId: c.caseId, fromAccountId: c.accountIds[0], toAccountId: c.accountIds[1], amount: '777.77', currency: 'EUR', occurredAt: '2024-04-01' });
    const second = path.join(dir, 'second.zip');
    const e2 = await exportCase(a, c.caseId, agency, second);
    const r = await importInto(b, second);
    expect(r.report.bundle?.previousBundleId).toBe(e1.bundleId);
    expect(r.outcome.conflictCount).toBe(1);
    expect(r.outcome.conflicts[0]).toMatchObject({ table: 'subjects', id: c.subjectId });
    expect(r.outcome.conflicts[0].fields.map((f) => f.field).sort()).toEqual(['name', 'notes']);
    expect(r.outcome.inserted.transactions).toBe(1);
    expect(r.outcome.unchanged.transactions).toBe(3);
    const subject = (await b.core.call('subjects.list', { caseId: c.caseId }))[0];
    expect(subject.name).toBe('Jane Roe (as B knows her)');
    const prov = await b.core.call('bundles.provenance', { recordId: tx.id });
    expect(prov).toMatchObject({ bundleId: e2.bundleId, agency: 'Agency A', tableName: 'transactions' });
    expect((await b.core.call('bundles.list', {})).map((x) => x.id)).toEqual([e2.bundleId, e1.bundleId]);
  });

  it('matches an agency entered on both sides by its code, and points the case at the local one', async () => {
    const { a, b, dir, agency } = await setup();
    const c = await smallCase(a);
    const senderAgency = (await a.core.call('agencies.list', {}))[0];
    const mine = await b.core.call('agencies.create', { name: 'FBI Miami Field Office', code: senderAgency.code });
    const f = path.join(dir, 'case.zip');
    await exportCase(a, c.caseId, agency, f);
    const r = await importInto(b, f);
    expect(r.outcome.matched).toEqual([{ table: 'agencies', incomingId: senderAgency.id, localId: mine.id, by: ['code'] }]);
    expect((await b.core.call('cases.get', { id: c.caseId })).leadAgencyId).toBe(mine.id);
    expect((await b.core.call('agencies.list', {})).map((x) => x.name)).toEqual(['FBI Miami Field Office']);
  });

  it('refuses a bundle whose case number is another case here, and leaves the database as it was', async () => {
    const { a, b, dir, agency } = await setup();
    const c = await smallCase(a, 'TF-CLASH');
    await b.core.call('cases.create', { number: 'TF-CLASH', title: 'a different case that happens to share the number' });
    const f = path.join(dir, 'case.zip');
    await exportCase(a, c.caseId, agency, f);
    const tables = ['cases', 'subjects', 'accounts', 'transactions', 'provenance', 'bundles', 'audit_log', 'bundle_audit'];
    const before = tableCounts(b, tables);
    const err = await trustedError(b, 'bundles.import', { file: { path: f } });
    expect(err.code).toBe('Conflict');
    expect(err.message).toMatch(/TF-CLASH exists here already as a different case/);
    expect(tableCounts(b, tables)).toEqual(before);
  });

  it('exports a selection closed under its references, which imports cleanly elsewhere', async () => {
    const { a, b, dir, agency } = await setup();
    const c = await smallCase(a);
    const third = await a.core.call('accounts.create', { caseId: c.caseId, kind: 'bank', identifier: 'FR7630006000011234567890189', currency: 'EUR' });
    await a.core.call('transactions.create', { caseId: c.caseId, fromAccountId: c.accountIds[1], toAccountId: third.id, amount: '10.00', currency: 'EUR', occurredAt: '2024-05-01' });
    const f = path.join(dir, 'part.zip');
    const e = await exportCase(a, c.caseId, agency, f, { scope: { accountIds: [third.id], from: '2024-04-01' } });
    // The one transaction touching the chosen account, its counterparty account, and nothing else.
    expect(e.recordCounts).toMatchObject({ transactions: 1, accounts: 2, subjects: 0, traces: 0, exhibits: 1 });
    const r = await importInto(b, f);
    expect(r.outcome.inserted).toMatchObject({ transactions: 1, accounts: 2 });
    expect((await b.core.call('transactions.list', { caseId: c.caseId })).total).toBe(1);
    expect(r.report.bundle?.scope).toMatchObject({ accountIds: [third.id], from: '2024-04-01' });
  });

  it('refuses bad export input naming the field', async () => {
    const { a, dir, agency } = await setup();
    const c = await smallCase(a);
    const out = path.join(dir, 'x.zip');
    const noRecipient = await trustedError(a, 'bundles.export', { caseId: c.caseId, recipients: [], keyFile: agency.keyFile, passphrase: 'x', out });
    expect(noRecipient.issues[0].path).toBe('recipients');
    const badRange = await trustedError(a, 'bundles.export', { caseId: c.caseId, recipients: ['B'], keyFile: agency.keyFile, passphrase: 'x', out, scope: { from: '2024-05-01', to: '2024-01-01' } });
    expect(badRange.issues[0].path).toBe('scope.to');
    const wrongPass = await trustedError(a, 'bundles.export', { caseId: c.caseId, recipients: ['B'], keyFile: agency.keyFile, passphrase: 'not the passphrase', out });
    expect(wrongPass.issues[0].path).toBe('passphrase');
    expect(fs.existsSync(out) || fs.existsSync(`${out}.partial`)).toBe(false);
    const untrusted = await a.core.call('bundles.export', { caseId: c.caseId, recipients: ['B'], keyFile: agency.keyFile, passphrase: 'x', out }).catch((e) => e);
    expect(untrusted.code).toBe('Forbidden');
  });
});

