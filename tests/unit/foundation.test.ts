import { afterEach, describe, expect, it } from 'vitest';
import { tempCore, callError } from '../helpers/core.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

describe('cases, subjects, accounts, transactions through the contract', () => {
  it('creates a case with its lead agency and audits each change', async () => {
    env = tempCore();
    const { core } = env;
    const agency = await core.call('agencies.create', { name: 'FBI Miami', code: 'FL0130000' });
    const c = await core.call('cases.create', { number: 'TF-2026-001', title: 'Operation Tidewater', leadAgencyId: agency.id });
    const full = await core.call('cases.get', { id: c.id });
    expect(full.participants.map((p) => p.code)).toEqual(['FL0130000']);
    const subject = await core.call('subjects.create', { caseId: c.id, kind: 'person', name: 'Jane Roe' });
    const a1 = await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'DE89 3704 0044 0532 0130 00', currency: 'EUR', holderSubjectId: subject.id });
    const a2 = await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'GB29NWBK60161331926819', currency: 'EUR' });
    expect(a1.holderName).toBe('Jane Roe');
    const tx = await core.call('transactions.create', { caseId: c.id, fromAccountId: a1.id, toAccountId: a2.id, amount: '1234.56', currency: 'eur', occurredAt: '2024-03-07' });
    expect(tx.amountMinor).toBe('123456');
    const list = await core.call('transactions.list', { caseId: c.id });
    expect(list.total).toBe(1);
    expect(list.rows[0].fromLabel).toBe('Jane Roe');
    const audit = await core.call('audit.list', { caseId: c.id });
    expect(audit.rows.map((r) => r.entity).sort()).toEqual(['account', 'account', 'case', 'participant', 'subject', 'transaction']);
    expect((await core.call('audit.verify', {})).ok).toBe(true);
  });

  it('refuses bad input naming the field, and leaves the database unchanged', async () => {
    env = tempCore();
    const { core } = env;
    const c = await core.call('cases.create', { number: 'TF-1', title: 'One' });
    const a = await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'A-1', currency: 'USD' });
    const countAudit = () => (env.core.writer.sqlite.prepare('SELECT count(*) n FROM audit_log').get() as { n: number }).n;
    const before = countAudit();
    const base = { caseId: c.id, toAccountId: a.id, currency: 'USD', occurredAt: '2024-03-07' };
    expect((await callError(core, 'transactions.create', { ...base, amount: '12,3x' })).issues[0].path).toBe('amount');
    expect((await callError(core, 'transactions.create', { ...base, amount: '1.234' })).issues[0].message).toMatch(/2 decimal places/);
    expect((await callError(core, 'transactions.create', { ...base, amount: '10', occurredAt: '2024-02-30' })).issues[0].path).toBe('occurredAt');
    expect((await callError(core, 'transactions.create', { ...base, amount: '10', currency: 'XYZ' })).issues[0].path).toBe('currency');
    const dup = await callError(core, 'cases.create', { number: 'TF-1', title: 'Again' });
    expect(dup.code).toBe('Conflict');
    expect(dup.issues[0].path).toBe('number');
    expect(countAudit()).toBe(before);
    expect((await core.call('transactions.list', { caseId: c.id })).total).toBe(0);
  });

  it('deletes only draft cases', async () => {
    env = tempCore();
    const { core } = env;
    const open = await core.call('cases.create', { number: 'TF-2', title: 'Open', status: 'open' });
    expect((await callError(core, 'cases.delete', { id: open.id })).code).toBe('Conflict');
    const draft = await core.call('cases.create', { number: 'TF-3', title: 'Draft' });
    await core.call('cases.delete', { id: draft.id });
    expect((await core.call('cases.list', {})).map((c) => c.number)).toEqual(['TF-2']);
  });
});
