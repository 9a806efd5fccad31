/**
 * npm run bench:import [-- rows]
 * Generates a deterministic ledger CSV and a statement CSV (1,000,000 rows each by default), imports
 * each into a fresh database through the core, and measures in the same run, on the same rows, two
 * baselines (each run in its own process, every database fresh): a raw better-sqlite3 loop of prepared INSERTs into the transactions table in one
 * transaction, and Debian's sqlite3 CLI `.import` of the same file. Prints rows/s, ratios in wall and
 * CPU time (the CLI's from its shell's `times`), peak RSS.
 * Also imports each file into an encrypted database (docs/encryption-at-rest.md): target >= 0.8x of
 * the plain import, measured in the same run (BENCH_ENCRYPTED=0 skips it).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeLedgerCsv, writeStatementCsv } from './import-data.js';

const rows = Number(process.argv[2] ?? process.env.BENCH_ROWS ?? 1_000_000);
const here = path.dirname(fileURLToPath(import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-bench-import-'));

interface Run {
  rows: number;
  ms: number;
  cpuMs?: number;
  maxRssMB?: number;
}

function worker(...args: string[]): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'import-worker.ts'), ...args], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`bench worker ${args[0]} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Run;
}

/** Debian's sqlite3 CLI importing the same file into a table of the CSV's own columns. */
function sqliteCli(file: string, columns: string[], separator: string): Run | undefined {
  const which = spawnSync('sqlite3', ['-version'], { encoding: 'utf8' });
  if (which.status !== 0) return undefined;
  const db = path.join(dir, `cli-${path.basename(file)}.sqlite`);
  const script = [
    `CREATE TABLE t (${columns.map((c) => `"${c}" TEXT`).join(', ')});`,
    '.mode csv',
    `.separator "${separator}"`,
    `.import --skip 1 ${file} t`,
  ].join('\n');
  // bash's `times` prints the CPU time its children used: the CLI's own, as the workers report theirs.
  const t = performance.now();
  const r = spawnSync('bash', ['-c', 'sqlite3 "$1" >&2 && times', 'bench', db], { input: script, encoding: 'utf8' });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`sqlite3 .import failed: ${r.stderr}`);
  return { rows, ms, cpuMs: childCpuMs(r.stdout) };
}

