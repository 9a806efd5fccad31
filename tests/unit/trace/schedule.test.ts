import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { formatMinor } from '../../../core/money.js';
import { tempCore } from '../../helpers/core.js';
import { openDatabase } from '../../../db/connection.js';
import { buildSchedule } from '../../../core/trace/schedule.js';
import { caseMarks } from '../../../core/trace/run.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

/** Debian's python3 with python3-openpyxl (not a pyenv shim that lacks it): the independent XLSX reader. */
const PY = '/usr/bin/python3';

/**
 * Two victims (labels), a mule with a clean salary, a shell named in Chinese, a car dealer (external),
 * a cash withdrawal, an overdraft, a hostile memo, and a car bought with tainted money.
 */
async function scheduleCase() {
  env = tempCore('schedule');
  const { core } = env;
  const c = await core.call('cases.create', { number: 'TF-SCHED-1', title: 'Opération Tidewater', status: 'open' });
  const acc = async (identifier: string, holderName: string, external = false) =>
    core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier, holderName, currency: 'USD', external });
  const victimA = await acc('VICTIM-A', 'Zoë Ångström', true);
  const victimB = await acc('VICTIM-B', 'محمد الأحمد', true);
  const mule = await acc('MULE-1', 'José Müller');
  const shell = await acc('SHELL-1', '深圳贸易有限公司');
  const dealer = await acc('DEALER-1', 'Car Dealer', true);
  const employer = await acc('EMPLOYER-1', 'Employer', true);
  const tx = (from: { id: string } | null, to: { id: string } | null, amount: string, occurredAt: string, reference: string, memo = '') =>
    core.call('transactions.create', { caseId: c.id, fromAccountId: from?.id, toAccountId: to?.id, amount, currency: 'USD', occurredAt, reference, memo });
  await tx(employer, mule, '2000.00', '2024-01-02', 'SAL-1', 'salary');
  const fraudA = await tx(victimA, mule, '10000.00', '2024-01-05', 'WIRE-A');
  const fraudB = await tx(victimB, mule, '3000.00', '2024-01-05', 'WIRE-B', '=HYPERLINK("http://x","y")');
  await tx(mule, shell, '9000.00', '2024-01-06', 'L-1');
  const car = await tx(shell, dealer, '6000.00', '2024-01-08', '@CAR');
  await tx(mule, null, '500.00', '2024-01-09', 'ATM');
  // The shell pays out more than it holds: 5,000 with 3,000 left (overdraft of 2,000).
  await tx(shell, employer, '5000.00', '2024-01-10', 'OD-1');
  await core.call('taint.mark', { caseId: c.id, transactionIds: [fraudA.id], label: 'victim A' });
  await core.call('taint.mark', { caseId: c.id, transactionIds: [fraudB.id], label: 'victim B' });
  const asset = await core.call('assets.create', { caseId: c.id, type: 'other', description: 'Car 车', seizedOn: '2024-02-01', currency: 'USD', valueSeized: '6000.00' });
  await core.call('assets.linkAdd', { assetId: asset.id, transactionId: car.id });
  return { core, c, mule, shell, asset };
}

const csvRows = (file: string) => {
  const all = parse(fs.readFileSync(file, 'utf8'), { relax_column_count: true }) as string[][];
  const start = all.findIndex((r) => r[0] === 'Account');
  return { head: all.slice(0, start), heading: all[start], rows: all.slice(start + 1) };
};

