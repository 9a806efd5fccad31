/**
 * npm run bench:bundle — exports and verifies a case of 100,000 transactions and 1 GiB of exhibits,
 * and prints MB/s next to `sha256sum` of the same bytes, measured in the same run on the same files.
 * Target: export and verify each at least 0.7x sha256sum; memory flat in the size of the exhibits.
 *   BENCH_TX=100000 BENCH_EXHIBIT_MB=1024 npm run bench:bundle
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Core } from '../core/core.js';
import { verifyBundle } from '../core/bundle/verify.js';
import { encryptSecretKey, generateSigningKey, publicKeyText } from '../core/keys/secret-key.js';
import { trustedKeyFrom } from '../core/keys/keyring.js';
import { buildBenchCase } from './bundle-data.js';

const TX = Number(process.env.BENCH_TX ?? 100_000);
const EXHIBIT_MB = Number(process.env.BENCH_EXHIBIT_MB ?? 1024);
const FILES = Number(process.env.BENCH_EXHIBIT_FILES ?? 16);
const MB = 1e6;

/** Peak resident memory over a piece of work, sampled every 20 ms. */
async function measured<T>(work: () => Promise<T>): Promise<{ result: T; seconds: number; peakRss: number }> {
  let peak = process.memoryUsage.rss();
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
  const t0 = process.hrtime.bigint();
  try {
    const result = await work();
    return { result, seconds: Number(process.hrtime.bigint() - t0) / 1e9, peakRss: Math.max(peak, process.memoryUsage.rss()) };
  } finally {
    clearInterval(timer);
  }
}

function sha256sumSeconds(files: string[]): number {
  const t0 = process.hrtime.bigint();
  execFileSync('sha256sum', files, { stdio: ['ignore', 'ignore', 'inherit'] });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bundle-'));
  const core = new Core({ dbPath: path.join(dir, 'bench.sqlite'), actor: { user: 'bench', agency: 'Bench Agency' } });
  try {
    process.stdout.write(`building the case: ${TX} transactions, ${FILES} exhibits, ${EXHIBIT_MB} MB...\n`);
    const { caseId, exhibitBytes } = buildBenchCase(core, { transactions: TX, exhibitBytes: EXHIBIT_MB * MB, exhibitFiles: FILES });
    const key = generateSigningKey('Bench Agency');
    const keyFile = path.join(dir, 'bench.key');
    fs.writeFileSync(keyFile, JSON.stringify(await encryptSecretKey(key, 'bench passphrase')));
    const out = path.join(dir, 'out', 'bench.zip');
    const rssBefore = process.memoryUsage.rss();

    const exp = await measured(() =>
      core.call('bundles.export', { caseId, recipients: ['Receiving Agency'], keyFile, passphrase: 'bench passphrase', out, unencrypted: true }, { trusted: true }),
    );
    const zipBytes = fs.statSync(out).size;
    // Same bytes, same run: sha256sum over the zip the export wrote (the bytes it produced) ...
    const sumZip = sha256sumSeconds([out]);
    const ver = await measured(() => verifyBundle(out, { keyring: [trustedKeyFrom(publicKeyText(key), { agencyName: 'Bench Agency' })] }));
    if (!ver.result.ok) throw new Error(`the benchmark bundle did not verify: ${JSON.stringify(ver.result.problems.slice(0, 3))}`);
    // ... and once more after verifying, so neither side is favoured by the page cache.
    const sumZip2 = sha256sumSeconds([out]);
    const baseline = Math.min(sumZip, sumZip2);

    const rate = (s: number) => zipBytes / MB / s;
    const line = (label: string, s: number) => `${label.padEnd(28)} ${s.toFixed(2).padStart(7)} s ${rate(s).toFixed(0).padStart(6)} MB/s`;
    const exportKey = Math.max(0, Math.round(exp.peakRss / MB - rssBefore / MB));
    process.stdout.write(
      [
        '',
        `bundle: ${TX} transactions, ${FILES} exhibits of ${(exhibitBytes / FILES / MB).toFixed(0)} MB, zip ${(zipBytes / MB).toFixed(0)} MB`,
        line('sha256sum (baseline)', baseline),
        `${line('export (hash, zip, sign)', exp.seconds)}  = ${(baseline / exp.seconds).toFixed(2)}x sha256sum (target >= 0.7x)`,
        `${line('verify (every check)', ver.seconds)}  = ${(baseline / ver.seconds).toFixed(2)}x sha256sum (target >= 0.7x)`,
        `peak memory above start: export +${exportKey} MB (of which 128 MiB is scrypt unlocking the key), verify +${Math.max(0, Math.round((ver.peakRss - rssBefore) / MB))} MB, for ${(exhibitBytes / MB).toFixed(0)} MB of exhibits`,
        '',
      ].join('\n'),
    );
  } finally {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
