import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { fixture, importFile, newCase, writeFile } from './helpers.js';

/**
 * Issue 9 on the import side: bookings kept as the bank wrote them (offsets too, dates stay dates),
 * amounts exact or rejected by line, exchanges written as both legs. Expected values are read off
 * the files by hand: e.g. 12:20 at -05:00 is 17:20 UTC; EUR 100.00 at 1.10 USD/EUR is USD 110.00.
 */
let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

interface Tx {
  at: string;
  key: string;
  amount: string;
  currency: string;
  toAmount: string | null;
  toCurrency: string | null;
}
const txs = (importId: string) =>
  env.core.writer.sqlite
    .prepare(
      `SELECT occurred_at AS at, time_key AS key, amount_minor AS amount, currency, to_amount_minor AS toAmount, to_currency AS toCurrency
       FROM transactions WHERE import_id = ? ORDER BY seq`,
    )
    .all(importId) as Tx[];

const ofx = (trns: string, curdef = 'USD') => `OFXHEADER:100
DATA:OFXSGML
VERSION:102

<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>${curdef}<BANKACCTFROM><BANKID>121000358<ACCTID>0123456789<ACCTTYPE>CHECKING</BANKACCTFROM>
<BANKTRANLIST>
${trns}
</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>
`;
const trn = (posted: string, amount: string, fitid: string, extra = '') =>
  `<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>${posted}<TRNAMT>${amount}<FITID>${fitid}<NAME>Shop ${fitid}${extra}</STMTTRN>`;

describe('booked times as the bank wrote them', () => {
  it('OFX keeps the offset (never converted), a midnight date stays a date, compact GMT timestamps read; +25:00 is a reject naming the line', async () => {
    env = tempCore('ofx-time');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'offsets.ofx', ofx([
      trn('20240102122000.000[-5:EST]', '-10.00', 'A'),
      trn('20240103000000', '-11.00', 'B'),
      trn('20091224120000[0:GMT]', '-12.00', 'C'),
      trn('20240104120000[+25:XX]', '-13.00', 'D'),
      trn('20240105093000[5.75:NPT]', '-14.00', 'E'),
    ].join('\n')));
    const r = await importFile(env.core, c.id, file);
    expect(r.imported).toBe(4);
    expect(r.rejected).toEqual([{ line: 10, reason: expect.stringMatching(/^DTPOSTED: .*\+25:00 is beyond any UTC offset/), raw: expect.stringContaining('<FITID>D') }]);
    expect(txs(r.importId).map((t) => [t.at, t.key])).toEqual([
      ['2024-01-02T12:20:00-05:00', '2024-01-02T17:20:00.000000000Z'],
      ['2024-01-03', '2024-01-03T24'],
      ['2009-12-24T12:00:00+00:00', '2009-12-24T12:00:00.000000000Z'],
      ['2024-01-05T09:30:00+05:45', '2024-01-05T03:45:00.000000000Z'],
    ]);
  });

  it('camt keeps DtTm with its offset; camt.053.001.08 without BookgDt falls back to ValDt, then to the statement date', async () => {
    env = tempCore('camt-time');
    const c = await newCase(env.core);
    const entry = (amt: string, dates: string, ref: string) =>
      `<Ntry><Amt Ccy="EUR">${amt}</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts>${dates}<AcctSvcrRef>${ref}</AcctSvcrRef></Ntry>`;
    const file = writeFile(env.dir, 'camt053v8.xml', `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08"><BkToCstmrStmt><GrpHdr><MsgId>M1</MsgId><CreDtTm>2024-04-02T08:00:00+02:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><CreDtTm>2024-04-02T08:00:00+02:00</CreDtTm><FrToDt><FrDtTm>2024-04-01T00:00:00+02:00</FrDtTm><ToDtTm>2024-04-01T23:59:59+02:00</ToDtTm></FrToDt>
<Acct><Id><IBAN>DE89370400440532013000</IBAN></Id><Ccy>EUR</Ccy></Acct>
${entry('1.00', '<BookgDt><DtTm>2024-04-01T23:30:00+02:00</DtTm></BookgDt><ValDt><Dt>2024-04-02</Dt></ValDt>', 'R1')}
${entry('2.00', '<ValDt><Dt>2024-03-31</Dt></ValDt>', 'R2')}
${entry('3.00', '', 'R3')}
</Stmt></BkToCstmrStmt></Document>
`);
    const r = await importFile(env.core, c.id, file);
    expect(r.imported).toBe(3);
    expect(txs(r.importId).map((t) => [t.at, t.key, t.amount])).toEqual([
      // 23:30 at +02:00 is 21:30 UTC the same day; booked date stays 1 April as the bank wrote it.
      ['2024-04-01T23:30:00+02:00', '2024-04-01T21:30:00.000000000Z', '100'],
      ['2024-03-31', '2024-03-31T24', '200'],
      ['2024-04-01', '2024-04-01T24', '300'],
    ]);
  });
});

