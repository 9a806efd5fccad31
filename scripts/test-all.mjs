#!/usr/bin/env node
// The test step of `npm test`: the unit project and the end-to-end project run at the same time,
// in two vitest processes. Vitest runs projects of different worker counts one group after the
// other, so with e2e files one at a time (they each drive a browser) the e2e group used to start
// only when the last unit file ended, and its ~7 minutes came on top. An e2e file mostly waits on
// a browser and uses about one core; beside the unit files it fills what they leave idle.
// Extra arguments go to both (e.g. `--reporter=dot`). Exit code: non-zero when either fails.
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { ensureCli } from './build-cli.mjs';

// Both projects' global setup would rebuild the CLI bundle when a source is newer: build it once
// here first, so two processes never write (or read half of) the same file.
if (await ensureCli()) console.log('built dist/cli/proceeds.mjs (a source was newer)');

const vitest = new URL('../node_modules/vitest/vitest.mjs', import.meta.url).pathname;
const extra = process.argv.slice(2);

function run(project) {
  const child = spawn(process.execPath, [vitest, 'run', '--project', project, ...extra], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
  // Line by line with the project's name, so the two interleaved logs stay readable.
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on('line', (line) => console.log(`[${project}] ${line}`));
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ project, code: code ?? (signal ? 128 : 1) })));
}

const started = Date.now();
const results = await Promise.all([run('unit'), run('e2e')]);
const failed = results.filter((r) => r.code !== 0);
console.log(`\ntests: ${results.map((r) => `${r.project} ${r.code === 0 ? 'passed' : `FAILED (exit ${r.code})`}`).join(', ')} in ${Math.round((Date.now() - started) / 1000)} s`);
process.exitCode = failed.length ? 1 : 0;
