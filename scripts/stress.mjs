#!/usr/bin/env node
// npm run test:stress — the whole suite (`npm test`) three times in a row while two busy processes
// hog the CPU: a test that passes only on an idle machine (a fixed sleep, a race with a timer, a
// kill timed by a file size) fails here. Options: --runs N (default 3), --hogs N (default 2).
import { spawn, spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const opt = (name, fallback) => Number(args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const runs = opt('--runs', 3);
const hogs = opt('--hogs', 2);

// Each hog spins in a loop until it is killed.
const busy = Array.from({ length: hogs }, () => spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
const stop = () => {
  for (const h of busy) h.kill('SIGKILL');
};
process.on('exit', stop);
process.on('SIGINT', () => process.exit(130));

let failed = 0;
for (let i = 1; i <= runs; i++) {
  const t = Date.now();
  console.log(`\n=== test:stress run ${i} of ${runs} (${hogs} busy processes) ===`);
  const r = spawnSync('npm', ['test'], { stdio: 'inherit', env: { ...process.env, CI: process.env.CI ?? 'true' } });
  const ok = r.status === 0;
  if (!ok) failed++;
  console.log(`=== run ${i}: ${ok ? 'passed' : `FAILED (exit ${r.status})`} in ${Math.round((Date.now() - t) / 1000)} s ===`);
}
stop();
console.log(`\ntest:stress: ${runs - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
