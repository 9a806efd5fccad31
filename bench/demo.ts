/**
 * npm run bench:demo — loading the demo case through the contract (`core.call('demo.load')`:
 * generation, agency look-ups, inserts, audit rows, one SQLite transaction) as a ratio of the
 * baseline measured in the same run: the same rows, already generated, written by raw
 * better-sqlite3 prepared statements in one transaction on a fresh database of the same schema.
 * Options: --scales 1,5 (default), --runs N (default 3; the median is reported).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { generateDemo, type DemoCase } from '../core/demo/world/index.js';
import { openDatabase } from '../db/connection.js';
import { Core } from '../core/core.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const scales = opt('--scales', '1,5').split(',').map(Number);
const runs = Number(opt('--runs', '3'));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

const TABLES: [keyof DemoCase, string][] = [
  ['agencies', 'agencies'], ['case', 'cases'], ['participants', 'case_participants'], ['subjects', 'subjects'], ['accounts', 'accounts'],
  ['transactions', 'transactions'], ['assets', 'assets'], ['assetStatusEvents', 'asset_status_events'], ['custodyEvents', 'custody_events'], ['assetLinks', 'asset_links'],
];

/** The baseline: the rows straight into SQLite, nothing else. */
function rawInsert(dbPath: string, demo: DemoCase): number {
  const conn = openDatabase(dbPath);
  const t0 = performance.now();
  conn.sqlite.exec('BEGIN IMMEDIATE');
  for (const [key, table] of TABLES) {
    const rows = ([] as Record<string, unknown>[]).concat(demo[key] as never);
    const keys = Object.keys(rows[0]);
    const stmt = conn.sqlite.prepare(`INSERT INTO ${table} (${keys.map(snake).join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`);
    for (const r of rows) stmt.run(keys.map((k) => (typeof r[k] === 'boolean' ? Number(r[k]) : r[k] ?? null)));
  }
  conn.sqlite.exec('COMMIT');
  const ms = performance.now() - t0;
  conn.close();
  return ms;
}

async function contractLoad(dbPath: string, seed: number, scale: number): Promise<number> {
  const core = new Core({ dbPath, actor: { user: 'bench', agency: 'bench' } });
  const t0 = performance.now();
  await core.call('demo.load', { seed, scale }, { trusted: true });
  const ms = performance.now() - t0;
  core.close();
  return ms;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-demo-'));
  console.log(`bench:demo — median of ${runs} runs; baseline: the same rows by raw prepared statements, one transaction`);
  console.log('scale'.padEnd(7) + 'transactions'.padStart(13) + 'generate ms'.padStart(13) + 'raw insert ms'.padStart(15) + 'demo.load ms'.padStart(14) + 'ratio'.padStart(8));
  try {
    for (const scale of scales) {
      const gen: number[] = [];
      const raw: number[] = [];
      const load: number[] = [];
      let size = 0;
      for (let run = 0; run < runs; run++) {
        const t0 = performance.now();
        const demo = generateDemo(7, scale);
        gen.push(performance.now() - t0);
        size = demo.transactions.length;
        raw.push(rawInsert(path.join(dir, `raw-${scale}-${run}.sqlite`), demo));
        load.push(await contractLoad(path.join(dir, `load-${scale}-${run}.sqlite`), 7, scale));
      }
      const ratio = median(load) / median(raw);
      console.log(
        String(scale).padEnd(7) + size.toLocaleString('en').padStart(13) + median(gen).toFixed(0).padStart(13) +
          median(raw).toFixed(0).padStart(15) + median(load).toFixed(0).padStart(14) + `${ratio.toFixed(2)}x`.padStart(8),
      );
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main();
