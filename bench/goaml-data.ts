/** The same transfers twice: as the investigator's ledger CSV and as a goAML report (bench:goaml). */
import fs from 'node:fs';
import { rng } from './random.js';
import { ledgerRecord } from './import-data.js';

const cents = (n: bigint) => `${n / 100n}.${String(n % 100n).padStart(2, '0')}`;

async function writeChunks(file: string, head: string, rows: number, line: (i: number) => string, tail = ''): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(s) ? undefined : new Promise<void>((r) => out.once('drain', () => r())));
  let buf = head;
  for (let i = 0; i < rows; i++) {
    buf += line(i);
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf + tail);
  await new Promise<void>((r) => out.end(r));
}

/** Row i of both files: the ledger benchmark's transfers, all in USD (a goAML report has one local currency). */
function records(seed: number) {
  const next = rng(seed);
  return (i: number) => ({ ...ledgerRecord(i, next), currency: 'USD' });
}

export async function writeLedger(file: string, rows: number, seed = 42): Promise<void> {
  const rec = records(seed);
  await writeChunks(file, 'date,from_account,to_account,amount,currency,reference,memo\n', rows, (i) => {
    const r = rec(i);
    return `${r.date},${r.from},${r.to},${cents(r.amountMinor)},USD,${r.reference},"${r.memo}"\n`;
  });
}

export async function writeGoaml(file: string, rows: number, seed = 42): Promise<void> {
  const rec = records(seed);
  const account = (dir: 'from' | 'to', id: string) =>
    `<${dir}_account><institution_name>Bench Bank</institution_name><swift>BENCUS33</swift><branch>-</branch><account>${id}</account><currency_code>USD</currency_code></${dir}_account>`;
  const head = `<?xml version="1.0" encoding="UTF-8"?>
<report>
  <rentity_id>1</rentity_id><rentity_branch>Bench</rentity_branch><submission_code>E</submission_code><report_code>STR</report_code>
  <submission_date>2024-01-01T00:00:00</submission_date><currency_code_local>USD</currency_code_local><reporting_user_code>bench</reporting_user_code>
  <location><address_type>-</address_type><address>-</address><city>-</city><country_code>US</country_code></location>
`;
  await writeChunks(file, head, rows, (i) => {
    const r = rec(i);
    return `  <transaction><transactionnumber>${r.reference}</transactionnumber><transaction_location>-</transaction_location><transaction_description>${r.memo}</transaction_description><date_transaction>${r.date}T00:00:00</date_transaction><transmode_code>-</transmode_code><amount_local>${cents(r.amountMinor)}</amount_local><t_from_my_client><from_funds_code>-</from_funds_code>${account('from', r.from)}<from_country>US</from_country></t_from_my_client><t_to_my_client><to_funds_code>-</to_funds_code>${account('to', r.to)}<to_country>US</to_country></t_to_my_client></transaction>\n`;
  }, '</report>\n');
}
