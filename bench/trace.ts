/**
 * npm run bench:trace — traces a 1,000,000-transaction case by each method, from 100 tainted
 * deposits, and prints each time as a ratio of the floor measured in the same run on the same
 * data: one ordered scan of the transactions out of SQLite (the same query the trace reads with).
 * Target: every method within 2x the scan. Then the crypto-scale case: the same traffic in ETH wei
 * (amounts past 2^53; target within 3x of its own scan). Options: --small (100,000 transactions),
 * --runs N, --labels N, --only fiat|crypto.
 */
import { performance } from 'node:perf_hooks';
import { openDatabase } from '../db/connection.js';
import { TRACE_METHODS } from '../core/trace/engine.js';
import { runTrace } from '../core/trace/run.js';
import { benchCase, FULL, type BenchSize } from './trace-data.js';
import { isPositiveMinor } from '../core/money.js';
import { LEDGER_SQL } from '../core/trace/ledger.js';

const args = process.argv.slice(2);
const small = args.includes('--small');
const runs = Number(args[args.indexOf('--runs') + 1]) || 3;
const labelCount = Number(args[args.indexOf('--labels') + 1]) || 1;
/** One label by default (one offence); --labels N spreads the deposits over N victims. */
const labelsOf = (i: number) => (labelCount === 1 ? 'fraud' : `victim-${i % labelCount}`);
const base: BenchSize = small ? { transactions: 100_000, accounts: 5_000, chains: 100 } : FULL;
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/**
 * CPU time of this process (all its threads, garbage collection included) and wall time. The ratio
 * is taken on CPU time: on a shared machine, wall time also counts the other programs' turns.
 */
function time(fn: () => void): { cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / 1000, wall: performance.now() - t0 };
}

function benchmark(size: BenchSize): void {
  console.log(`\n=== ${size.crypto ? 'crypto scale: ETH in wei, amounts past 2^53' : 'fiat: USD in cents'} ===`);
  console.log(`building or reusing the benchmark case: ${size.transactions.toLocaleString('en')} transactions, ${size.accounts.toLocaleString('en')} accounts...`);
  const t0 = performance.now();
  const bench = benchCase(size);
  console.log(`  ${bench.dbPath} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const conn = openDatabase(bench.dbPath, { readonly: true });
  const sqlite = conn.sqlite;

  /**
   * The floor: the case's transactions read once, in ledger order (time key, then entry order), with
   * what a trace reads of each (the trace's own query), each amount taken as the number it is.
   */
  function scan(): void {
    let n = 0;
    for (const row of sqlite.prepare(LEDGER_SQL).raw().iterate(bench.caseId, '\uffff', '\uffff') as IterableIterator<unknown[]>) {
      n++;
      if (BigInt(row[3] as string) <= 0n) throw new Error('a transaction without an amount');
    }
    if (n !== bench.transactions) throw new Error(`scan read ${n} rows`);
  }

  scan(); // warm the page cache, so neither side pays for the disk

  // The machine is shared: each method run is paired with a scan run just before it, and the ratio
  // reported is the median of those pairs, so a burst of load elsewhere hits both sides alike.
  const marks = bench.tainted.map((transactionId, i) => ({ transactionId, label: labelsOf(i) }));
  const scans: number[] = [];
  const scanWalls: number[] = [];
  const rows: Record<string, { cpu: number[]; wall: number[]; ratios: number[]; summary: string }> = {};
  for (let round = 0; round < runs; round++)
    for (const method of TRACE_METHODS) {
      const floor = time(scan);
      scans.push(floor.cpu);
      scanWalls.push(floor.wall);
      let result!: ReturnType<typeof runTrace>;
      const t = time(() => (result = runTrace(sqlite, { caseId: bench.caseId, method, marks, params: {} })));
      const row = (rows[method] ??= { cpu: [], wall: [], ratios: [], summary: '' });
      row.cpu.push(t.cpu);
      row.wall.push(t.wall);
      row.ratios.push(t.cpu / floor.cpu);
      const holding = result.accounts.filter((a) => isPositiveMinor(a.taintedMinor)).length;
      row.summary = `${String(result.transactions.length).padStart(10)}   ${String(holding).padStart(22)}   ${result.totals.every((x) => x.conserved) ? 'yes' : 'NO'}`;
    }

  console.log(
    `\nfloor: one ordered scan of ${bench.transactions.toLocaleString('en')} transactions out of SQLite: ` +
      `${median(scans).toFixed(0)} ms CPU, ${median(scanWalls).toFixed(0)} ms wall (median of ${scans.length})`,
  );
  console.log(`${marks.length} tainted deposits, ${new Set(marks.map((m) => m.label)).size} label(s)\n`);
  console.log('method         CPU ms   wall ms   x scan (CPU)   tainted tx   accounts holding taint   conserved');
  let worst = 0;
  for (const method of TRACE_METHODS) {
    const r = rows[method];
    const ratio = median(r.ratios);
    worst = Math.max(worst, ratio);
    console.log(`${method.padEnd(13)} ${median(r.cpu).toFixed(0).padStart(7)}   ${median(r.wall).toFixed(0).padStart(7)}   ${ratio.toFixed(2).padStart(11)}x   ${r.summary}`);
  }
  console.log(`\nslowest method: ${worst.toFixed(2)}x the scan (target: within ${size.crypto ? 3 : 2}x)`);
  conn.close();
}

if (only !== 'crypto') benchmark(base);
if (only !== 'fiat') benchmark({ ...base, crypto: true });
