import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { importFile, newCase, writeFile } from './helpers.js';

/**
 * Issue 10's variants, each on a file of that shape. Expected counts, sums and signs are worked out
 * by hand from the rows written here (the comments say how).
 */
let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

const txs = (importId: string) =>
  env.core.writer.sqlite
    .prepare(
      `SELECT occurred_at AS at, amount_minor AS amount, memo, balance_after_minor AS balance,
        CASE WHEN from_account_id = (SELECT account_id FROM imports WHERE id = ?) THEN 'out' ELSE 'in' END AS dir
       FROM transactions WHERE import_id = ? ORDER BY seq`,
    )
    .all(importId, importId) as { at: string; amount: string; memo: string; balance: string | null; dir: 'in' | 'out' }[];

describe('bank CSV variants', () => {
  it('a 12-hour clock, a "desc" header, a balance column with thousands separators the amounts lack, and a 0.00 line skipped with its reason', async () => {
    env = tempCore('csv-variants');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'us-export.csv', [
      'Date,Time,Amount,desc,Balance',
      '03/14/2024,06:50 PM,-25.00,COFFEE SHOP,"1,975.00"', // opening was 2,000.00
      '03/15/2024,09:05 AM,1500.00,PAYROLL,"3,475.00"',
      '03/15/2024,12:15 PM,0.00,CARD CHECK,"3,475.00"', // line 4: nothing moved
      '03/16/2024,12:01 AM,-475.00,RENT,"3,000.00"',
    ].join('\n') + '\n');
    const r = await importFile(env.core, c.id, file, { account: { identifier: 'US-CHK-1' }, currency: 'USD', strict: true });
    expect(r.imported).toBe(3);
    expect(r.skipped).toBe(1);
    const skipped = await env.core.call('imports.rejects', { importId: r.importId, kind: 'skipped' });
    expect(skipped.rows.map((x) => [x.line, x.reason])).toEqual([[4, 'amount is 0.00: nothing moved']]);
    expect(txs(r.importId)).toEqual([
      { at: '2024-03-14T18:50:00', amount: '2500', memo: 'COFFEE SHOP', balance: '197500', dir: 'out' },
      { at: '2024-03-15T09:05:00', amount: '150000', memo: 'PAYROLL', balance: '347500', dir: 'in' },
      { at: '2024-03-16T00:01:00', amount: '47500', memo: 'RENT', balance: '300000', dir: 'out' },
    ]);
    // The running balance decided the sign, so --strict took the file; and the statement reconciles:
    // 2,000.00 - 25.00 + 1,500.00 - 475.00 = 3,000.00.
    expect(r.sign).toMatchObject({ convention: 'credit-positive', guessed: false });
    expect(r.statements[0].reconciliation).toMatchObject({ ok: true, opening: { minor: '200000' }, closing: { minor: '300000' }, moved: '100000' });
  });

  it('a date column named "Value date" alone is offered as the date', async () => {
    env = tempCore('csv-valuedate');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'valuedate.csv', ['Value date;Amount;Currency;Description', '2024-05-02;-10,50;EUR;Fee', '2024-05-03;20,00;EUR;Refund'].join('\n'));
    const p = (await env.core.call('imports.preview', { file: { path: file } }, { trusted: true })) as any;
    expect(p.csv.suggestion.mapping.columns).toMatchObject({ date: 0, amount: 1, currency: 2, description: [3] });
    expect(p.csv.suggestion.mapping.columns.valueDate).toBeUndefined();
    const r = await importFile(env.core, c.id, file, { account: { identifier: 'BE68539007547034' } });
    expect(txs(r.importId).map((t) => [t.at, t.amount, t.dir])).toEqual([['2024-05-02', '1050', 'out'], ['2024-05-03', '2000', 'in']]);
  });

  it('compact timestamps "20091224120000[0:GMT]" in a CSV date column keep their offset', async () => {
    env = tempCore('csv-compact');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'compact.csv', ['posted,amount,memo', '20091224120000[0:GMT],-5.00,gift', '20091225093000[-5:EST],7.00,refund'].join('\n'));
    const r = await importFile(env.core, c.id, file, { account: { identifier: 'ACC-C' }, currency: 'USD', dateFormat: 'YYYYMMDD', map: { date: ['posted'], amount: ['amount'], description: ['memo'] } });
    expect(txs(r.importId).map((t) => [t.at, t.amount, t.dir])).toEqual([['2009-12-24T12:00:00+00:00', '500', 'out'], ['2009-12-25T09:30:00-05:00', '700', 'in']]);
  });
});

