import fs from 'node:fs';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore, callError } from '../../helpers/core.js';
import { count, importFile, newCase, writeFile } from './helpers.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

const txs = (importId: string) =>
  env.core.writer.sqlite
    .prepare('SELECT occurred_at AS at, amount_minor AS amount, from_account_id AS f, to_account_id AS t, memo, counterparty_name AS name FROM transactions WHERE import_id = ? ORDER BY seq')
    .all(importId) as { at: string; amount: number; f: string | null; t: string | null; memo: string; name: string }[];

const preview = (file: string, extra: Record<string, unknown> = {}) =>
  env.core.call('imports.preview', { file: { path: file }, ...extra }, { trusted: true }) as Promise<any>;

describe('bank CSV detection: encoding, delimiter, numbers, dates', () => {
  it('UTF-16 with BOM, semicolons, "1.234,56", DD.MM.YYYY, CRLF and a quoted field spanning lines', async () => {
    env = tempCore('csv-utf16');
    const c = await newCase(env.core);
    const text = [
      'Buchungstag;Betrag;Währung;Verwendungszweck;Empfänger',
      '07.03.2024;-1.234,56;EUR;"Miete März\r\nzweite Zeile";Müller GmbH',
      '08.03.2024;2.000,00;EUR;Gehalt;Firma Ä',
      '09.03.2024;-0,99;EUR;Gebühr;Bank',
    ].join('\r\n') + '\r\n';
    const file = writeFile(env.dir, 'umsatz.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]));
    const p = await preview(file);
    expect(p.encoding).toBe('utf-16le');
    expect(p.csv.delimiter).toBe(';');
    expect(p.csv.suggestion.mapping).toMatchObject({ decimal: ',', thousands: '.', dateFormat: 'DD.MM.YYYY', columns: { date: 0, amount: 1, currency: 2, counterpartyName: 4, description: [3] } });
    const r = await importFile(env.core, c.id, file, { account: { identifier: 'DE89 3704 0044 0532 0130 00' } });
    expect(r.imported).toBe(3);
    const rows = txs(r.importId);
    expect(rows.map((x) => [x.at, x.amount])).toEqual([['2024-03-07', '123456'], ['2024-03-08', '200000'], ['2024-03-09', '99']]);
    expect(rows[0].memo).toBe('Miete März zweite Zeile');
    expect(rows[1].name).toBe('Firma Ä');
    // Money out leaves the statement account; money in arrives there.
    expect(rows[0].f).not.toBeNull();
    expect(rows[1].t).toBe(rows[0].f);
  });

  it('Windows-1252, tabs, "1 234,56" thousands with spaces, separate debit and credit columns', async () => {
    env = tempCore('csv-1252');
    const c = await newCase(env.core);
    const text = 'Date\tLibellé\tDébit\tCrédit\n2024-03-07\tLoyer février\t1 234,56\t\n2024-03-08\tVirement reçu\t\t10 000,00\n';
    const file = writeFile(env.dir, 'releve.csv', iconv.encode(text, 'windows-1252'));
    const p = await preview(file);
    expect(p.encoding).toBe('windows-1252');
    expect(p.csv.delimiter).toBe('\t');
    expect(p.csv.suggestion.mapping).toMatchObject({ decimal: ',', thousands: ' ', columns: { date: 0, debit: 2, credit: 3, description: [1] } });
    const r = await importFile(env.core, c.id, file, { account: { identifier: 'FR76-1', currency: 'EUR' } });
    expect(txs(r.importId).map((x) => [x.amount, x.memo, x.f !== null])).toEqual([['123456', 'Loyer février', true], ['1000000', 'Virement reçu', false]]);
  });

  it('"1,234.56" with pipes, and UTF-8 with a BOM', async () => {
    env = tempCore('csv-pipe');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'stmt.csv', '\ufeffdate|amount|currency|description\n2024-03-07|"-1,234.56"|USD|Rent\n2024-03-08|12,000.00|USD|Wire in\n');
    const r = await importFile(env.core, c.id, file, { account: { identifier: '12345678' } });
    expect(txs(r.importId).map((x) => x.amount)).toEqual(['123456', '1200000']);
  });

  it('asks for the day/month order when every day is 12 or less, and reads what the user chose', async () => {
    env = tempCore('csv-ambiguous');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'us.csv', 'Date,Amount,Description\n03/07/2024,-10.00,Coffee\n04/08/2024,-20.00,Lunch\n');
    const p = await preview(file);
    expect(p.csv.suggestion.dateAmbiguous).toBe(true);
    expect(p.csv.suggestion.dateFormats).toEqual(expect.arrayContaining(['DD/MM/YYYY', 'MM/DD/YYYY']));
    const err = await callError(env.core, 'imports.run', { caseId: c.id, file: { path: file }, currency: 'USD', account: { identifier: 'A-1' } }).catch(() => null);
    // Untrusted callers cannot pass paths; the trusted call below is the real check.
    expect(err?.code).toBe('Forbidden');
    await expect(importFile(env.core, c.id, file, { currency: 'USD', account: { identifier: 'A-1' } })).rejects.toMatchObject({
      code: 'Invalid',
      issues: [{ path: 'mapping.dateFormat' }],
    });
    const mapping = { ...p.csv.suggestion.mapping, currency: 'USD', delimiter: ',', headerLine: 1 };
    const us = await importFile(env.core, c.id, file, { mapping: { ...mapping, dateFormat: 'MM/DD/YYYY' }, account: { identifier: 'A-1' } });
    expect(txs(us.importId).map((x) => x.at)).toEqual(['2024-03-07', '2024-04-08']);
    const c2 = await newCase(env.core, 'TF-IMP-2');
    const eu = await importFile(env.core, c2.id, file, { mapping: { ...mapping, dateFormat: 'DD/MM/YYYY' }, account: { identifier: 'A-1' } });
    expect(txs(eu.importId).map((x) => x.at)).toEqual(['2024-07-03', '2024-08-04']);
  });

  it('saves a mapping by name and offers it again when the same header comes back', async () => {
    env = tempCore('csv-saved');
    const c = await newCase(env.core);
    const header = 'Posted,Value,Memo\n';
    const a = writeFile(env.dir, 'jan.csv', header + '01/02/2024,-5.00,A\n02/03/2024,7.00,B\n');
    const b = writeFile(env.dir, 'feb.csv', header + '03/04/2024,-1.00,C\n');
    const p = await preview(a);
    expect(p.csv.savedMapping).toBeNull();
    const mapping = { delimiter: ',', headerLine: 1, decimal: '.', dateFormat: 'DD/MM/YYYY', currency: 'CAD', columns: { date: 0, amount: 1, description: [2] } };
    await importFile(env.core, c.id, a, { mapping, saveMappingAs: 'Credit Union CA', account: { identifier: 'CU-1' } });
    const again = await preview(b);
    expect(again.csv.savedMapping.name).toBe('Credit Union CA');
    expect(again.csv.parsed[0]).toMatchObject({ line: 2, ok: true, occurredAt: '2024-04-03', amount: '1.00', direction: 'out' });
    // Without a mapping, the saved one for this header is used (the day/month order is not asked again).
    const r = await importFile(env.core, c.id, b, { account: { identifier: 'CU-1' } });
    expect(txs(r.importId).map((x) => x.at)).toEqual(['2024-04-03']);
    const byName = await env.core.call('imports.mappings.list', {});
    expect(byName.map((m) => m.name)).toEqual(['Credit Union CA']);
  });
});

