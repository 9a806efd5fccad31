/**
 * npm run bench:schedule — the tracing schedule of a 100,000-transaction trace (5,000 accounts,
 * 100 marked deposits, pro-rata so the taint spreads widest) written as XLSX and as PDF, each as a
 * ratio of writing the very same rows as CSV in the same run (target: within 5x). Also shows what
 * building the schedule (trace + per-row balances + provenance) costs against the plain trace.
 * Options: --runs N, --method M, --transactions N.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../db/connection.js';
import { runTrace } from '../core/trace/run.js';
import { buildSchedule } from '../core/trace/schedule.js';
import { writeScheduleCsv } from '../core/trace/schedule-csv.js';
import { writeScheduleXlsx } from '../core/trace/schedule-xlsx.js';
import { writeSchedulePdf } from '../core/trace/schedule-pdf.js';
import type { TraceMethod } from '../core/trace/engine.js';
import { benchCase } from './trace-data.js';

const args = process.argv.slice(2);
const opt = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const runs = Number(opt('--runs')) || 3;
const method = (opt('--method') ?? 'pro-rata') as TraceMethod;
const transactions = Number(opt('--transactions')) || 100_000;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
async function time(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

const bench = benchCase({ transactions, accounts: Math.max(50, transactions / 20), chains: 100 });
const conn = openDatabase(bench.dbPath, { readonly: true });
const sqlite = conn.sqlite;
const marks = bench.tainted.map((transactionId) => ({ transactionId, label: 'fraud' }));
const req = { caseId: bench.caseId, method, marks, params: {} };
const meta = { caseNumber: 'BENCH', caseTitle: 'bench', dataVersion: '0'.repeat(64), checkpoint: 'none', generatedAt: new Date().toISOString(), generatedBy: 'bench' };
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-schedule-'));

const traceMs: number[] = [];
const buildMs: number[] = [];
let schedule!: ReturnType<typeof buildSchedule>;
for (let i = 0; i < runs; i++) {
  traceMs.push(await time(() => runTrace(sqlite, req)));
  buildMs.push(await time(() => (schedule = buildSchedule(sqlite, req, meta))));
}
const rows = schedule.accounts.reduce((n, a) => n + a.rows.length, 0);
const tainted = schedule.accounts.reduce((n, a) => n + a.rows.filter((r) => r.movedMinor !== '0').length, 0);
console.log(`${transactions.toLocaleString('en')} transactions, ${method}: schedule of ${schedule.accounts.length.toLocaleString('en')} accounts, ${rows.toLocaleString('en')} rows (${tainted.toLocaleString('en')} moving taint), ${schedule.sources.length} sources`);
console.log(`build schedule ${median(buildMs).toFixed(0)} ms vs plain trace ${median(traceMs).toFixed(0)} ms: ${(median(buildMs) / median(traceMs)).toFixed(2)}x`);

// Each writer run is paired with a CSV run just before it, so load elsewhere on the machine hits both.
const result: Record<string, { ms: number[]; ratio: number[]; size: number }> = {};
for (let i = 0; i < runs; i++)
  for (const [name, write] of [
    ['xlsx', (f: string) => writeScheduleXlsx(schedule, f)],
    ['pdf', (f: string) => writeSchedulePdf(schedule, f)],
  ] as const) {
    const csvFile = path.join(dir, 's.csv');
    const csv = await time(() => writeScheduleCsv(schedule, csvFile));
    const file = path.join(dir, `s.${name}`);
    const ms = await time(() => write(file));
    const r = (result[name] ??= { ms: [], ratio: [], size: 0 });
    r.ms.push(ms);
    r.ratio.push(ms / csv);
    r.size = fs.statSync(file).size;
    (result.csv ??= { ms: [], ratio: [], size: 0 }).ms.push(csv);
    result.csv.size = fs.statSync(csvFile).size;
  }
console.log(`csv  ${median(result.csv.ms).toFixed(0)} ms (baseline), ${(result.csv.size / 1e6).toFixed(1)} MB`);
for (const name of ['xlsx', 'pdf']) {
  const r = result[name];
  const ratio = median(r.ratio);
  console.log(`${name.padEnd(4)} ${median(r.ms).toFixed(0)} ms, ${(r.size / 1e6).toFixed(1)} MB: ${ratio.toFixed(2)}x the CSV (target <= 5x) ${ratio <= 5 ? 'OK' : 'OVER'}`);
}
fs.rmSync(dir, { recursive: true, force: true });
conn.close();