describe('sign honesty', () => {
  const card = ['Card Transactions Date,Description,Amount', '2024-06-01,GROCER,54.20', '2024-06-02,FUEL,40.00', '2024-06-03,BOOKS,12.50'].join('\n');

  it('a card export with purchases positive is read as money out, reported as a guess with its evidence; --strict refuses the guess', async () => {
    env = tempCore('sign-card');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'card.csv', card);
    const strict = await importFile(env.core, c.id, file, { account: { identifier: 'CARD-1' }, currency: 'USD', strict: true }).catch((e) => e);
    expect(strict.message).toMatch(/sign of the amounts is a guess.*card statement header/);
    const r = await importFile(env.core, c.id, file, { account: { identifier: 'CARD-1' }, currency: 'USD' });
    expect(r.sign).toMatchObject({ convention: 'debit-positive', guessed: true });
    expect(r.warnings).toEqual([expect.stringMatching(/sign of the amounts is a guess: card statement header/)]);
    // 54.20 + 40.00 + 12.50 = 106.70 out.
    expect(txs(r.importId).map((t) => [t.amount, t.dir])).toEqual([['5420', 'out'], ['4000', 'out'], ['1250', 'out']]);
  });

  it('a running balance that only adds up with purchases positive decides the sign (no guess), and --sign overrides', async () => {
    env = tempCore('sign-balance');
    const c = await newCase(env.core);
    // Available credit falls with each purchase: 1,000.00 - 25.00 = 975.00, - 10.00 = 965.00, a payment of -35.00 restores 1,000.00.
    const file = writeFile(env.dir, 'card-balance.csv', ['Date,Details,Amount,Balance', '2024-07-01,HOTEL,25.00,975.00', '2024-07-02,TAXI,10.00,965.00', '2024-07-03,PAYMENT,-35.00,1000.00'].join('\n') + '\n');
    const r = await importFile(env.core, c.id, file, { account: { identifier: 'CARD-2' }, currency: 'USD', strict: true });
    expect(r.sign).toMatchObject({ convention: 'debit-positive', guessed: false, evidence: expect.stringMatching(/running balance adds up only with positive amounts as money out/) });
    expect(txs(r.importId).map((t) => [t.amount, t.dir])).toEqual([['2500', 'out'], ['1000', 'out'], ['3500', 'in']]);
    const file2 = writeFile(env.dir, 'owed2.csv', ['Date,Details,Amount', '2024-07-04,HOTEL,25.00', '2024-07-05,REFUND,-5.00'].join('\n'));
    const given = await importFile(env.core, c.id, file2, { account: { identifier: 'CARD-2' }, currency: 'USD', sign: 'debit-positive', strict: true });
    expect(given.sign).toMatchObject({ convention: 'debit-positive', guessed: false });
    expect(txs(given.importId).map((t) => [t.amount, t.dir])).toEqual([['2500', 'out'], ['500', 'in']]);
  });
});