/** The second line of `times` is the children's user and system time, e.g. "0m1.390s 0m0.180s". */
function childCpuMs(times: string): number | undefined {
  const m = times.trim().split('\n')[1]?.match(/(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/);
  return m ? Math.round((Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000) : undefined;
}

const rate = (r: Run) => Math.round((r.rows / r.ms) * 1000);
const cpuRate = (r: Run) => Math.round((r.rows / (r.cpuMs ?? r.ms)) * 1000);
const mb = (file: string) => (fs.statSync(file).size / 1048576).toFixed(1);

async function main() {
  const ledger = path.join(dir, 'ledger.csv');
  const statement = path.join(dir, 'statement.csv');
  process.stdout.write(`generating ${rows.toLocaleString('en')} rows of each file in ${dir} ...\n`);
  await writeLedgerCsv(ledger, rows);
  await writeStatementCsv(statement, rows);
  const cases = [
    { name: 'ledger CSV', file: ledger, raw: 'raw-ledger', account: undefined, columns: ['date', 'from_account', 'to_account', 'amount', 'currency', 'reference', 'memo', 'method'], sep: ',' },
    { name: 'statement CSV', file: statement, raw: 'raw-statement', account: 'DE89370400440532013000', columns: ['d', 'a', 'c', 'n', 'i', 'r', 'v'], sep: ';' },
  ];
  const lines: string[] = [];
  let worst = Infinity;
  let worstCpu = Infinity;
  let worstCli = Infinity;
  let worstCliCpu = Infinity;
  let floorCli = Infinity;
  let peak = 0;
  let worstEncrypted = Infinity;
  const withEncrypted = process.env.BENCH_ENCRYPTED !== '0';
  for (const c of cases) {
    // The baseline runs before and after the import and is averaged: other load on a shared machine
    // then weighs on both sides of the ratio alike.
    const before = worker(c.raw, String(rows), path.join(dir, `${c.raw}-1.sqlite`));
    const imported = worker('import', c.file, path.join(dir, `import-${c.raw}.sqlite`), ...(c.account ? [c.account] : []));
    if (imported.rows !== rows) throw new Error(`${c.name}: imported ${imported.rows} of ${rows} rows`);
    const encrypted = withEncrypted ? worker('import-encrypted', c.file, path.join(dir, `import-enc-${c.raw}.sqlite`), ...(c.account ? [c.account] : [])) : undefined;
    if (encrypted && encrypted.rows !== rows) throw new Error(`${c.name}: imported ${encrypted.rows} of ${rows} rows into the encrypted database`);
    const after = worker(c.raw, String(rows), path.join(dir, `${c.raw}-2.sqlite`));
    const raw: Run = { rows, ms: (before.ms + after.ms) / 2, cpuMs: ((before.cpuMs ?? 0) + (after.cpuMs ?? 0)) / 2 };
    const cli = sqliteCli(c.file, c.columns, c.sep);
    const ratio = rate(imported) / rate(raw);
    worst = Math.min(worst, ratio);
    worstCpu = Math.min(worstCpu, cpuRate(imported) / cpuRate(raw));
    peak = Math.max(peak, imported.maxRssMB ?? 0);
    if (cli) worstCli = Math.min(worstCli, rate(imported) / rate(cli));
    // CPU time is less disturbed by the other load on a shared machine; the raw loop shows what the 20-column rows alone cost.
    if (cli?.cpuMs) (worstCliCpu = Math.min(worstCliCpu, cpuRate(imported) / cpuRate(cli))), (floorCli = Math.min(floorCli, cpuRate(raw) / cpuRate(cli)));
    lines.push(
      `${c.name} (${mb(c.file)} MB, ${rows.toLocaleString('en')} rows)`,
      `  import (streaming, checks, dedupe)  ${rate(imported).toLocaleString('en').padStart(9)} rows/s   ${(imported.ms / 1000).toFixed(1)} s (CPU ${((imported.cpuMs ?? 0) / 1000).toFixed(1)} s)   peak RSS ${imported.maxRssMB} MB`,
      `  raw prepared INSERT loop           ${rate(raw).toLocaleString('en').padStart(9)} rows/s   ${(raw.ms / 1000).toFixed(1)} s (CPU ${((raw.cpuMs ?? 0) / 1000).toFixed(1)} s)   mean of ${(before.ms / 1000).toFixed(1)} s before and ${(after.ms / 1000).toFixed(1)} s after`,
      cli ? `  sqlite3 CLI .import                ${rate(cli).toLocaleString('en').padStart(9)} rows/s   ${(cli.ms / 1000).toFixed(1)} s${cli.cpuMs ? ` (CPU ${(cli.cpuMs / 1000).toFixed(1)} s)` : ''}` : '  sqlite3 CLI .import                (sqlite3 not installed: apt-get install sqlite3)',
      `  ratio import / raw INSERT loop      ${ratio.toFixed(2)}x wall time   ${(cpuRate(imported) / cpuRate(raw)).toFixed(2)}x CPU time   (target >= 0.50x)`,
      ...(cli ? [`  ratio import / sqlite3 .import      ${(rate(imported) / rate(cli)).toFixed(2)}x wall time${cli.cpuMs ? `   ${(cpuRate(imported) / cpuRate(cli)).toFixed(3)}x CPU time` : ''}   (target >= 0.20x)`] : []),
      ...(cli?.cpuMs ? [`  ratio raw INSERT loop / .import     ${(rate(raw) / rate(cli)).toFixed(2)}x wall time   ${(cpuRate(raw) / cpuRate(cli)).toFixed(3)}x CPU time   (the INSERTs alone, indexes kept row by row)`] : []),
      ...(encrypted
        ? [
            `  import into an encrypted database   ${rate(encrypted).toLocaleString('en').padStart(9)} rows/s   ${(encrypted.ms / 1000).toFixed(1)} s (CPU ${((encrypted.cpuMs ?? 0) / 1000).toFixed(1)} s)`,
            `  ratio encrypted / plain import      ${(rate(encrypted) / rate(imported)).toFixed(2)}x wall time   ${(cpuRate(encrypted) / cpuRate(imported)).toFixed(2)}x CPU time   (target >= 0.80x)`,
          ]
        : []),
    );
    if (encrypted) worstEncrypted = Math.min(worstEncrypted, cpuRate(encrypted) / cpuRate(imported));
  }
  lines.push(
    `worst ratio ${worst.toFixed(2)}x wall time, ${worstCpu.toFixed(2)}x CPU time (target >= 0.50x): ${worst >= 0.5 ? 'met' : 'NOT met'}; ` +
      (Number.isFinite(worstCli) ? `worst ratio to sqlite3 .import ${worstCli.toFixed(2)}x wall time${Number.isFinite(worstCliCpu) ? `, ${worstCliCpu.toFixed(3)}x CPU time (raw INSERT loop: ${floorCli.toFixed(3)}x)` : ''} (target >= 0.20x): ${worstCli >= 0.2 ? 'met' : 'NOT met'}; ` : '') +
      `peak RSS ${peak} MB (target < 400 MB): ${peak < 400 ? 'met' : 'NOT met'}; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
  );
  if (withEncrypted) lines.push(`encrypted import: worst ${worstEncrypted.toFixed(2)}x of the plain import in CPU time (target >= 0.80x): ${worstEncrypted >= 0.8 ? 'met' : 'NOT met'}`);
  process.stdout.write(lines.join('\n') + '\n');
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  fs.rmSync(dir, { recursive: true, force: true });
  process.stderr.write(String(e?.stack ?? e) + '\n');
  process.exitCode = 1;
});
