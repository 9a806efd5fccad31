/**
 * npm run bench:contention [-- rows]
 * The served app (web bridge, in this process) and a `proceeds import` of a ledger CSV (1,000,000 rows
 * by default) in another process, on one database file. Measures read latency over HTTP with no import
 * running (the baseline, same run, same database), then while the import runs, with a write every
 * 50 reads; prints p50/p99 of both, their ratio (the goal: p99 within 3x) and how many writes failed
 * (the goal: none; they queue behind the import).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Core } from '../core/core.js';
import { startBridge } from '../core/bridge/server.js';
import { writeLedgerCsv } from './import-data.js';

const rows = Number(process.argv[2] ?? process.env.BENCH_ROWS ?? 1_000_000);
const here = path.dirname(fileURLToPath(import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-bench-contention-'));
const dbPath = path.join(dir, 'bench.sqlite');

const core = new Core({ dbPath, actor: { user: 'bench', agency: 'bench' } });
await core.call('cases.create', { number: 'BENCH-1', title: 'Contention' });
const bridge = await startBridge({ core });
const csv = path.join(dir, 'ledger.csv');
await writeLedgerCsv(csv, rows);

async function call(method: string, body: unknown): Promise<{ ms: number; ok: boolean; code?: string }> {
  const t = performance.now();
  const r = await fetch(`${bridge.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${bridge.token}` }, body: JSON.stringify(body) });
  const json = (await r.json()) as { ok: boolean; error?: { code: string } };
  return { ms: performance.now() - t, ok: json.ok, code: json.error?.code };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};

const baseline: number[] = [];
for (let i = 0; i < 500; i++) baseline.push((await call('cases.list', {})).ms);

const importer = spawn(process.execPath, [path.join(here, '../cli/proceeds.mjs'), '--db', dbPath, '--json', 'import', csv, '--case', 'BENCH-1'], { stdio: ['ignore', 'pipe', 'pipe'] });
let importerErr = '';
importer.stderr!.on('data', (d) => (importerErr += d));
let running = true;
const exited = new Promise<number | null>((resolve) => importer.once('exit', (code) => {
  running = false;
  resolve(code);
}));

const during: number[] = [];
const writes: Promise<{ ms: number; ok: boolean; code?: string }>[] = [];
let n = 0;
while (running) {
  during.push((await call('cases.list', {})).ms);
  // Writes are not awaited here: they queue behind the import while reads go on.
  if (++n % 50 === 0) writes.push(call('cases.create', { number: `BENCH-W${n}`, title: 'written during the import' }));
}
const code = await exited;
const written = await Promise.all(writes);
if (code !== 0) console.error(`the import failed (exit ${code}):\n${importerErr}`);

const row = (name: string, xs: number[]) => `${name.padEnd(22)} n=${String(xs.length).padStart(6)}  p50 ${pct(xs, 50).toFixed(2)} ms  p99 ${pct(xs, 99).toFixed(2)} ms  max ${Math.max(...xs).toFixed(2)} ms`;
console.log(`bench:contention, ${rows} rows imported by another process into the database the served app has open`);
console.log(row('reads, no import', baseline));
console.log(row('reads, during import', during));
console.log(`p99 ratio during/baseline: ${(pct(during, 99) / pct(baseline, 99)).toFixed(2)}x (goal <= 3x)`);
console.log(`writes during the import: ${written.length}, failed: ${written.filter((w) => !w.ok).length}${written.some((w) => !w.ok) ? ` (${[...new Set(written.filter((w) => !w.ok).map((w) => w.code))].join(', ')})` : ''}, longest wait ${Math.max(0, ...written.map((w) => w.ms)).toFixed(0)} ms`);

await bridge.close();
core.close();
fs.rmSync(dir, { recursive: true, force: true });
