import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { accountIdsOf, fixture, importFile, netByCurrency, newCase } from './helpers.js';

/**
 * Every real statement in tests/fixtures/statements (copied from shared/fixtures; sources in its SOURCES.md) must import. The expected counts and sums were worked out
 * apart from the importer: by reading the files (a Python csv/regex tally, and by hand), e.g. the
 * TRNAMT values of an OFX file, the signed <Ntry> amounts of a camt file, the :61: lines of MT940.
 */
interface Expect {
  file: string;
  transactions: number;
  /** Money in minus money out of the statement's own accounts, in minor units per currency. */
  net: Record<string, number>;
  accounts: string[];
  rejected?: number;
  skipped?: number;
  extra?: Record<string, unknown>;
}

const STRUCTURED: Expect[] = [
  { file: 'ofx/actual_8859-1.qfx', transactions: 1, net: { CAD: -2000 }, accounts: ['999-12345-0055666-EOP'] },
  { file: 'ofx/actual_html-vals.qfx', transactions: 2, net: { CAD: -200 }, accounts: ['00000 00-00000'] },
  { file: 'ofx/ofxparse_anzcc.ofx', transactions: 1, net: { AUD: -550 }, accounts: ['1234123412341234'] },
  { file: 'ofx/ofxparse_bank_medium.ofx', transactions: 3, net: { CAD: -34527 }, accounts: ['12300 000012345678'] },
  { file: 'ofx/ofxparse_multiple_accounts.ofx', transactions: 0, net: {}, accounts: ['9100', '9200'] },
  { file: 'ofx/ofxparse_ofx-v102-empty-tags.ofx', transactions: 1, net: { AUD: 1234 }, accounts: ['12345678'] },
  { file: 'ofx/ofxparse_suncorp.ofx', transactions: 1, net: { AUD: -1685 }, accounts: ['123456789'] },
  { file: 'camt/camt_parser_052_valid_example.xml', transactions: 2, net: { EUR: 500 }, accounts: ['DE58740618130100033626'] },
  { file: 'camt/camt_parser_053_valid_example.xml', transactions: 5, net: { EUR: -1000 }, accounts: ['DE14740618130000033626'] },
  // 13 entries holding 32 transaction details: the batch bookings are split into their transfers.
  { file: 'camt/camt_parser_053_valid_example_v4.xml', transactions: 32, net: { CHF: 53761 }, accounts: ['CH0309000000250090342'] },
  // The third entry is booked as EUR 20.97 on this CHF account, its details give CHF 19.69 (InstdAmt) and the
  // EUR amount with CcyXchg: an exchange, CHF 19.69 out of the account, EUR 20.97 to the creditor.
  { file: 'camt/camt_parser_053_valid_example_v8.xml', transactions: 3, net: { CHF: 47440 + 8885 - 1969 }, accounts: ['CH1111111111111111111'] },
  { file: 'camt/camt_parser_053_valid_example_with_datetime.xml', transactions: 1, net: { USD: 19586 }, accounts: ['11111111'] },
  { file: 'camt/camt_parser_054_valid_example.xml', transactions: 5, net: { CHF: 5903 }, accounts: ['CH0309000000250090342'] },
  { file: 'camt/genkgo_camt053.v2.five.decimals.xml', transactions: 1, net: { EUR: 885 }, accounts: ['NL26VAYB8060476890'] },
  { file: 'camt/genkgo_camt053.v2.multi.statement.xml', transactions: 2, net: { EUR: 185 }, accounts: ['NL26VAYB8060476890'] },
  { file: 'mt940/mt940_betterplace_sepa_snippet.sta', transactions: 11, net: { EUR: -214332339 }, accounts: ['50880050/0194787400888', '50880050/0194791600888'] },
  { file: 'mt940/mt940_cmxl_mt940.sta', transactions: 16, net: { DEM: 8730, EUR: 220000, PLN: 1004000 }, accounts: ['45050050/76198810', '10020030/1234567', 'BPHKPLPK/320000546101'] },
  { file: 'mt940/mt940_jejik_abnamro.sta', transactions: 10, net: { EUR: -34593 }, accounts: ['517852257'] },
  { file: 'mt940/mt940_jejik_ing.sta', transactions: 7, net: { EUR: -4559 }, accounts: ['0001234567'] },
  { file: 'mt940/mt940_mBank_mt940.sta', transactions: 3, net: { PLN: 3 }, accounts: ['PL29114010810000267002001002'] },
  { file: 'mt940/mt940_raiffeisen-cmi.sta', transactions: 7, net: { HUF: -101221350 }, accounts: ['UBRTHUHB/123456789150ABCDEF002'], extra: { encoding: 'cp852' } },
  { file: 'mt940/mt940_sberbank_171011_01234945.sta', transactions: 3, net: { HUF: -943700 }, accounts: ['1966315302010001'] },
];