describe('ledger CSV locale variants', () => {
  it('";", decimal comma and 25.03.2024 are detected; an empty from_account or to_account is a reject', async () => {
    env = tempCore('ledger-locale');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'ledger-de.csv', [
      'date;from_account;to_account;amount;currency;reference',
      '25.03.2024;DE-1;DE-2;1.234,56;EUR;R1',
      '26.03.2024;DE-2;;10,00;EUR;R2', // line 3
      '27.03.2024;;DE-1;10,00;EUR;R3', // line 4
      '28.03.2024;DE-2;DE-3;0,01;EUR;R4',
    ].join('\n'));
    const r = await importFile(env.core, c.id, file);
    expect(r.format).toBe('ledger');
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [3, 'to_account is empty: a ledger row names both accounts'],
      [4, 'from_account is empty: a ledger row names both accounts'],
    ]);
    const rows = env.core.writer.sqlite.prepare('SELECT occurred_at AS at, amount_minor AS a FROM transactions WHERE import_id = ? ORDER BY seq').all(r.importId);
    expect(rows).toEqual([{ at: '2024-03-25', a: '123456' }, { at: '2024-03-28', a: '1' }]);
  });

  it('an ambiguous day/month order must be given, and the override is applied', async () => {
    env = tempCore('ledger-ambiguous');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'ledger-us.csv', ['date,from_account,to_account,amount,currency', '03/04/2024,A,B,1.00,USD', '05/06/2024,A,B,2.00,USD'].join('\n'));
    const e = await importFile(env.core, c.id, file).catch((e) => e);
    expect(e.message).toMatch(/day\/month order is ambiguous/);
    const r = await importFile(env.core, c.id, file, { dateFormat: 'MM/DD/YYYY' });
    const rows = env.core.writer.sqlite.prepare('SELECT occurred_at AS at FROM transactions WHERE import_id = ? ORDER BY seq').all(r.importId);
    expect(rows).toEqual([{ at: '2024-03-04' }, { at: '2024-05-06' }]);
  });
});

describe('MT940 variants and reconciliation', () => {
  const mt940 = (lines61: string[], opening: string, closing: string, seq = '1') => [
    ':20:STMT' + seq,
    ':25:NL91ABNA0417164300',
    ':28C:' + seq,
    `:60F:${opening}`,
    ...lines61,
    `:62F:${closing}`,
    '-',
  ];

  it(':61: without a transaction type code, or with a space before it, reads; opening + rows = closing is checked', async () => {
    env = tempCore('mt940-variants');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'variants.sta', mt940([
      ':61:2403010301D100,00NONREF', // no type code: 100.00 out
      ':86:first',
      ':61:240302C250,50 NTRFREF2//B2', // a space before NTRF: 250.50 in
      ':86:second',
      ':61:240303D0,00NMSCZERO', // nothing moved: skipped
    ], 'C240229EUR1000,00', 'C240303EUR1150,50').join('\n') + '\n');
    const r = await importFile(env.core, c.id, file);
    expect(r.imported).toBe(2);
    expect(r.skipped).toBe(1);
    expect(txs(r.importId).map((t) => [t.at, t.amount])).toEqual([['2024-03-01', '10000'], ['2024-03-02', '25050']]);
    // 1,000.00 - 100.00 + 250.50 = 1,150.50
    expect(r.statements[0].reconciliation).toMatchObject({ ok: true, moved: '15050', difference: '0' });
  });

  it('consecutive statements chain; a missing page is a break reported with its amount', async () => {
    env = tempCore('mt940-coverage');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'pages.sta', [
      ...mt940([':61:2403310331D50,00NTRFA', ':86:a'], 'C240330EUR1284,56', 'C240331EUR1234,56', '1'),
      // The next page opens at 1,034.56: 200.00 left the account on a page we do not have.
      ...mt940([':61:2404010401C10,00NTRFB', ':86:b'], 'C240401EUR1034,56', 'C240401EUR1044,56', '2'),
    ].join('\n') + '\n');
    const r = await importFile(env.core, c.id, file);
    expect(r.statements.map((s) => s.reconciliation?.ok)).toEqual([true, true]);
    const cov = await env.core.call('imports.coverage', { caseId: c.id });
    expect(cov).toHaveLength(1);
    expect(cov[0]).toMatchObject({ identifier: 'NL91ABNA0417164300', statements: 2, verified: false });
    expect(cov[0].events.find((e) => e.kind === 'break')).toEqual({
      kind: 'break',
      from: '2024-03-31',
      to: '2024-04-01',
      amount: '-20000',
      text: 'between 2024-03-31 (closing 1234.56) and 2024-04-01 (opening 1034.56): 200.00 unexplained - a missing page?',
    });
  });
});
