/** Deterministic bank data for the import benchmark and the large-file tests: the same seed gives the same bytes. */
import fs from 'node:fs';
import { rng } from './random.js';
import type { LedgerRow } from '../core/import/rows.js';

export const LEDGER_ACCOUNTS = 2000;
export const STATEMENT_COUNTERPARTIES = 5000;
const METHODS = ['wire', 'ach', 'cash', 'check', 'card', 'sepa'] as const;

const day = (i: number, perDay: number) => new Date(Date.UTC(2020, 0, 1) + Math.floor(i / perDay) * 86400000).toISOString().slice(0, 10);
const cents = (n: bigint) => `${n / 100n}.${String(n % 100n).padStart(2, '0')}`;

/** A ledger transfer as the importer reads it back (core/import/rows.ts), dated but not yet placed in a file. */
export type LedgerRecord = Omit<LedgerRow, 'line' | 'raw' | 'occurredAt'> & { date: string };

/** Row i of the ledger: transfers among 2,000 accounts, 300 a day, USD and EUR. */
export function ledgerRecord(i: number, next: () => number): LedgerRecord {
  const from = Math.floor(next() * LEDGER_ACCOUNTS);
  const to = (from + 1 + Math.floor(next() * (LEDGER_ACCOUNTS - 1))) % LEDGER_ACCOUNTS;
  return {
    date: day(i, 300),
    from: `ACC-${String(from).padStart(5, '0')}`,
    to: `ACC-${String(to).padStart(5, '0')}`,
    amountMinor: BigInt(100 + Math.floor(next() * 9_999_900)),
    currency: next() < 0.9 ? 'USD' : 'EUR',
    reference: `REF-${i}`,
    memo: i % 10 === 0 ? `split, part ${i % 7}` : `payment ${i}`,
    method: METHODS[i % METHODS.length],
  };
}

/** Streams lines to a file a megabyte at a time, waiting on the disk when it asks us to. */
async function writeLines(file: string, header: string, rows: number, line: (i: number) => string): Promise<void> {
  const out = fs.createWriteStream(file);
  const write = (s: string) => (out.write(s) ? undefined : new Promise<void>((r) => out.once('drain', () => r())));
  let buf = header;
  for (let i = 0; i < rows; i++) {
    buf += line(i);
    if (buf.length > 1 << 20) {
      await write(buf);
      buf = '';
    }
  }
  await write(buf);
  await new Promise<void>((r) => out.end(r));
}

const csvField = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/** Writes the ledger CSV (header date,from_account,to_account,amount,currency,reference,memo,method). */
export async function writeLedgerCsv(file: string, rows: number, seed = 42): Promise<void> {
  const next = rng(seed);
  await writeLines(file, 'date,from_account,to_account,amount,currency,reference,memo,method\n', rows, (i) => {
    const r = ledgerRecord(i, next);
    return `${r.date},${r.from},${r.to},${cents(r.amountMinor)},${r.currency},${r.reference},${csvField(r.memo)},${r.method}\n`;
  });
}

/**
 * Writes a German-style statement CSV of one account: semicolons, DD.MM.YYYY, decimal comma with
 * thousands dots, counterparty name and IBAN, reference and description.
 */
export async function writeStatementCsv(file: string, rows: number, seed = 7): Promise<void> {
  const next = rng(seed);
  const money = (minor: number) => {
    const whole = String(Math.floor(Math.abs(minor) / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
    return `${minor < 0 ? '-' : ''}${whole},${String(Math.abs(minor) % 100).padStart(2, '0')}`;
  };
  await writeLines(file, 'Buchungstag;Betrag;Währung;Empfänger;IBAN;Referenz;Verwendungszweck\n', rows, (i) => {
    const cp = Math.floor(next() * STATEMENT_COUNTERPARTIES);
    const amount = (next() < 0.6 ? -1 : 1) * (100 + Math.floor(next() * 2_000_000));
    const [y, m, d] = day(i, 400).split('-');
    return `${d}.${m}.${y};${money(amount)};EUR;Firma ${cp} GmbH;DE${String(10 + (cp % 89)).padStart(2, '0')}37040044${String(cp * 7919).padStart(10, '0')};E2E-${i};Rechnung ${i} Kunde ${cp}\n`;
  });
}
