import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { proceeds } from '../../helpers/cli.js';
import { formatMinor } from '../../../core/money.js';
import { scheduleClosings } from '../../helpers/xlsx-closing.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schedule-cli-'));
const db = path.join(dir, 'p.sqlite');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('proceeds trace --schedule', () => {
  it('writes the schedule of the demo case as XLSX, PDF and CSV, with the figures of trace --json', { timeout: 300_000 }, () => {
    expect(proceeds(['--db', db, 'demo']).status).toBe(0);
    const args = ['--db', db, 'trace', '--case', 'TF-2024-0117', '--tainted', 'WIRE-000323,WIRE-000329', '--method', 'libr'];
    const json = proceeds([...args, '--json']).json() as { accounts: { account: string; currency: string; external: boolean; balance_minor: string; tainted_minor: string }[] };
    const xlsx = path.join(dir, 'demo.xlsx');
    const r = proceeds([...args, '--schedule', xlsx, '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.json()).toMatchObject({ schedule: xlsx, format: 'xlsx', sources: 2 });
    // openpyxl reads each account sheet; its last row's balance and tainted figures are trace --json's.
    const sheets = scheduleClosings(xlsx, 'tainted').close;
    const internal = json.accounts.filter((a) => !a.external);
    expect(Object.keys(sheets).length).toBe(internal.length);
    let tainted = 0;
    for (const a of internal) {
      const [bal, t] = sheets[`${a.account}|${a.currency}`];
      expect(bal).toBe(Number(formatMinor(a.balance_minor, a.currency)));
      expect(t).toBe(Number(formatMinor(a.tainted_minor, a.currency)));
      if (t > 0) tainted++;
    }
    expect(tainted).toBeGreaterThan(0);

    const pdf = path.join(dir, 'demo.pdf');
    expect(proceeds([...args, '--schedule', pdf, '--paper', 'letter']).status).toBe(0);
    const txt = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    const pages = txt.split('\f').filter((p) => p.trim()).length;
    expect(txt).toContain(`Page ${pages} of ${pages}`);
    expect(txt).toContain('Lowest intermediate balance');

    const csv = path.join(dir, 'demo.csv');
    expect(proceeds([...args, '--schedule', csv]).status).toBe(0);
    expect(fs.readFileSync(csv, 'utf8')).toMatch(/^# Tracing schedule/);
  });

  it('trace --compare: every method side by side; its libr column is trace --method libr', { timeout: 120_000 }, () => {
    const base = ['--db', db, 'trace', '--case', 'TF-2024-0117', '--tainted', 'WIRE-000323,WIRE-000329'];
    const libr = proceeds([...base, '--method', 'libr', '--json']).json() as { accounts: { account: string; currency: string; tainted_minor: string }[] };
    const cmp = proceeds([...base, '--compare', '--json']).json() as { methods: string[]; rows: { kind: string; name: string; currency: string; tainted_minor: Record<string, string> }[] };
    expect(cmp.methods).toEqual(['fifo', 'lifo', 'pro-rata', 'libr', 'tainted-first']);
    const held = libr.accounts.filter((a) => a.tainted_minor !== '0');
    expect(held.length).toBeGreaterThan(0);
    for (const a of held) expect(cmp.rows.find((r) => r.kind === 'account' && r.name === a.account && r.currency === a.currency)!.tainted_minor.libr).toBe(a.tainted_minor);
  });

  it('refuses a file name without a known extension, naming the option', () => {
    const r = proceeds(['--db', db, 'trace', '--case', 'TF-2024-0117', '--tainted', 'WIRE-000323', '--method', 'fifo', '--schedule', path.join(dir, 'x.docx')]);
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('.pdf, .xlsx or .csv');
    expect(fs.existsSync(path.join(dir, 'x.docx'))).toBe(false);
  });
});
