import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { requireTool } from '../../helpers/tools.js';
import { count, importFile, newCase, writeFile } from './helpers.js';

/**
 * goAML import on the public schema 5.0.1 report of thecury/goAML (tests/fixtures/goaml/SOURCE.md):
 * the template as published is refused (its placeholder values break the schema), the filled copy
 * (valid against the published XSD) imports. Expected figures were tallied apart from the importer,
 * with Python's ElementTree over the same file: 11 transactions with an account on a side (sum
 * MXN 449,585.99), 9 naming only persons or entities, 14 accounts, 35 distinct persons and entities.
 */
const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/goaml');
const FILLED = path.join(DIR, 'filled-report-5.0.1.xml');
const TEMPLATE = path.join(DIR, 'thecury-goaml-5.0.1-template.xml');

describe('goAML import', () => {
  const t = tempCore('goaml');
  let caseId: string;
  beforeAll(async () => {
    caseId = (await newCase(t.core)).id;
  });
  afterAll(() => t.cleanup());

  const tally = () => ({
    imports: count(t.core, 'SELECT COUNT(*) AS n FROM imports WHERE case_id = ?', caseId),
    transactions: count(t.core, 'SELECT COUNT(*) AS n FROM transactions WHERE case_id = ?', caseId),
    subjects: count(t.core, 'SELECT COUNT(*) AS n FROM subjects WHERE case_id = ?', caseId),
    accounts: count(t.core, 'SELECT COUNT(*) AS n FROM accounts WHERE case_id = ?', caseId),
  });

  it('refuses the published template, naming element, line and reason, and imports nothing', async () => {
    await expect(importFile(t.core, caseId, TEMPLATE)).rejects.toThrow(/line 9: <currency_code_local>: "UAK" is not an ISO 4217 currency code/);
    expect(tally()).toEqual({ imports: 0, transactions: 0, subjects: 0, accounts: 0 });
  });

  it('refuses a bad amount in the 15th transaction with nothing of the 14 before it kept', async () => {
    const lines = fs.readFileSync(FILLED, 'utf8').split('\n');
    expect(lines[819]).toContain('<amount_local>50905.95</amount_local>');
    lines[819] = '      <amount_local>50905.951</amount_local>';
    const bad = writeFile(t.dir, 'bad-amount.xml', lines.join('\n'));
    await expect(importFile(t.core, caseId, bad)).rejects.toThrow(/line 820: <amount_local>: transaction TX-\d+: "50905.951": MXN has 2 decimal places, not 3/);
    const unclosed = writeFile(t.dir, 'unclosed.xml', fs.readFileSync(FILLED, 'utf8').replace('</report>', ''));
    await expect(importFile(t.core, caseId, unclosed)).rejects.toThrow(/line \d+: not well-formed XML/);
    expect(tally()).toEqual({ imports: 0, transactions: 0, subjects: 0, accounts: 0 });
  });

  it('imports the filled report: transactions in exact minor units, accounts, subjects with provenance', async () => {
    const r = await importFile(t.core, caseId, FILLED);
    expect(r.format).toBe('goaml');
    expect(r.goaml).toMatchObject({ rentityId: '1', reportCode: 'IRF', submissionCode: 'E', submissionDate: '2022-04-01T09:00:00', currencyLocal: 'MXN', transactions: 20, subjectsCreated: 35 });
    expect(r.imported).toBe(11);
    expect(r.skipped).toBe(9);
    expect(r.rejectedCount).toBe(0);
    const sum = t.core.writer.sqlite.prepare("SELECT SUM(CAST(amount_minor AS INTEGER)) AS s, COUNT(DISTINCT currency) AS c FROM transactions WHERE import_id = ?").get(r.importId) as { s: number; c: number };
    expect(sum).toEqual({ s: 44958599, c: 1 });
    expect(tally()).toMatchObject({ imports: 1, transactions: 11, subjects: 35, accounts: 14 });
    const notes = t.core.writer.sqlite.prepare("SELECT notes FROM subjects WHERE case_id = ? AND name = 'Agro Norte SA de CV'").get(caseId) as { notes: string };
    expect(notes.notes).toMatch(/^named in goAML IRF report of reporting entity 1 \(Sucursal Centro\), submitted 2022-04-01, as t_from_my_client\/from_entity \(filled-report-5\.0\.1\.xml line \d+\)/);
    const saved = t.core.writer.sqlite.prepare('SELECT mapping FROM imports WHERE id = ?').get(r.importId) as { mapping: string };
    expect(JSON.parse(saved.mapping).report).toMatchObject({ rentityId: '1', reportCode: 'IRF' });
  });
});