describe('exact amounts: too many decimals or too large is a reject by line, never rounded', () => {
  it('a ledger row with more decimals than its currency, or past the range, is rejected with line and reason; 1,000,000 ETH in wei is exact', async () => {
    env = tempCore('ledger-range');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'ledger.csv', [
      'date,from_account,to_account,amount,currency,reference',
      '2024-03-01,A,B,1.234,EUR,three decimals', // line 2
      '2024-03-01,A,B,1.5,JPY,yen has no minor unit', // line 3
      `2024-03-01,A,B,${'9'.repeat(40)},USD,too large`, // line 4
      '2024-03-01,W1,W2,1000000.000000000000000001,ETH,wei', // line 5
      '2024-03-01T10:00:00+25:00,A,B,1.00,EUR,offset', // line 6
      '2024-02-30,A,B,1.00,EUR,no such day', // line 7
    ].join('\n'));
    const r = await importFile(env.core, c.id, file);
    expect(r.imported).toBe(1);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [2, '"1.234": EUR has 2 decimal places, not 3'],
      [3, '"1.5": JPY has no minor unit, so the amount must be a whole number'],
      [4, expect.stringMatching(/too large/)],
      [6, expect.stringMatching(/^date: .*\+25:00 is beyond any UTC offset/)],
      [7, expect.stringMatching(/^date: .*not a real date/)],
    ]);
    expect(txs(r.importId)).toEqual([{ at: '2024-03-01', key: '2024-03-01T24', amount: '1000000000000000000000001', currency: 'ETH', toAmount: null, toCurrency: null }]);
  });
});

describe('exchanges where the source says so', () => {
  it('ledger CSV to_amount,to_currency: both legs; same currency with another amount is a reject', async () => {
    env = tempCore('ledger-fx');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'fx.csv', [
      'date,from_account,to_account,amount,currency,to_amount,to_currency,reference',
      '2024-03-01,US-1,BTC-W1,65000.00,USD,1.00000000,BTC,buy', // line 2: cash to crypto
      '2024-03-02,US-1,CO-1,100.00,USD,400000.00,COP,change', // line 3
      '2024-03-03,US-1,US-2,100.00,USD,,,plain', // line 4
      '2024-03-04,US-1,US-2,100.00,USD,90.00,USD,bad', // line 5
      '2024-03-05,US-1,CO-1,100.00,USD,400000.00,,half', // line 6
    ].join('\n'));
    const r = await importFile(env.core, c.id, file);
    expect(r.rejected.map((x) => [x.line, x.reason])).toEqual([
      [5, 'to_amount differs from amount in the same currency: not an exchange'],
      [6, 'an exchange needs both to_amount and to_currency'],
    ]);
    expect(txs(r.importId).map((t) => [t.amount, t.currency, t.toAmount, t.toCurrency])).toEqual([
      ['6500000', 'USD', '100000000', 'BTC'],
      ['10000', 'USD', '40000000', 'COP'],
      ['10000', 'USD', null, null],
    ]);
  });

  it('OFX ORIGCURRENCY and CURRENCY with CURRATE: the account side in CURDEF, the other in CURSYM', async () => {
    env = tempCore('ofx-fx');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'fx.ofx', ofx([
      // TRNAMT in USD, converted from EUR at 1.10 USD per EUR: the payee got EUR 100.00.
      trn('20240102', '-110.00', 'F1', '<ORIGCURRENCY><CURRATE>1.10<CURSYM>EUR</ORIGCURRENCY>'),
      // TRNAMT in GBP; 1 GBP = 1.25 USD: the account paid USD 62.50 for GBP 50.00.
      trn('20240103', '-50.00', 'F2', '<CURRENCY><CURRATE>1.25<CURSYM>GBP</CURRENCY>'),
      // Money in: EUR 10.00 paid by the payer, USD 11.00 arrived.
      trn('20240104', '11.00', 'F3', '<ORIGCURRENCY><CURRATE>1.10<CURSYM>EUR</ORIGCURRENCY>'),
    ].join('\n')));
    const r = await importFile(env.core, c.id, file);
    expect(r.imported).toBe(3);
    expect(txs(r.importId).map((t) => [t.amount, t.currency, t.toAmount, t.toCurrency])).toEqual([
      ['11000', 'USD', '10000', 'EUR'],
      ['6250', 'USD', '5000', 'GBP'],
      ['1000', 'EUR', '1100', 'USD'],
    ]);
  });

  it('camt AmtDtls with CcyXchg (the shipped camt.053.001.08 example): CHF 19.69 out of the CHF account, EUR 20.97 to the creditor', async () => {
    env = tempCore('camt-fx');
    const c = await newCase(env.core);
    const r = await importFile(env.core, c.id, fixture('camt/camt_parser_053_valid_example_v8.xml'));
    expect(txs(r.importId).map((t) => [t.amount, t.currency, t.toAmount, t.toCurrency])).toEqual([
      ['47440', 'CHF', null, null],
      ['8885', 'CHF', null, null],
      ['1969', 'CHF', '2097', 'EUR'],
    ]);
    // The file's own balances do not add up (82,721.95 + 543.56 is not 84,515.25): reported, not hidden.
    expect(r.statements[0].reconciliation).toMatchObject({ ok: false, opening: { minor: '8272195' }, closing: { minor: '8451525' }, moved: '54356', difference: '124974' });
    expect(r.warnings.some((w) => /does not reconcile/.test(w))).toBe(true);
  });
});
