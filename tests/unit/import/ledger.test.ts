import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { count, importFile, newCase, writeFile } from './helpers.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

describe('ledger CSV: the investigator\'s own spreadsheet of transfers', () => {
  it('finds accounts by normalised identifier, creates the others, keeps extra columns', async () => {
    env = tempCore('ledger');
    const { core } = env;
    const c = await newCase(core);
    const jane = await core.call('subjects.create', { caseId: c.id, kind: 'person', name: 'Jane Roe' });
    const known = await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'DE89 3704 0044 0532 0130 00', currency: 'EUR', holderSubjectId: jane.id });
    const file = writeFile(env.dir, 'ledger.csv', [
      'date,from_account,to_account,amount,currency,reference,memo,method,source',
      '2024-03-07,DE89370400440532013000,GB29-NWBK-6016-1331-9268-19,"1,234.56",EUR,INV-1,"first, with comma",wire,bank subpoena 12',
      '2024-03-08T14:30,gb29 nwbk 6016 1331 9268 19,CASH-ON-HAND,500.00,EUR,,,cash,',
      '2024-03-09,DE89370400440532013000,BTC-WALLET-1,0.5,BTC,tx9,,crypto,',
      '2024-03-10,DE89370400440532013000,GB29NWBK60161331926819,-5.00,EUR,neg,,wire,', // line 5: negative
      '2024-03-11,DE89370400440532013000,DE89370400440532013000,5.00,EUR,self,,wire,', // line 6: same account
      '2024-03-12,A,B,5.00,XYZ,,,wire,', // line 7: unknown currency
      '2024-03-13,A,B,5.00,EUR,,,teleport,', // line 8: unknown method kept in memo
    ].join('\n'));
    const r = await importFile(core, c.id, file);
    expect(r.format).toBe('ledger');
    expect(r.imported).toBe(4);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [5, 'amount -5.00 must be greater than zero (direction is from -> to)'],
      [6, 'from_account and to_account are the same account'],
      [7, 'unknown currency "XYZ"'],
    ]);
    const rows = core.writer.sqlite
      .prepare(`SELECT fa.identifier AS f, ta.identifier AS t, amount_minor AS a, t.currency AS c, occurred_at AS at, method, memo, reference
        FROM transactions t LEFT JOIN accounts fa ON fa.id = t.from_account_id LEFT JOIN accounts ta ON ta.id = t.to_account_id WHERE import_id = ? ORDER BY seq`)
      .all(r.importId);
    expect(rows).toEqual([
      { f: 'DE89 3704 0044 0532 0130 00', t: 'GB29-NWBK-6016-1331-9268-19', a: '123456', c: 'EUR', at: '2024-03-07', method: 'wire', memo: 'first, with comma | source: bank subpoena 12', reference: 'INV-1' },
      { f: 'GB29-NWBK-6016-1331-9268-19', t: 'CASH-ON-HAND', a: '50000', c: 'EUR', at: '2024-03-08T14:30:00', method: 'cash', memo: '', reference: '' },
      { f: 'DE89 3704 0044 0532 0130 00', t: 'BTC-WALLET-1', a: '50000000', c: 'BTC', at: '2024-03-09', method: 'crypto', memo: '', reference: 'tx9' },
      { f: 'A', t: 'B', a: '500', c: 'EUR', at: '2024-03-13', method: 'other', memo: 'method: teleport', reference: '' },
    ]);
    // The existing account was matched, not duplicated: 1 existing + GB29, CASH, BTC, A, B.
    expect(count(core, 'SELECT count(*) AS n FROM accounts WHERE case_id = ?', c.id)).toBe(6);
    expect(r.accountsCreated).toBe(5);
    expect(known.id).toBeTruthy();
  });

  it('a ledger header without the required columns is refused, naming them', async () => {
    env = tempCore('ledger-bad');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'l.csv', 'date,from_account,to_account,amount,currency\n');
    const f2 = writeFile(env.dir, 'l2.csv', 'date,from_account,amount,currency,reference\n2024-01-01,A,1.00,USD,x\n');
    expect((await importFile(env.core, c.id, file)).imported).toBe(0);
    await expect(importFile(env.core, c.id, f2, { format: 'ledger' })).rejects.toMatchObject({ code: 'Invalid', message: expect.stringContaining('lacks to_account') });
  });
});

describe('statement counterparties', () => {
  it('match an existing account by normalised IBAN, link new ones to a subject of the same name', async () => {
    env = tempCore('counterparty');
    const { core } = env;
    const c = await newCase(core);
    const acme = await core.call('subjects.create', { caseId: c.id, kind: 'organisation', name: 'ACME Trading Ltd', aliases: ['Acme'] });
    const known = await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'NL91 ABNA 0417 1643 00', currency: 'EUR' });
    const file = writeFile(env.dir, 's.csv', 'date,amount,currency,counterparty,iban,description\n' +
      '2024-05-01,-100.00,EUR,Someone,nl91abna0417164300,to known\n2024-05-02,250.00,EUR,Acme,DE02120300000000202051,from acme\n2024-05-03,-9.99,EUR,Shop,,card\n');
    const r = await importFile(core, c.id, file, { account: { identifier: 'DE75512108001245126199', holderName: 'Jane Roe' } });
    const rows = core.writer.sqlite
      .prepare('SELECT from_account_id AS f, to_account_id AS t, counterparty_name AS n FROM transactions WHERE import_id = ? ORDER BY seq')
      .all(r.importId) as { f: string | null; t: string | null; n: string }[];
    const own = rows[0].f!;
    expect(rows[0].t).toBe(known.id);
    const created = core.writer.sqlite.prepare('SELECT external, holder_subject_id AS s, holder_name AS h FROM accounts WHERE id = ?').get(rows[1].f!);
    expect(created).toEqual({ external: 1, s: acme.id, h: 'Acme' });
    expect(rows[1].t).toBe(own);
    // No account number: the counterparty is named on the row, with no account behind it.
    expect(rows[2]).toEqual({ f: own, t: null, n: 'Shop' });
  });
});