describe('tracing schedule', () => {
  for (const method of ['fifo', 'libr', 'pro-rata', 'lifo', 'tainted-first'] as const) {
    it(`CSV (${method}): every row of every case account, running balances, provenance that adds up to the taint, closing figures = the trace`, async () => {
      const k = await scheduleCase();
      const result = await k.core.call('trace.run', { caseId: k.c.id, method });
      // As the renderer asks: no path, the file lands in the outbox to download by its id.
      const r = await k.core.call('trace.schedule', { caseId: k.c.id, method, format: 'csv' });
      expect(r.path).toBeUndefined();
      const out = path.join(k.core.dataDir, 'outbox', r.outputId!, r.name);
      expect(r.name).toBe(`schedule-TF-SCHED-1-${method}.csv`);
      const { head, heading, rows } = csvRows(out);
      const col = (h: string) => heading.indexOf(h);
      // Every transaction of the two case accounts, the clean salary too: mule 6 rows, shell 3.
      expect(rows.filter((x) => x[0] === 'MULE-1').map((x) => x[col('Reference')])).toEqual(['SAL-1', 'WIRE-A', 'WIRE-B', 'L-1', 'ATM']);
      expect(rows.filter((x) => x[0] === 'SHELL-1').map((x) => x[col('Reference')])).toEqual(['L-1', "'@CAR", 'OD-1']);
      expect(rows.find((x) => x[col('Reference')] === 'SAL-1')![col('Taint moved')]).toBe('');
      // Running balance: 2,000, 12,000, 15,000, 6,000, 5,500.
      expect(rows.filter((x) => x[0] === 'MULE-1').map((x) => x[col('Balance')])).toEqual(['2000.00', '12000.00', '15000.00', '6000.00', '5500.00']);
      // Balance = clean + tainted per label, on every row.
      for (const x of rows) {
        const cents = (s: string) => BigInt(s.replace('.', '') || '0');
        expect(cents(x[col('Clean')]) + cents(x[col('Tainted: victim A')]) + cents(x[col('Tainted: victim B')])).toBe(cents(x[col('Balance')]));
      }
      // Closing figures are the trace result's.
      for (const a of result.accounts.filter((a) => !a.external)) {
        const last = rows.filter((x) => x[0] === a.identifier).at(-1)!;
        expect(last[col('Balance')]).toBe(formatMinor(a.balanceMinor, 'USD'));
        expect([last[col('Tainted: victim A')], last[col('Tainted: victim B')]]).toEqual(a.taintedByLabel.map((t) => formatMinor(t, 'USD')));
      }
      // The overdraft is flagged on its row, with the money of unknown origin.
      expect(rows.find((x) => x[col('Reference')] === 'OD-1')![col('Overdraft (unknown origin)')]).toBe('2000.00');
      // A hostile memo never starts a formula.
      expect(rows.find((x) => x[col('Reference')] === 'WIRE-B')![col('Memo')]).toBe(`'=HYPERLINK("http://x","y")`);
      // The header states the rules and the data version.
      const facts = new Map(head.map((x) => [x[0], x[1]]));
      expect(facts.get('# Method')).toContain(method);
      expect(facts.get('# Rounding rule')).toContain('largest remainder');
      expect(facts.get('# Data version (audit head)')).toMatch(/^[0-9a-f]{64}$/);
      expect(head.filter((x) => x[0] === '# Conservation')[0][1]).toContain('(conserved)');
    });
  }

  it('provenance of every tainted debit and of the asset adds up exactly to its taint, per label, with routes', async () => {
    const k = await scheduleCase();
    const conn = openDatabase(env.dbPath);
    const sqlite = conn.sqlite;
    for (const method of ['fifo', 'lifo', 'pro-rata', 'libr', 'tainted-first'] as const) {
      const s = buildSchedule(sqlite, { caseId: k.c.id, method, marks: caseMarks(sqlite, k.c.id), params: {} }, {
        caseNumber: 'x', caseTitle: 'x', dataVersion: 'x', checkpoint: 'x', generatedAt: 'x', generatedBy: 'x',
      });
      let checked = 0;
      for (const a of s.accounts)
        for (const r of a.rows) {
          if (r.debitMinor === '' || r.movedMinor === '0') continue;
          s.header.labels.forEach((label, l) => {
            const shares = r.provenance.filter((p) => p.label === label).reduce((n, p) => n + BigInt(p.amountMinor), 0n);
            expect(shares).toBe(BigInt(r.movedByLabel[l]));
          });
          for (const p of r.provenance) {
            expect(p.hops[0]).toBe('MULE-1');
            expect(p.hops.at(-1)).toBe(r.counterparty || p.hops.at(-1));
          }
          checked++;
        }
      expect(checked).toBeGreaterThan(0);
      const car = s.assets[0];
      expect(car.provenance.reduce((n, p) => n + BigInt(p.amountMinor), 0n)).toBe(BigInt(car.taintedMinor));
      if (BigInt(car.taintedMinor) > 0n) expect(car.provenance[0].hops).toEqual(['MULE-1', 'SHELL-1', 'DEALER-1']);
      expect(s.sources.map((x) => [x.number, x.reference, x.label, x.amountMinor])).toEqual([
        [1, 'WIRE-A', 'victim A', '1000000'],
        [2, 'WIRE-B', 'victim B', '300000'],
      ]);
    }
    conn.sqlite.close();
  });

  it('XLSX read back by openpyxl: a summary and one sheet per account, amounts as numbers in currency formats, text never a formula', async () => {
    const k = await scheduleCase();
    const result = await k.core.call('trace.run', { caseId: k.c.id, method: 'pro-rata' });
    const out = path.join(env.dir, 's.xlsx');
    await k.core.call('trace.schedule', { caseId: k.c.id, method: 'pro-rata', format: 'xlsx', out }, { trusted: true });
    const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {}
for ws in wb.worksheets:
    out[ws.title] = [[{"v": c.value, "t": c.data_type, "f": c.number_format} for c in row] for row in ws.iter_rows()]
print(json.dumps(out, default=str))`;
    const books = JSON.parse(execFileSync(PY, ['-c', script, out], { encoding: 'utf8' })) as Record<string, { v: unknown; t: string; f: string }[][]>;
    expect(Object.keys(books)).toEqual(['Summary', 'MULE-1', 'SHELL-1']);
    const mule = books['MULE-1'];
    const heading = mule[1].map((c) => c.v);
    const bal = heading.indexOf('Balance');
    const rows = mule.slice(2);
    expect(rows.map((r) => r[bal].v)).toEqual([2000, 12000, 15000, 6000, 5500]);
    expect(rows[0][bal]).toMatchObject({ t: 'n', f: '#,##0.00 "USD"' });
    const closing = result.accounts.find((a) => a.identifier === 'MULE-1')!;
    const last = rows.at(-1)!;
    expect([last[heading.indexOf('Tainted: victim A')].v, last[heading.indexOf('Tainted: victim B')].v]).toEqual(closing.taintedByLabel.map((t) => Number(formatMinor(t, 'USD'))));
    const memo = rows.find((r) => r[heading.indexOf('Reference')].v === 'WIRE-B')![heading.indexOf('Memo')];
    expect(memo).toMatchObject({ t: 's', v: `'=HYPERLINK("http://x","y")` });
    const summaryText = books.Summary.flat().map((c) => String(c.v ?? '')).join('\n');
    expect(summaryText).toContain('深圳贸易有限公司');
    expect(summaryText).toContain('(conserved)');
    expect(summaryText).toContain('Car 车');
  });

  it('PDF read back by pdftotext: running headers, page x of y, figures and names in any script; A4 and Letter', async () => {
    const k = await scheduleCase();
    const result = await k.core.call('trace.run', { caseId: k.c.id, method: 'fifo' });
    for (const paper of ['a4', 'letter'] as const) {
      const out = path.join(env.dir, `s-${paper}.pdf`);
      await k.core.call('trace.schedule', { caseId: k.c.id, method: 'fifo', format: 'pdf', paper, out }, { trusted: true });
      const txt = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
      const pages = txt.split('\f').filter((p) => p.trim());
      expect(pages.length).toBeGreaterThanOrEqual(3);
      pages.forEach((p, i) => {
        expect(p).toContain(`Page ${i + 1} of ${pages.length}`);
        expect(p).toContain('Tracing schedule, case TF-SCHED-1, method fifo');
      });
      expect(txt).toContain('深圳贸易有限公司');
      expect(txt).toContain('José Müller');
      expect(txt).toContain('Opération Tidewater');
      const mule = result.accounts.find((a) => a.identifier === 'MULE-1')!;
      expect(txt).toContain(formatMinor(mule.taintedByLabel[0], 'USD').replace(/^(\d+)(\d{3})\./, '$1,$2.'));
      const info = execFileSync('pdfinfo', [out], { encoding: 'utf8' });
      // A4 landscape is 842 x 595 pt; Letter 792 x 612.
      expect(info).toMatch(paper === 'a4' ? /Page size:\s+841\.89 x 595\.28/ : /Page size:\s+792 x 612/);
    }
  });

  it('an empty result still makes a valid file: a case account with no transactions traced up to the cut-off', async () => {
    const k = await scheduleCase();
    const out = path.join(env.dir, 'early.xlsx');
    // Only the salary precedes the cut-off… but a mark after it is refused, so trace only victim A up to its day.
    const r = await k.core.call('trace.schedule', { caseId: k.c.id, method: 'libr', format: 'xlsx', out, params: { until: '2024-01-05', labels: ['victim A'] } }, { trusted: true });
    expect(r.rows).toBe(3);
    const names = execFileSync(PY, ['-c', 'import sys, openpyxl; print(openpyxl.load_workbook(sys.argv[1]).sheetnames)', out], { encoding: 'utf8' });
    expect(names.trim()).toBe("['Summary', 'MULE-1']");
  });
});

