import { spawnSync } from 'node:child_process';
import path from 'node:path';

const BIN = path.resolve('cli/proceeds.mjs');

/** Runs the real `proceeds` command in a child process. */
export function proceeds(args: string[], opts: { env?: Record<string, string>; input?: string } = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...opts.env }, input: opts.input, timeout: 120_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}
