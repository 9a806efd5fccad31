/**
 * npm run bench:cli — how long the `proceeds` command takes to start, as a ratio of a bare
 * `node -e 0` measured in the same run, pairwise (each CLI run follows a baseline run, so load on
 * the machine hits both alike). Two commands: `proceeds --help` (target: within 3x) and
 * `proceeds case list` on the demo database (target: within 4x). The CLI is the bundle
 * dist/cli/proceeds.mjs run through cli/proceeds.mjs, exactly what users run. `case list` runs on
 * a database the CLI verified before (the warm-up), as a user's second command does.
 * Options: --runs N (default 9; medians are reported).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildCli } from '../scripts/build-cli.mjs';

const args = process.argv.slice(2);
const runs = Number(args.includes('--runs') ? args[args.indexOf('--runs') + 1] : '9');
const BIN = path.resolve('cli/proceeds.mjs');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function timed(argv: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', env: { ...process.env, PROCEEDS_HOME: home } });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}

await buildCli();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-bench-cli-'));
// The user's folder, where the CLI remembers verified databases (docs/audit-log.md): its own per run.
const home = path.join(dir, 'home');
const db = path.join(dir, 'demo.sqlite');
try {
  timed([BIN, '--db', db, 'demo']);
  const cases: [string, string[], number][] = [
    ['proceeds --help', [BIN, '--help'], 3],
    ['proceeds case list (demo database)', [BIN, '--db', db, 'case', 'list'], 4],
  ];
  // One warm-up of each: the first run pays for the disk cache, not for the CLI.
  timed(['-e', '0']);
  for (const [, argv] of cases) timed(argv);
  console.log(`runs: ${runs} pairs each; medians of wall time\n`);
  console.log('command'.padEnd(40) + 'cli ms'.padStart(9) + 'node -e 0'.padStart(11) + 'ratio'.padStart(8) + 'target'.padStart(8));
  for (const [name, argv, target] of cases) {
    const base: number[] = [];
    const cli: number[] = [];
    for (let i = 0; i < runs; i++) {
      base.push(timed(['-e', '0']));
      cli.push(timed(argv));
    }
    const ratio = median(cli) / median(base);
    console.log(name.padEnd(40) + median(cli).toFixed(0).padStart(9) + median(base).toFixed(0).padStart(11) + `${ratio.toFixed(2)}x`.padStart(8) + `${target}x`.padStart(8) + (ratio <= target ? '' : '  (over target)'));
  }
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