describe('methods side by side', () => {
  it('one call runs all five methods on the same marks: per account and asset the taint under each, with the range', async () => {
    const k = await scheduleCase();
    const cmp = await k.core.call('trace.compare', { caseId: k.c.id });
    expect(cmp.methods).toEqual(['fifo', 'lifo', 'pro-rata', 'libr', 'tainted-first']);
    const runs = await Promise.all(cmp.methods.map((method) => k.core.call('trace.run', { caseId: k.c.id, method })));
    for (const row of cmp.rows) {
      cmp.methods.forEach((_, m) => {
        const r = runs[m];
        const want = row.kind === 'asset' ? r.assets.find((a) => a.assetId === row.id)?.taintedMinor : r.accounts.find((a) => a.accountId === row.id)?.taintedMinor;
        expect(row.taintedMinor[m]).toBe(want ?? '0');
      });
      const v = row.taintedMinor.map(BigInt);
      expect(BigInt(row.minMinor)).toBe(v.reduce((a, b) => (b < a ? b : a)));
      expect(BigInt(row.maxMinor)).toBe(v.reduce((a, b) => (b > a ? b : a)));
    }
    // The car: FIFO says 4,666.67 of it is tainted, tainted-first all 6,000.
    const car = cmp.rows.find((r) => r.kind === 'asset')!;
    expect(car.name).toBe('Car 车');
    expect(car.taintedMinor[0]).toBe('466667');
    expect(car.taintedMinor[4]).toBe('600000');
    expect(car.maxMinor).toBe('600000');
    expect(cmp.rows.map((r) => r.name)).toContain('DEALER-1');
    expect(cmp.totals.every((t) => t.totals.every((x) => x.conserved))).toBe(true);
  });

  it('where same-day order is unknown, gives per method the best and the worst ordering for the claimant (worked by hand)', async () => {
    env = tempCore('same-day');
    const { core } = env;
    const c = await core.call('cases.create', { number: 'TF-SAMEDAY', title: 'Same-day order' });
    const acc = (identifier: string, external: boolean) => core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier, currency: 'USD', external });
    const [employer, victim, mule, shop] = [await acc('EMPLOYER', true), await acc('VICTIM', true), await acc('MULE', false), await acc('SHOP', true)];
    const tx = (from: string, to: string, amount: string, occurredAt: string) => core.call('transactions.create', { caseId: c.id, fromAccountId: from, toAccountId: to, amount, currency: 'USD', occurredAt });
    await tx(employer.id, mule.id, '2000.00', '2024-03-01');
    // The same date, no time: the bank does not say whether the 600 arrived before the 1,300 left.
    const fraud = await tx(victim.id, mule.id, '600.00', '2024-03-02');
    await tx(mule.id, shop.id, '1300.00', '2024-03-02');
    const cmp = await core.call('trace.compare', { caseId: c.id, marks: [{ transactionId: fraud.id, label: 'fraud' }] });
    expect(cmp.sameDayUnknown).toBe(true);
    expect(cmp.orderings[0]).toBe('recorded');
    // Methods: fifo, lifo, pro-rata, libr, tainted-first. The mule holds 2,000 clean.
    // Deposit first (as recorded): lots [2,000 clean, 600 tainted], then 1,300 leaves:
    //   FIFO takes clean: 600 stays; LIFO takes the 600 first: 0 stays; pro-rata takes half of 2,600: 300 stays;
    //   LIBR: the balance never falls below 600 (1,300 left): 600 stays; tainted-first: 0 stays.
    // Payment first: 1,300 leaves 700 clean, then the 600 arrives: 600 stays under every method.
    const mRow = cmp.rows.find((r) => r.id === mule.id)!;
    expect(mRow.taintedMinor).toEqual(['60000', '0', '30000', '60000', '0']);
    expect(mRow.bestMinor).toEqual(['60000', '0', '30000', '60000', '0']);
    expect(mRow.worstMinor).toEqual(['60000', '60000', '60000', '60000', '60000']);
    // The shop got what left the mule: the other side of the same orderings.
    const sRow = cmp.rows.find((r) => r.id === shop.id)!;
    expect(sRow.taintedMinor).toEqual(['0', '60000', '30000', '0', '60000']);
    expect(sRow.bestMinor).toEqual(['0', '0', '0', '0', '0']);
    expect(sRow.worstMinor).toEqual(['0', '60000', '30000', '0', '60000']);
  });
});