describe('goAML export', () => {
  const t = tempCore('goaml-export');
  afterAll(() => t.cleanup());

  it('exports selected transactions as a report the published XSD accepts, and imports it back the same', async () => {
    const xmllint = requireTool('xmllint');
    const from = (await newCase(t.core, 'TF-GOAML-1')).id;
    await importFile(t.core, from, FILLED);
    const one = t.core.writer.sqlite.prepare('SELECT to_account_id AS id FROM transactions WHERE case_id = ? AND to_account_id IS NOT NULL ORDER BY reference LIMIT 1').get(from) as { id: string };
    const touching = count(t.core, 'SELECT COUNT(*) AS n FROM transactions WHERE from_account_id = ? OR to_account_id = ?', one.id, one.id);
    const out = path.join(t.dir, 'str.xml');
    const all = await t.core.call('interchange.goaml.export', { caseId: from, rentityId: 42, reportCode: 'STR', path: out }, { trusted: true });
    expect(all.transactions).toBe(11);
    const check = spawnSync(xmllint, ['--noout', '--schema', path.join(DIR, 'goAMLSchema-5.0.1.xsd'), out], { encoding: 'utf8' });
    expect(check.stderr.trim()).toBe(`${out} validates`);
    expect(check.status).toBe(0);

    const picked = await t.core.call('interchange.goaml.export', { caseId: from, rentityId: 42, accountIds: [one.id], path: path.join(t.dir, 'picked.xml') }, { trusted: true });
    expect(picked.transactions).toBe(touching);
    expect(touching).toBeLessThan(11);

    const to = (await newCase(t.core, 'TF-GOAML-2')).id;
    const back = await importFile(t.core, to, out);
    expect(back.goaml).toMatchObject({ rentityId: '42', reportCode: 'STR', currencyLocal: 'MXN', transactions: 11 });
    expect(back.imported).toBe(11);
    const rows = (caseId: string) => t.core.writer.sqlite
      .prepare(`SELECT t.reference, t.amount_minor AS amount, t.currency, t.occurred_at AS at, f.identifier AS fromId, d.identifier AS toId
        FROM transactions t LEFT JOIN accounts f ON f.id = t.from_account_id LEFT JOIN accounts d ON d.id = t.to_account_id WHERE t.case_id = ? ORDER BY t.reference`)
      .all(caseId);
    expect(rows(to)).toEqual(rows(from));
  });

  it('refuses a selection in two currencies without a local currency, naming them', async () => {
    const caseId = (await newCase(t.core, 'TF-GOAML-3')).id;
    const csv = writeFile(t.dir, 'ledger.csv', 'date,from_account,to_account,amount,currency\n2024-01-02,A1,B1,10.00,MXN\n2024-01-03,A1,B1,5.00,USD\n');
    await importFile(t.core, caseId, csv);
    await expect(t.core.call('interchange.goaml.export', { caseId, rentityId: 1 })).rejects.toThrow(/in MXN, USD: a goAML report states every amount in one local currency/);
  });
});

describe('goAML export: the reporting institution\'s clients and foreign-currency legs', () => {
  const t = tempCore('goaml-myclient');
  afterAll(() => t.cleanup());

  it('writes accounts at the reporting institution as _my_client parties and a foreign leg with its rate, valid against the XSD', async () => {
    const xmllint = requireTool('xmllint');
    const caseId = (await newCase(t.core, 'TF-GOAML-MC')).id;
    const csv = writeFile(t.dir, 'mc.csv', 'date,from_account,to_account,amount,currency,to_amount,to_currency,reference\n2024-01-02,A1,B1,100.00,MXN,,,R1\n2024-01-03,A1,B1,10.00,USD,,,R2\n2024-01-04,A1,B1,1705.00,MXN,100.00,USD,R3\n');
    await importFile(t.core, caseId, csv);
    const db = t.core.writer.sqlite;
    db.prepare("INSERT INTO subjects (id, case_id, kind, name, born_on) VALUES ('00000000-0000-4000-8000-00000000a001', ?, 'person', 'Ana Ruiz', '1980-05-06')").run(caseId);
    db.prepare("UPDATE accounts SET holder_subject_id = '00000000-0000-4000-8000-00000000a001', institution = 'Banco Uno' WHERE case_id = ? AND identifier = 'A1'").run(caseId);
    const out = path.join(t.dir, 'mc.xml');
    await expect(t.core.call('interchange.goaml.export', { caseId, rentityId: 7, currency: 'MXN', path: out }, { trusted: true })).rejects.toThrow(/give the rate of USD/);
    const r = await t.core.call('interchange.goaml.export', { caseId, rentityId: 7, currency: 'MXN', rates: { USD: '17.05' }, myClientInstitution: 'banco uno', path: out }, { trusted: true });
    expect(r).toMatchObject({ transactions: 3, notMyClient: [] });
    const check = spawnSync(xmllint, ['--noout', '--schema', path.join(DIR, 'goAMLSchema-5.0.1.xsd'), out], { encoding: 'utf8' });
    expect(check.stderr.trim()).toBe(`${out} validates`);
    const xml = fs.readFileSync(out, 'utf8');
    expect(xml.match(/<t_from_my_client>/g)).toHaveLength(3);
    expect(xml.match(/<t_to>/g)).toHaveLength(3);
    expect(xml).toContain('<birthdate>1980-05-06T00:00:00</birthdate>');
    // R2: USD 10.00 at the given rate; R3: the recorded exchange gives its own rate (1705 / 100).
    expect(xml).toMatch(/<amount_local>170.50<\/amount_local>\s*<t_from_my_client>\s*<from_funds_code>-<\/from_funds_code>\s*<from_foreign_currency>\s*<foreign_currency_code>USD<\/foreign_currency_code>\s*<foreign_amount>10.00<\/foreign_amount>\s*<foreign_exchange_rate>17.05<\/foreign_exchange_rate>/);
    expect(xml).toMatch(/<to_foreign_currency>\s*<foreign_currency_code>USD<\/foreign_currency_code>\s*<foreign_amount>100.00<\/foreign_amount>\s*<foreign_exchange_rate>17.05<\/foreign_exchange_rate>/);
  });
});
