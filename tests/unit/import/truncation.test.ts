import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { importFile, newCase, writeFile } from './helpers.js';
import { FIELD_LIMITS } from '../../../core/import/writer.js';

/**
 * A field longer than the app keeps is cut to its limit, and the cut is reported every time: in the
 * import's report (count, line, field, lengths), in its warnings, and as a kept reject row of kind
 * "truncated". A value within its limit is stored whole and reported nowhere.
 */
let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

const stored = (importId: string) =>
  env.core.writer.sqlite.prepare('SELECT reference, memo, counterparty_name AS name FROM transactions WHERE import_id = ? ORDER BY seq').all(importId) as {
    reference: string;
    memo: string;
    name: string;
  }[];

describe('truncation is reported, never silent', () => {
  it('a ledger CSV: a long memo and a long reference, cut and reported by line and field', async () => {
    env = tempCore('truncate-ledger');
    const c = await newCase(env.core);
    const memo = 'M'.repeat(2345);
    const ref = 'R'.repeat(250);
    const file = writeFile(env.dir, 'ledger.csv', [
      'date,from_account,to_account,amount,currency,reference,memo',
      `2024-01-02,ACC-A,ACC-B,10.00,USD,REF-1,${'m'.repeat(FIELD_LIMITS.memo)}`, // exactly the limit: whole, unreported
      `2024-01-03,ACC-A,ACC-B,20.00,USD,${ref},${memo}`,
    ].join('\n') + '\n');
    const r = await importFile(env.core, c.id, file);
    expect(r.imported).toBe(2);
    expect(r.truncatedCount).toBe(2);
    expect(r.truncated).toEqual([
      { line: 3, field: 'reference', length: 250, kept: 200 },
      { line: 3, field: 'memo', length: 2345, kept: 2000 },
    ]);
    expect(r.warnings.join('\n')).toContain('2 field(s) were longer than the app keeps and were cut: line 3 reference: 250 characters, longer than the 200 kept');
    const rows = stored(r.importId);
    expect(rows[0].memo).toHaveLength(FIELD_LIMITS.memo);
    expect(rows[1].memo).toBe(memo.slice(0, 2000));
    expect(rows[1].reference).toBe(ref.slice(0, 200));
    const kept = await env.core.call('imports.rejects', { importId: r.importId, kind: 'truncated' });
    expect(kept.rows.map((x) => [x.line, x.reason])).toEqual([
      [3, 'reference: 250 characters, longer than the 200 kept: the rest was cut'],
      [3, 'memo: 2,345 characters, longer than the 2,000 kept: the rest was cut'],
    ]);
    // Cuts are not rejects: the row was imported.
    expect(r.rejectedCount).toBe(0);
  });

  it('a statement CSV: a long counterparty name and account (the account it creates is cut too) and a long description', async () => {
    env = tempCore('truncate-statement');
    const c = await newCase(env.core);
    const name = 'N'.repeat(400);
    const acct = 'DE' + '1'.repeat(230);
    const file = writeFile(env.dir, 'statement.csv', [
      'Date,Amount,Description,Counterparty,Counterparty account',
      `2024-03-01,-12.50,${'d'.repeat(2100)},${name},${acct}`,
      '2024-03-02,40.00,SALARY,Employer Inc,DE0000111122223333',
    ].join('\n') + '\n');
    const r = await importFile(env.core, c.id, file, {
      account: { identifier: 'US-CHK-9' },
      currency: 'USD',
      sign: 'credit-positive',
      map: { date: ['Date'], amount: ['Amount'], description: ['Description'], counterpartyName: ['Counterparty'], counterpartyAccount: ['Counterparty account'] },
    });
    expect(r.imported).toBe(2);
    const fields = r.truncated.map((t) => `${t.line} ${t.field} ${t.length}->${t.kept}`);
    // The counterparty account it creates takes the values already cut: each cut is reported once.
    expect(fields).toEqual(['2 counterpartyName 400->300', '2 counterpartyAccount 232->200', '2 memo 2100->2000']);
    expect(r.truncatedCount).toBe(3);
    const created = env.core.writer.sqlite.prepare('SELECT identifier, holder_name AS holder FROM accounts WHERE external = 1 AND length(identifier) = 200').get();
    expect(created).toEqual({ identifier: acct.slice(0, 200), holder: name.slice(0, 300) });
    const rows = stored(r.importId);
    expect(rows[0].name).toBe(name.slice(0, 300));
    expect(rows[1]).toMatchObject({ name: 'Employer Inc', memo: 'SALARY' });
  });

  it('an OFX statement: a long NAME and MEMO are reported the same way', async () => {
    env = tempCore('truncate-ofx');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 's.ofx', `OFXHEADER:100
DATA:OFXSGML
VERSION:102

<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>USD<BANKACCTFROM><BANKID>121000358<ACCTID>0123456789<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST>
<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240105<TRNAMT>-5.00<FITID>F1<NAME>${'n'.repeat(350)}<MEMO>${'x'.repeat(3000)}</STMTTRN>
</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
`);
    const r = await importFile(env.core, c.id, file);
    expect(r.imported).toBe(1);
    expect(r.truncated.map((t) => [t.field, t.kept])).toEqual([
      ['counterpartyName', 300],
      ['memo', 2000],
    ]);
    expect(r.truncated[0].length).toBe(350);
    // The memo is MEMO with the transaction type after it.
    expect(r.truncated[1].length).toBeGreaterThan(3000);
    expect(r.truncated.every((t) => t.line > 0)).toBe(true);
  });
});