describe('rows that cannot be read', () => {
  const BAD = [
    'date,amount,currency,description',
    '2024-03-01,10.00,USD,ok one', // line 2
    '2024-03-02,12x,USD,not a number', // line 3
    '2024-02-30,5.00,USD,impossible date', // line 4
    ',5.00,USD,no date', // line 5
    '2024-03-03,7.00,USD,"multi', // line 6
    'line"', // line 7 (the same record)
    '2024-03-04,1.00,USD', // line 8: a field short
    '2024-03-05,2.00,USD,ok two', // line 9
  ].join('\n') + '\n';

  it('lists each with its line, raw text and reason; imports the rest; keeps them with the import', async () => {
    env = tempCore('csv-bad');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'bad.csv', BAD);
    const r = await importFile(env.core, c.id, file, { account: { identifier: 'ACC-1' } });
    expect(r.imported).toBe(3);
    expect(r.rejected.map((x) => [x.line, x.raw])).toEqual([
      [3, '2024-03-02,12x,USD,not a number'],
      [4, '2024-02-30,5.00,USD,impossible date'],
      [5, ',5.00,USD,no date'],
      [8, '2024-03-04,1.00,USD'],
    ]);
    expect(r.rejected.map((x) => x.reason)).toEqual([
      '"12x" is not a number',
      '"2024-02-30" is not a real date in the form YYYY-MM-DD',
      'date is missing',
      'wrong column count: 3 fields, the header has 4',
    ]);
    expect(txs(r.importId).map((x) => x.memo)).toEqual(['ok one', 'multi line', 'ok two']);
    const stored = await env.core.call('imports.rejects', { importId: r.importId });
    expect(stored.total).toBe(4);
    const imp = await env.core.call('imports.get', { id: r.importId });
    expect(imp).toMatchObject({ importedCount: 3, rejectedCount: 4, duplicateCount: 0, fileName: 'bad.csv', format: 'csv' });
    // Exported as CSV, nothing is lost: each reject's raw text comes back intact.
    const out = await env.core.call('imports.exportRejects', { importId: r.importId }, { trusted: true });
    const back = parse(fs.readFileSync(out.path!, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(back.map((x) => [x.line, x.kind, x.raw])).toEqual(r.rejected.map((x) => [String(x.line), 'rejected', x.raw]));
    // One audit row for the import, not one per transaction.
    const audit = await env.core.call('audit.list', { caseId: c.id });
    expect(audit.rows.filter((a: { entity: string }) => a.entity === 'import')).toHaveLength(1);
    expect(audit.rows.filter((a: { entity: string }) => a.entity === 'transaction')).toHaveLength(0);
  });

  it('strict refuses the whole file, naming the lines, and leaves the database exactly as before', async () => {
    env = tempCore('csv-strict');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'bad.csv', BAD);
    const before = ['transactions', 'accounts', 'imports', 'import_rejects', 'audit_log'].map((t) => count(env.core, `SELECT count(*) AS n FROM ${t}`));
    const err = await importFile(env.core, c.id, file, { account: { identifier: 'ACC-1' }, strict: true }).catch((e) => e);
    expect(err.code).toBe('Invalid');
    expect(err.message).toMatch(/4 row\(s\) could not be read; strict/);
    expect(err.issues.map((i: { path: string }) => i.path)).toEqual(['line 3', 'line 4', 'line 5', 'line 8']);
    const after = ['transactions', 'accounts', 'imports', 'import_rejects', 'audit_log'].map((t) => count(env.core, `SELECT count(*) AS n FROM ${t}`));
    expect(after).toEqual(before);
    // The same file imports afterwards without strict: the refused attempt left no record behind.
    expect((await importFile(env.core, c.id, file, { account: { identifier: 'ACC-1' } })).imported).toBe(3);
  });
});
