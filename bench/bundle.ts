/**
 * npm run bench:bundle — exports and verifies a case of 100,000 transactions and 1 GiB of exhibits,
 * plain and sealed (age, to a receiving installation that then decrypts and verifies it), and prints
 * MB/s next to two baselines measured in the same run on the same bytes: `sha256sum`, and Debian's
 * `age` sealing the zip / opening the sealed file. Then the bomb: ~6 MB signed by a key the
 * receiver does not know, one entry inflating to ~4 GB, timed to its refusal.
 * Target: each at least 0.7x sha256sum; memory flat in the size of the exhibits; the bomb under 1 s.
 *   BENCH_TX=100000 BENCH_EXHIBIT_MB=1024 npm run bench:bundle
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Core } from '../core/core.js';
import { verifyBundle } from '../core/bundle/verify.js';
import { decryptSecretKey, encryptSecretKey, generateSigningKey, publicKeyText } from '../core/keys/secret-key.js';
import { trustedKeyFrom } from '../core/keys/keyring.js';
import { fingerprint } from '../core/keys/minisign.js';
import { buildBenchCase } from './bundle-data.js';
import { buildBomb } from './bundle-bomb.js';

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

function timed(bin: string, args: string[]): number {
  const t0 = process.hrtime.bigint();
  execFileSync(bin, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  return Number(process.hrtime.bigint() - t0) / 1e9;
}
const sha256sumSeconds = (files: string[]) => timed('sha256sum', files);
/** The faster of two runs, so neither side is favoured by the page cache. */
const best = (f: () => number) => Math.min(f(), f());

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bundle-'));
  const core = new Core({ dbPath: path.join(dir, 'bench.sqlite'), actor: { user: 'bench', agency: 'Bench Agency' } });
  try {
    process.stdout.write(`building the case: ${TX} transactions, ${FILES} exhibits, ${EXHIBIT_MB} MB...\n`);
    const { caseId, exhibitBytes } = buildBenchCase(core, { transactions: TX, exhibitBytes: EXHIBIT_MB * MB, exhibitFiles: FILES });
    const key = generateSigningKey('Bench Agency');
    const keyFile = path.join(dir, 'bench.key');
    fs.writeFileSync(keyFile, JSON.stringify(await encryptSecretKey(key, 'bench passphrase')));
    // What every export pays before it writes a byte: scrypt (N=2^17, 128 MiB) unlocking the key.
    const unlock = await measured(() => decryptSecretKey(JSON.parse(fs.readFileSync(keyFile, 'utf8')), 'bench passphrase'));
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

    // Sealed: to a receiving installation with its own agency key, which trusts the sender's key.
    const rc = new Core({ dbPath: path.join(dir, 'receiver.sqlite'), dataDir: path.join(dir, 'receiver-data'), actor: { user: 'bench', agency: 'Receiving Agency' } });
    try {
      const rk = await rc.call('keys.create', { agency: 'Receiving Agency', protection: 'passphrase', passphrase: 'bench passphrase' });
      await core.call('keyring.add', { publicKey: rk.publicKey, agencyName: 'Receiving Agency', confirmFingerprint: rk.fingerprint, ageRecipient: rk.ageRecipient! });
      await rc.call('keyring.add', { publicKey: publicKeyText(key), agencyName: 'Bench Agency', confirmFingerprint: fingerprint(key.publicKey) });
      const sealedOut = path.join(dir, 'sealed', 'bench.zip');
      const sexp = await measured(() =>
        core.call('bundles.export', { caseId, recipients: ['Receiving Agency'], keyFile, passphrase: 'bench passphrase', out: sealedOut }, { trusted: true }),
      );
      const sealedFile = sexp.result.file!;
      const sealedBytes = fs.statSync(sealedFile).size;
      const sver = await measured(() => rc.call('bundles.verify', { file: { path: sealedFile } }, { trusted: true }));
      if (!sver.result.ok || !sver.result.sealed) throw new Error(`the sealed benchmark bundle did not verify: ${JSON.stringify(sver.result.problems.slice(0, 3))}`);
      // Baselines on the same bytes: sha256sum of the sealed file; Debian's age sealing the zip and opening the sealed file.
      const idFile = path.join(dir, 'receiver.identity');
      fs.writeFileSync(idFile, `${(rc.writer.sqlite.prepare('SELECT age_identity AS i FROM signing_keys').get() as { i: string }).i}\n`, { mode: 0o600 });
      const ageOut = path.join(dir, 'age-out');
      const sumSealed = best(() => sha256sumSeconds([sealedFile]));
      const ageEnc = best(() => timed('age', ['-r', rk.ageRecipient!, '-o', ageOut, out]));
      fs.rmSync(ageOut, { force: true });
      const ageDec = best(() => timed('age', ['-d', '-i', idFile, '-o', ageOut, sealedFile]));
      fs.rmSync(ageOut, { force: true });

      // The bomb, from a key the receiver has never seen.
      const stranger = generateSigningKey('Stranger');
      const strangerKey = path.join(dir, 'stranger.key');
      fs.writeFileSync(strangerKey, JSON.stringify(await encryptSecretKey(stranger, 'bench passphrase')));
      const bombDir = path.join(dir, 'bomb');
      fs.mkdirSync(bombDir);
      const bomb = await buildBomb(bombDir, strangerKey, 'bench passphrase');
      const bver = await measured(() => rc.call('bundles.verify', { file: { path: bomb.file } }, { trusted: true }));

      const rate = (bytes: number, s: number) => bytes / MB / s;
      const line = (label: string, bytes: number, s: number) => `${label.padEnd(36)} ${s.toFixed(2).padStart(7)} s ${rate(bytes, s).toFixed(0).padStart(6)} MB/s`;
      const ratio = (base: number, s: number, what: string) => `${(base / s).toFixed(2)}x ${what}`;
      const above = (peak: number) => `+${Math.max(0, Math.round((peak - rssBefore) / MB))} MB (peak RSS ${Math.round(peak / MB)} MB)`;
      const pass = (base: number, s: number) => (base / s >= 0.7 ? 'ok' : 'BELOW 0.7x');
      process.stdout.write(
        [
          '',
          `scale: ${TX} transactions, ${FILES} exhibits of ${(exhibitBytes / FILES / MB).toFixed(0)} MB (${(exhibitBytes / MB).toFixed(0)} MB); zip ${(zipBytes / MB).toFixed(0)} MB, sealed ${(sealedBytes / MB).toFixed(0)} MB`,
          `       (the issue's full scale: BENCH_TX=100000 BENCH_EXHIBIT_MB=1024)`,
          line('sha256sum of the zip (baseline)', zipBytes, baseline),
          line('sha256sum of the sealed file', sealedBytes, sumSealed),
          line('age -r, sealing the zip (baseline)', zipBytes, ageEnc),
          line('age -d, opening the sealed (baseline)', sealedBytes, ageDec),
          `${line('export plain (hash, zip, sign)', zipBytes, exp.seconds)}  = ${ratio(baseline, exp.seconds, 'sha256sum')} [${pass(baseline, exp.seconds)}]`,
          `${line('verify plain (every check)', zipBytes, ver.seconds)}  = ${ratio(baseline, ver.seconds, 'sha256sum')} [${pass(baseline, ver.seconds)}]`,
          `${line('export sealed (zip, sign, age)', zipBytes, sexp.seconds)}  = ${ratio(baseline, sexp.seconds, 'sha256sum')} [${pass(baseline, sexp.seconds)}], ${ratio(ageEnc, sexp.seconds, 'age -r')}`,
          `${line('decrypt + verify sealed', sealedBytes, sver.seconds)}  = ${ratio(sumSealed, sver.seconds, 'sha256sum')} [${pass(sumSealed, sver.seconds)}], ${ratio(ageDec, sver.seconds, 'age -d')}`,
          `  (each export includes unlocking the key: scrypt alone took ${unlock.seconds.toFixed(2)} s in this run)`,
          `memory above start, for ${(exhibitBytes / MB).toFixed(0)} MB of exhibits (each export includes 128 MiB of scrypt unlocking the key):`,
          `  export plain ${above(exp.peakRss)}; verify plain ${above(ver.peakRss)}; export sealed ${above(sexp.peakRss)}; decrypt + verify ${above(sver.peakRss)}`,
          `bomb: ${(fs.statSync(bomb.file).size / MB).toFixed(1)} MB signed by an unknown key, one entry inflating to ${(bomb.inflatesTo / MB).toFixed(0)} MB:`,
          `  refused in ${(bver.seconds * 1000).toFixed(0)} ms (target < 1000 ms) [${bver.seconds < 1 ? 'ok' : 'SLOW'}]: state ${bver.result.state}, opened ${bver.result.opened}, ${bver.result.problems.map((p) => p.code).join(', ')}; memory ${above(bver.peakRss)}`,
          '',
        ].join('\n'),
      );
    } finally {
      rc.close();
    }
  } finally {
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
