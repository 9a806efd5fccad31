/**
 * npm run bench:bundle — exports and verifies a case of 100,000 transactions and 1 GiB of exhibits,
 * plain and sealed (age, to a receiving installation that then decrypts and verifies it), against
 * baselines run on the same bytes in the same rounds: `sha256sum` (the target: each at least 0.7x
 * of it), and Debian's `age` sealing the zip / opening the sealed file. Ours and the baseline run
 * alternately (which goes first swaps each round), for BENCH_ROUNDS rounds; medians of the per-round
 * ratios are printed for wall time and for CPU time (all our threads; the baseline's user+system),
 * with the load average, since the machine this runs on is often shared. Every export includes
 * what the user waits for: unlocking the key file (scrypt), selecting the records, the zip, the
 * signatures, the seal. Then the bomb: ~6 MB signed by a key the receiver does not know,
 * one entry inflating to ~4 GB, timed to its refusal (target under 1 s).
 *   BENCH_TX=100000 BENCH_EXHIBIT_MB=1024 BENCH_ROUNDS=3 npm run bench:bundle
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Core } from '../core/core.js';
import { verifyBundle } from '../core/bundle/verify.js';
import { decryptSecretKey, encryptSecretKey, generateSigningKey, publicKeyText } from '../core/keys/secret-key.js';
import { trustedKeyFrom } from '../core/keys/keyring.js';
import { fingerprint } from '../core/keys/minisign.js';
import { buildBenchCase } from './bundle-data.js';
import { buildBomb } from './bundle-bomb.js';
import { baseline, load, median, ours, Pairing, type Sample } from './bundle-measure.js';

const TX = Number(process.env.BENCH_TX ?? 100_000);
const EXHIBIT_MB = Number(process.env.BENCH_EXHIBIT_MB ?? 1024);
const FILES = Number(process.env.BENCH_EXHIBIT_FILES ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const TARGET = 0.7;
const MB = 1e6;
const PASS = 'bench passphrase';

/** Ours and the baselines of one comparison, in the order this round runs them. */
async function pair(round: number, mine: () => Promise<Sample>, bases: (() => Sample)[]): Promise<{ o: Sample; b: Sample[] }> {
  if (round % 2 === 0) {
    const o = await mine();
    return { o, b: bases.map((f) => f()) };
  }
  const b = bases.map((f) => f());
  return { o: await mine(), b };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-bundle-'));
  const core = new Core({ dbPath: path.join(dir, 'bench.sqlite'), actor: { user: 'bench', agency: 'Bench Agency' } });
  const rc = new Core({ dbPath: path.join(dir, 'receiver.sqlite'), dataDir: path.join(dir, 'receiver-data'), actor: { user: 'bench', agency: 'Receiving Agency' } });
  try {
    process.stdout.write(`building the case: ${TX} transactions, ${FILES} exhibits, ${EXHIBIT_MB} MB... (load average ${load()})\n`);
    const { caseId, exhibitBytes } = buildBenchCase(core, { transactions: TX, exhibitBytes: EXHIBIT_MB * MB, exhibitFiles: FILES });
    const key = generateSigningKey('Bench Agency');
    const keyFile = path.join(dir, 'bench.key');
    fs.writeFileSync(keyFile, JSON.stringify(await encryptSecretKey(key, PASS)));
    const keyring = [trustedKeyFrom(publicKeyText(key), { agencyName: 'Bench Agency' })];
    // The receiving installation: its own agency key, trusting the sender's key; the sender knows its age recipient.
    const rk = await rc.call('keys.create', { agency: 'Receiving Agency', protection: 'passphrase', passphrase: PASS });
    await core.call('keyring.add', { publicKey: rk.publicKey, agencyName: 'Receiving Agency', confirmFingerprint: rk.fingerprint, ageRecipient: rk.ageRecipient! });
    await rc.call('keyring.add', { publicKey: publicKeyText(key), agencyName: 'Bench Agency', confirmFingerprint: fingerprint(key.publicKey) });
    const idFile = path.join(dir, 'receiver.identity');
    fs.writeFileSync(idFile, `${(rc.writer.sqlite.prepare('SELECT age_identity AS i FROM signing_keys').get() as { i: string }).i}\n`, { mode: 0o600 });

    const plainOut = path.join(dir, 'plain', 'bench.zip');
    const sealedOut = path.join(dir, 'sealed', 'bench.zip');
    const ageOut = path.join(dir, 'age-out');
    const rssBefore = process.memoryUsage.rss();
    let zipBytes = 0;
    let sealedBytes = 0;
    const exportPlain = new Pairing('export plain (unlock, zip, sign)', 'sha256sum', 0);
    const verifyPlain = new Pairing('verify plain (every check)', 'sha256sum', 0);
    const exportSealed = new Pairing('export sealed (unlock, zip, sign, age)', 'sha256sum', 0);
    const exportSealedAge = new Pairing('export sealed', 'age -r', 0);
    const openSealed = new Pairing('decrypt + verify sealed', 'sha256sum', 0);
    const openSealedAge = new Pairing('decrypt + verify sealed', 'age -d', 0);
    const unlock: Sample[] = [];
    const peaks = { exportPlain: 0, verifyPlain: 0, exportSealed: 0, openSealed: 0 };

    for (let round = 0; round < ROUNDS; round++) {
      process.stdout.write(`round ${round + 1}/${ROUNDS} (load average ${load()})\n`);
      unlock.push(await ours(() => decryptSecretKey(JSON.parse(fs.readFileSync(keyFile, 'utf8')), PASS)));
      fs.rmSync(path.dirname(plainOut), { recursive: true, force: true });
      // The first export of a round has no zip yet to run sha256sum on: it always goes first.
      const ep = await ours(() => core.call('bundles.export', { caseId, recipients: ['Receiving Agency'], keyFile, passphrase: PASS, out: plainOut, unencrypted: true }, { trusted: true }));
      exportPlain.add(ep, baseline('sha256sum', [plainOut]));
      peaks.exportPlain = Math.max(peaks.exportPlain, ep.peakRss);
      zipBytes = fs.statSync(plainOut).size;

      const vp = await pair(round, () => ours(() => verifyBundle(plainOut, { keyring })), [() => baseline('sha256sum', [plainOut])]);
      if (!(vp.o as Sample & { result: { ok: boolean } }).result.ok) throw new Error('the benchmark bundle did not verify');
      verifyPlain.add(vp.o, vp.b[0]);
      peaks.verifyPlain = Math.max(peaks.verifyPlain, vp.o.peakRss);

      let sealedFile = '';
      const es = await pair(
        round,
        async () => {
          const r = await ours(() => core.call('bundles.export', { caseId, recipients: ['Receiving Agency'], keyFile, passphrase: PASS, out: sealedOut }, { trusted: true }));
          sealedFile = r.result.file!;
          return r;
        },
        [() => baseline('sha256sum', [plainOut]), () => baseline('age', ['-r', rk.ageRecipient!, '-o', ageOut, plainOut])],
      );
      exportSealed.add(es.o, es.b[0]);
      exportSealedAge.add(es.o, es.b[1]);
      peaks.exportSealed = Math.max(peaks.exportSealed, es.o.peakRss);
      sealedBytes = fs.statSync(sealedFile).size;

      const os_ = await pair(
        round,
        async () => {
          const r = await ours(() => rc.call('bundles.verify', { file: { path: sealedFile } }, { trusted: true }));
          if (!r.result.ok || !r.result.sealed) throw new Error(`the sealed benchmark bundle did not verify: ${JSON.stringify(r.result.problems.slice(0, 3))}`);
          return r;
        },
        [() => baseline('sha256sum', [sealedFile]), () => baseline('age', ['-d', '-i', idFile, '-o', ageOut, sealedFile])],
      );
      openSealed.add(os_.o, os_.b[0]);
      openSealedAge.add(os_.o, os_.b[1]);
      peaks.openSealed = Math.max(peaks.openSealed, os_.o.peakRss);
      fs.rmSync(ageOut, { force: true });
    }

    // The bomb, from a key the receiver has never seen.
    const stranger = generateSigningKey('Stranger');
    const strangerKey = path.join(dir, 'stranger.key');
    fs.writeFileSync(strangerKey, JSON.stringify(await encryptSecretKey(stranger, PASS)));
    const bombDir = path.join(dir, 'bomb');
    fs.mkdirSync(bombDir);
    const bomb = await buildBomb(bombDir, strangerKey, PASS);
    const bombRuns = [];
    for (let i = 0; i < 3; i++) bombRuns.push(await ours(() => rc.call('bundles.verify', { file: { path: bomb.file } }, { trusted: true })));
    const bver = bombRuns[bombRuns.length - 1];
    const bombMs = median(bombRuns.map((r) => r.wall)) * 1000;

    const above = (peak: number) => `+${Math.max(0, Math.round((peak - rssBefore) / MB))} MB (peak RSS ${Math.round(peak / MB)} MB)`;
    const rate = (bytes: number, s: number) => `${(bytes / MB / s).toFixed(0)} MB/s`;
    const u = { wall: median(unlock.map((x) => x.wall)), cpu: median(unlock.map((x) => x.cpu)) };
    process.stdout.write(
      [
        '',
        `scale: ${TX} transactions, ${FILES} exhibits of ${(exhibitBytes / FILES / MB).toFixed(0)} MB (${(exhibitBytes / MB).toFixed(0)} MB); zip ${(zipBytes / MB).toFixed(0)} MB, sealed ${(sealedBytes / MB).toFixed(0)} MB; ${ROUNDS} rounds, ${os.cpus().length} CPUs, load average now ${load()}`,
        `ratios are baseline/ours (>= ${TARGET} is the target), medians over the rounds (range in brackets); CPU = user+system of all threads`,
        exportPlain.line(TARGET),
        verifyPlain.line(TARGET),
        exportSealed.line(TARGET),
        exportSealedAge.line(null),
        openSealed.line(TARGET),
        openSealedAge.line(null),
        `throughput (median wall): export plain ${rate(zipBytes, median(exportPlain.rounds.map((r) => r.ours.wall)))}, verify ${rate(zipBytes, median(verifyPlain.rounds.map((r) => r.ours.wall)))}, export sealed ${rate(zipBytes, median(exportSealed.rounds.map((r) => r.ours.wall)))}, decrypt + verify ${rate(sealedBytes, median(openSealed.rounds.map((r) => r.ours.wall)))}; sha256sum ${rate(zipBytes, median(exportPlain.rounds.map((r) => r.base.wall)))}`,
        `each export includes unlocking the key file: scrypt (N=2^17, 128 MiB) alone took ${u.wall.toFixed(2)} s wall, ${u.cpu.toFixed(2)} s CPU (median)`,
        `memory above start, for ${(exhibitBytes / MB).toFixed(0)} MB of exhibits (exports include the 128 MiB of scrypt):`,
        `  export plain ${above(peaks.exportPlain)}; verify plain ${above(peaks.verifyPlain)}; export sealed ${above(peaks.exportSealed)}; decrypt + verify ${above(peaks.openSealed)}`,
        `bomb: ${(fs.statSync(bomb.file).size / MB).toFixed(1)} MB signed by an unknown key, one entry inflating to ${(bomb.inflatesTo / MB).toFixed(0)} MB:`,
        `  refused in ${bombMs.toFixed(0)} ms (median of ${bombRuns.length}; target < 1000 ms) [${bombMs < 1000 ? 'ok' : 'SLOW'}], CPU ${(median(bombRuns.map((r) => r.cpu)) * 1000).toFixed(0)} ms: state ${bver.result.state}, opened ${bver.result.opened}, ${bver.result.problems.map((p) => p.code).join(', ')}; memory ${above(bver.peakRss)}`,
        '',
      ].join('\n'),
    );
  } finally {
    rc.close();
    core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
