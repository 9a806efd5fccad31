import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { xlsxSheets } from '../../helpers/xlsx-closing.js';
import { smallCase, trustedError } from '../bundle/helpers.js';

describe('export.table: transactions, subjects, accounts, assets and trace results as CSV and XLSX', () => {
  const env = tempCore('exports');
  let small: Awaited<ReturnType<typeof smallCase>>;
  const file = (name: string) => path.join(env.dir, name);
  beforeAll(async () => {
    small = await smallCase(env, 'TF-EXP-1');
    await env.core.call('subjects.create', { caseId: small.caseId, kind: 'organisation', name: '=HYPERLINK("http://x","شركة 现金 Société")' });
  });
  afterAll(() => env.cleanup());

  it('writes the transactions in booked order, amounts as numbers in XLSX and exact text in CSV', async () => {
    const x = await env.core.call('export.table', { caseId: small.caseId, table: 'transactions', format: 'xlsx', out: file('tx.xlsx') }, { trusted: true });
    expect(x.rows).toBe(3);
    const sheet = xlsxSheets(file('tx.xlsx')).Transactions;
    const head = sheet[0] as string[];
    expect(sheet.slice(1).map((r) => r[head.indexOf('Amount')])).toEqual([1234.56, 99.01, 5000]);
    expect(sheet[1][head.indexOf('From holder')]).toBe('Jane Roe');
    await env.core.call('export.table', { caseId: small.caseId, table: 'transactions', format: 'csv', out: file('tx.csv') }, { trusted: true });
    const rows = parse(fs.readFileSync(file('tx.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Amount)).toEqual(['1234.56', '99.01', '5000.00']);
  });

  it('keeps names in any script and never starts a cell with a formula', async () => {
    await env.core.call('export.table', { caseId: small.caseId, table: 'subjects', format: 'csv', out: file('s.csv') }, { trusted: true });
    const csv = parse(fs.readFileSync(file('s.csv')), { bom: true, columns: true }) as Record<string, string>[];
    expect(csv.map((r) => r.Name)).toContain(`'=HYPERLINK("http://x","شركة 现金 Société")`);
    await env.core.call('export.table', { caseId: small.caseId, table: 'subjects', format: 'xlsx', out: file('s.xlsx') }, { trusted: true });
    const names = xlsxSheets(file('s.xlsx')).Subjects.slice(1).map((r) => r[0]);
    expect(names).toContain(`'=HYPERLINK("http://x","شركة 现金 Société")`);
    for (const t of ['accounts', 'assets'] as const) {
      const r = await env.core.call('export.table', { caseId: small.caseId, table: t, format: 'xlsx', out: file(`${t}.xlsx`) }, { trusted: true });
      expect(r.rows).toBe(t === 'accounts' ? 2 : 0);
    }
  });

  it('exports a trace result per account; refuses a trace with nothing marked, and a path from an untrusted caller', async () => {
    const [tx] = (await env.core.call('transactions.list', { caseId: small.caseId })).rows;
    await env.core.call('export.table', { caseId: small.caseId, table: 'trace', format: 'xlsx', trace: { method: 'libr', marks: [{ transactionId: tx.id, label: 'fraud' }], params: {} }, out: file('t.xlsx') }, { trusted: true });
    const t = xlsxSheets(file('t.xlsx'))['Trace (libr)'];
    const head = t[0] as string[];
    expect(head).toContain('Tainted: fraud');
    expect(t.slice(1).map((r) => r[head.indexOf('Tainted')]).reduce((a, b) => Number(a) + Number(b), 0)).toBeCloseTo(1234.56, 2);
    const err = await trustedError(env, 'export.table', { caseId: small.caseId, table: 'trace', format: 'csv', out: file('none.csv') }).catch((e) => e);
    expect(err.message).toMatch(/mark at least one|no marks|marked/i);
    expect((await env.core.call('export.table', { caseId: small.caseId, table: 'transactions', format: 'csv', out: 'x.csv' }).catch((e: Error) => e)) as Error).toMatchObject({ code: 'Forbidden' });
  });
});
