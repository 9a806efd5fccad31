/**
 * npm run bench:goaml [-- rows]
 * The same 100,000 transfers (default) as a ledger CSV and as a goAML report; each imported into a
 * fresh database through the core, in its own process (bench/import-worker.ts). The ledger import
 * runs before and after the goAML one and is averaged, so other load on a shared machine weighs on
 * both sides. Target: goAML within 2x the ledger's time, peak RSS under 400 MB (the report streams).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeGoaml, writeLedger } from './goaml-data.js';

const rows = Number(process.argv[2] ?? process.env.BENCH_ROWS ?? 100_000);
const here = path.dirname(fileURLToPath(import.meta.url));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-bench-goaml-'));

interface Run { rows: number; ms: number; cpuMs: number; maxRssMB: number }

function importRun(file: string, n: number): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(here, 'import-worker.ts'), 'import', file, path.join(dir, `db-${n}.sqlite`)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`import of ${path.basename(file)} failed:\n${r.stderr}`);
  const run = JSON.parse(r.stdout.trim().split('\n').pop()!) as Run;
  if (run.rows !== rows) throw new Error(`${path.basename(file)}: imported ${run.rows} of ${rows}`);
  return run;
}

async function main() {
  const ledger = path.join(dir, 'ledger.csv');
  const goaml = path.join(dir, 'report.xml');
  await writeLedger(ledger, rows);
  await writeGoaml(goaml, rows);
  const before = importRun(ledger, 1);
  const g = importRun(goaml, 2);
  const after = importRun(ledger, 3);
  const base = { ms: (before.ms + after.ms) / 2, cpuMs: (before.cpuMs + after.cpuMs) / 2 };
  const ratio = g.ms / base.ms;
  const cpuRatio = g.cpuMs / base.cpuMs;
  const mb = (f: string) => (fs.statSync(f).size / 1048576).toFixed(1);
  process.stdout.write([
    `${rows.toLocaleString('en')} transfers: ledger CSV ${mb(ledger)} MB, goAML ${mb(goaml)} MB`,
    `  ledger CSV import  ${(base.ms / 1000).toFixed(1)} s (CPU ${(base.cpuMs / 1000).toFixed(1)} s; ${(before.ms / 1000).toFixed(1)} s before, ${(after.ms / 1000).toFixed(1)} s after)   peak RSS ${Math.max(before.maxRssMB, after.maxRssMB)} MB`,
    `  goAML import       ${(g.ms / 1000).toFixed(1)} s (CPU ${(g.cpuMs / 1000).toFixed(1)} s)   peak RSS ${g.maxRssMB} MB`,
    `goAML / ledger: ${ratio.toFixed(2)}x wall time, ${cpuRatio.toFixed(2)}x CPU time (target <= 2x): ${ratio <= 2 ? 'met' : 'NOT met'}; ` +
      `peak RSS ${g.maxRssMB} MB (target < 400 MB): ${g.maxRssMB < 400 ? 'met' : 'NOT met'}; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`,
  ].join('\n') + '\n');
  fs.rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  fs.rmSync(dir, { recursive: true, force: true });
  process.stderr.write(String(e?.stack ?? e) + '\n');
  process.exitCode = 1;
});
