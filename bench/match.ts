/**
 * npm run bench:match [-- --small]
 * Matches the transfers of a 1,000,000-transaction case (50,000 accounts, both sides of 200,000
 * payments, bench/match-data.ts) through the core (`imports.links.match`: links written and
 * audited), and prints the time as a ratio of the floor measured in the same process on the same
 * rows just before: one ordered scan of the case's imported transactions with the columns the
 * matcher reads. Targets: under 3x the scan; peak RSS under 500 MB. Also checks the result: every
 * named pair linked, every anonymous one waiting for review.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { MATCH_CASE_ID, MATCH_FULL, matchCase, type MatchSize } from './match-data.js';

const args = process.argv.slice(2);
const size: MatchSize = args.includes('--small') ? { transactions: 100_000, accounts: 5_000, transfers: 20_000 } : MATCH_FULL;
const here = fileURLToPath(import.meta.url);

function cpu<T>(fn: () => T): { value: T; cpu: number; wall: number } {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const value = fn();
  const c = process.cpuUsage(c0);
  return { value, cpu: (c.user + c.system) / 1000, wall: performance.now() - t0 };
}

/** In a fresh process on a copy of the case: the scan, then the match; prints JSON. */
async function worker(dbPath: string) {
  const { Core } = await import('../core/core.js');
  const core = new Core({ dbPath, actor: { user: 'bench', agency: 'Bench' } });
  const sqlite = core.writer.sqlite;
  const { MATCH_COLUMNS_SQL } = await import('../core/import/transfer-match.js');
  const scanSql = `SELECT ${MATCH_COLUMNS_SQL} FROM transactions t WHERE case_id = ? AND import_id IS NOT NULL ORDER BY time_key, seq`;
  const scan = () => {
    let n = 0;
    for (const row of sqlite.prepare(scanSql).raw().iterate(MATCH_CASE_ID) as IterableIterator<unknown[]>) if (row[0]) n++;
    return n;
  };
  scan(); // warm the page cache for both sides
  const floor = cpu(scan);
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await core.call('imports.links.match', { caseId: MATCH_CASE_ID });
  const c = process.cpuUsage(c0);
  const match = { cpu: (c.user + c.system) / 1000, wall: performance.now() - t0 };
  const counts = Object.fromEntries((sqlite.prepare('SELECT status, count(*) AS n FROM transfer_links GROUP BY status').all() as { status: string; n: number }[]).map((r) => [r.status, r.n]));
  // A link is right when both rows carry the same amount and one is the payer's, the other the payee's statement of one payment.
  const wrong = (sqlite.prepare(
    `SELECT count(*) AS n FROM transfer_links l JOIN transactions d ON d.id = l.debit_tx_id JOIN transactions c ON c.id = l.credit_tx_id
     WHERE d.amount_minor <> c.amount_minor OR d.reference <> c.reference OR c.to_account_id IS NULL OR d.from_account_id IS NULL`,
  ).get() as { n: number }).n;
  core.close();
  console.log(JSON.stringify({ rows: floor.value, scanCpu: floor.cpu, scanWall: floor.wall, matchCpu: match.cpu, matchWall: match.wall, result, counts, wrong, maxRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

function main() {
  console.log(`building or reusing the case: ${size.transactions.toLocaleString('en')} transactions, ${size.accounts.toLocaleString('en')} accounts, both sides of ${size.transfers.toLocaleString('en')} transfers...`);
  const t0 = performance.now();
  const built = matchCase(size);
  console.log(`  ${built.dbPath} (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-bench-match-')), 'case.sqlite');
  fs.copyFileSync(built.dbPath, copy);
  const r = spawnSync(process.execPath, ['--import', 'tsx', here, '--worker', copy], { encoding: 'utf8', maxBuffer: 1 << 24 });
  fs.rmSync(path.dirname(copy), { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`bench worker failed:\n${r.stderr}`);
  const w = JSON.parse(r.stdout.trim().split('\n').pop()!);
  const ratio = w.matchCpu / w.scanCpu;
  console.log([
    `  ordered scan of ${w.rows.toLocaleString('en')} rows   ${(w.scanCpu / 1000).toFixed(2)} s CPU  (${(w.scanWall / 1000).toFixed(2)} s wall)`,
    `  imports.links.match              ${(w.matchCpu / 1000).toFixed(2)} s CPU  (${(w.matchWall / 1000).toFixed(2)} s wall)`,
    `  linked ${w.result.linked.toLocaleString('en')} (expected ${built.named.toLocaleString('en')}), for review ${w.result.suggested.toLocaleString('en')} (expected ${built.anonymous.toLocaleString('en')}), wrong pairs ${w.wrong}`,
    `  ratio match / scan                ${ratio.toFixed(2)}x CPU time (target < 3x): ${ratio < 3 ? 'met' : 'NOT met'}`,
    `  peak RSS                          ${w.maxRssMB} MB (target < 500 MB): ${w.maxRssMB < 500 ? 'met' : 'NOT met'}`,
  ].join('\n'));
}

if (args[0] === '--worker') await worker(args[1]);
else main();