const CSV: Expect[] = [
  { file: 'csv/bank2ynab_de-ostseesparkasse_20180226-1000594757-umsatz.CSV', transactions: 1, net: { EUR: -3699 }, accounts: ['DE-SPK-1'] },
  { file: 'csv/bank2ynab_nl-bunq_2019-03-02_11-50-46_bunq-statement.csv', transactions: 7, net: { EUR: -2382 }, accounts: ['NL26BUNQ2025126409'], extra: { currency: 'EUR' } },
  { file: 'csv/bank2ynab_nl-rabobank_CSV_A_20180414_112204.csv', transactions: 3, net: { EUR: -103749 }, accounts: ['NL77RABO0311467415'] },
  { file: 'csv/bank2ynab_sg-ocbc_TransactionHistory_20180418043121.csv', transactions: 8, net: { SGD: -17328 }, accounts: ['666-666666-666'] },
  { file: 'csv/bank2ynab_uk-johnlewis_MS_JANE_SMITH_01-12-2019_14-12-2019.csv', transactions: 10, net: { GBP: -28580 }, accounts: ['JL-CARD'], rejected: 3 },
  { file: 'csv/reckon_at_austrian_example.csv', transactions: 13, net: { EUR: -14957 }, accounts: ['00075757575'] },
  { file: 'csv/reckon_br-bancodobrasil_extratofake.csv', transactions: 22, net: { BRL: 80500 }, accounts: ['BB-0000-9'], skipped: 1, extra: { currency: 'BRL' } },
];

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

async function check(e: Expect, extra: Record<string, unknown>) {
  env = tempCore('import-fixture');
  const c = await newCase(env.core);
  const r = await importFile(env.core, c.id, fixture(e.file), { ...extra, ...e.extra });
  expect(r.imported).toBe(e.transactions);
  expect(r.rejectedCount).toBe(e.rejected ?? 0);
  expect(r.skipped).toBe(e.skipped ?? 0);
  const ids = accountIdsOf(env.core, c.id, e.accounts);
  expect(ids).toHaveLength(e.accounts.length);
  expect(netByCurrency(env.core, r.importId, ids)).toEqual(e.net);
  expect((await env.core.call('audit.verify', {})).ok).toBe(true);
  return r;
}

describe('every statement fixture imports with the counts and sums worked out by hand', () => {
  for (const e of STRUCTURED) it(e.file, () => check(e, {}));
  for (const e of CSV) it(e.file, () => check(e, { account: { identifier: e.accounts[0] } }));
});

describe('what the structured parsers read besides amounts', () => {
  it('camt: the counterparty of a credit is the debtor, with its IBAN matched or created as an external account', async () => {
    env = tempCore('import-camt');
    const c = await newCase(env.core);
    const r = await importFile(env.core, c.id, fixture('camt/camt_parser_053_valid_example.xml'));
    const rows = env.core.writer.sqlite
      .prepare('SELECT t.counterparty_name AS name, a.identifier AS acct, a.external FROM transactions t JOIN accounts a ON a.id = t.to_account_id WHERE t.import_id = ? ORDER BY t.seq')
      .all(r.importId) as { name: string; acct: string; external: number }[];
    // The first entry is a debit of 2.00 to "Testkonto Nummer 2" at DE09300606010012345671.
    expect(rows[0]).toEqual({ name: 'Testkonto Nummer 2', acct: 'DE09300606010012345671', external: 1 });
  });

  it('MT940: structured :86: subfields give the counterparty name and account', async () => {
    env = tempCore('import-mt940');
    const c = await newCase(env.core);
    const r = await importFile(env.core, c.id, fixture('mt940/mt940_betterplace_sepa_snippet.sta'));
    const first = env.core.writer.sqlite
      .prepare('SELECT t.counterparty_name AS name, a.identifier AS acct, t.amount_minor AS amount, t.occurred_at AS at FROM transactions t LEFT JOIN accounts a ON a.id = t.from_account_id WHERE t.import_id = ? ORDER BY t.seq LIMIT 1')
      .get(r.importId);
    // :61:0709070904CR50990,05 ... ?31DE14508800500194785000?32KARL?33        KAUFMANN
    expect(first).toEqual({ name: 'KARL KAUFMANN', acct: 'DRESDEFF508/DE14508800500194785000', amount: '5099005', at: '2007-09-04' });
  });

  it('OFX: entities decoded, Latin-1 text read, FITID kept as the reference', async () => {
    env = tempCore('import-ofx');
    const c = await newCase(env.core);
    const r = await importFile(env.core, c.id, fixture('ofx/actual_8859-1.qfx'));
    const row = env.core.writer.sqlite.prepare('SELECT counterparty_name AS name, reference, occurred_at AS at FROM transactions WHERE import_id = ?').get(r.importId);
    expect(row).toEqual({ name: 'Paiement facture/Carte prépayée', reference: 'wSoKuCS77', at: '2022-10-19T12:00:00' });
    const r2 = await importFile(env.core, c.id, fixture('ofx/actual_html-vals.qfx'));
    const names = env.core.writer.sqlite.prepare('SELECT counterparty_name AS n, memo FROM transactions WHERE import_id = ? ORDER BY seq').all(r2.importId) as { n: string; memo: string }[];
    expect(names[0].memo).toContain('B.C. HYDRO & POWER AUTHORITY');
    expect(names[1].n).toBe('TPAY &lt;DEFTPYMT&gt;');
  });
});
