/**
 * npm run bench:hub-ingest — the regional hub on a real PostgreSQL (issue 17):
 *  1. N agencies' signed bundles of M transactions each, taken by the hub's ingest (verification,
 *     witness, records, identifiers, assets), against PostgreSQL COPY of the same rows into the same
 *     tables (psql \copy, the tables emptied first, their indexes in place). Target: within 3x.
 *  2. The supervisor's dashboard (core/hub/totals.ts, by status, agency, case, period) against the
 *     same aggregate as one raw SQL statement on the same pool. Target: within 1.5x.
 *  3. The cross-agency match pass (core/hub/matches.ts, a supervisor's: every pair) against one
 *     sequential scan of hub_records (every row shared). Target: within 5x. The scan of
 *     hub_identifiers alone (what the pass reads) is printed too.
 * Each ratio is the median over --runs fresh databases (ingest, COPY) or repetitions (reads).
 *   DATABASE_URL=postgres://postgres@127.0.0.1:54331/postgres npm run bench:hub-ingest -- --agencies 100 --transactions 100000
 * Defaults (--agencies 4 --transactions 20000 --runs 3) fit a shared machine; the target scale is 100 x 100,000.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { openHubDb, rowsOf, type HubConnection } from '../db/hub/connection.js';
import { generateRawKeyPair } from '../core/keys/ed25519.js';
import { fingerprint } from '../core/keys/minisign.js';
import { importKeyring } from '../core/hub/keyring.js';
import { ingestBundle, type HubContext } from '../core/hub/ingest.js';
import { totals } from '../core/hub/totals.js';
import { matches } from '../core/hub/matches.js';
import { writeKeyringFile } from '../core/keys/keyring.js';
import { agencyBundle } from './hub-ingest-data.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: number) => (args.includes(`--${name}`) ? Number(args[args.indexOf(`--${name}`) + 1]) : dflt);
const AGENCIES = arg('agencies', 4);
const TX = arg('transactions', 20_000);
const RUNS = arg('runs', 3);
const READS = arg('reads', 7);
const ACCOUNTS = Math.max(20, Math.round(TX / 100));
const ASSETS = Math.max(10, Math.round(TX / 50));
const SHARED = 5;
const URL_ = process.env.DATABASE_URL ?? process.env.PROCEEDS_TEST_DATABASE_URL;
if (!URL_) {
  console.error('bench:hub-ingest needs a real PostgreSQL: DATABASE_URL=postgres://user@host:port/db (a role that may CREATE DATABASE)');
  process.exit(2);
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (x: number) => x.toFixed(2);
async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const r = await f();
  return [(performance.now() - t0) / 1000, r];
}

function psql(url: string, script: string): void {
  const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-q', '-X'], { input: script, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`psql failed: ${r.stderr}`);
}

function databaseUrl(name: string) {
  const u = new URL(URL_!);
  u.pathname = `/${name}`;
  return u.toString();
}

const TABLES = ['hub_records', 'hub_identifiers', 'hub_assets'] as const;

async function oneRun(run: number, bundles: { file: string; sha256: string; size: number }[], keyringFile: string, work: string) {
  const name = `hub_bench_${process.pid}_${run}`;
  psql(URL_!, `DROP DATABASE IF EXISTS ${name}; CREATE DATABASE ${name};`);
  const url = databaseUrl(name);
  let conn: HubConnection | undefined;
  try {
    conn = await openHubDb({ databaseUrl: url });
    await importKeyring(conn.db, keyringFile, 'agency');
    const key = generateRawKeyPair();
    const hub: HubContext = { db: conn.db, key: { ...key, fingerprint: fingerprint(key.publicKey) }, name: 'bench', dataDir: path.join(work, `hub-${run}`) };
    const [ingestS] = await timed(async () => {
      for (const b of bundles) {
        const r = await ingestBundle(hub, b.file, { sha256: b.sha256, size: b.size, sender: null });
        if (r.status !== 'stored') throw new Error(`bundle ${b.file} was not stored: ${r.status}`);
      }
    });
    const counts = Object.fromEntries(await Promise.all(TABLES.map(async (t) => [t, (await rowsOf<{ n: number }>(conn!.db, sql.raw(`SELECT count(*)::int AS n FROM ${t}`)))[0].n] as const)));
    const rows = Object.values(counts).reduce((a, b) => a + b, 0);

    // COPY baseline: the same rows, out to files, the tables emptied, then in again (timed).
    const copyDir = path.join(work, `copy-${run}`);
    fs.mkdirSync(copyDir, { recursive: true });
    psql(url, TABLES.map((t) => `\\copy ${t} TO '${path.join(copyDir, `${t}.copy`)}'`).join('\n'));
    psql(url, `TRUNCATE ${TABLES.join(', ')}; VACUUM ${TABLES.join(', ')};`);
    const t0 = performance.now();
    psql(url, `BEGIN;\n${TABLES.map((t) => `\\copy ${t} FROM '${path.join(copyDir, `${t}.copy`)}'`).join('\n')}\nCOMMIT;`);
    const copyS = (performance.now() - t0) / 1000;
    fs.rmSync(copyDir, { recursive: true, force: true });
    psql(url, `VACUUM ANALYZE ${TABLES.join(', ')};`);

    const supervisor = { name: 'Supervisor', fingerprint: 'bench', role: 'supervisor', key: null } as unknown as Parameters<typeof totals>[1];
    // Dashboard: each grouping through core/hub/totals.ts, then as raw SQL, alternated.
    const RAW: Record<string, string> = {
      status: 'status', agency: 'agency', case: "agency || ' ' || case_number", period: 'substr(seized_on, 1, 7)',
    };
    const dash: number[] = [];
    for (const by of Object.keys(RAW)) {
      const ratios: number[] = [];
      for (let i = 0; i < READS; i++) {
        const [ours, got] = await timed(() => totals(conn!.db, supervisor, { by }));
        const [raw, want] = await timed(() =>
          rowsOf<{ seized: string }>(conn!.db, sql.raw(`SELECT ${RAW[by]} AS key, currency, count(*)::int AS assets, sum(value_seized_minor)::text AS seized, coalesce(sum(value_realised_minor), 0)::text AS realised FROM hub_assets GROUP BY 1, currency ORDER BY 1, 2`)),
        );
        if (got.length !== want.length || got.some((g, k) => g.seizedMinor !== want[k].seized)) throw new Error(`totals by ${by} differ from the raw aggregate`);
        ratios.push(ours / raw);
      }
      dash.push(median(ratios));
    }

    // Match pass against sequential scans (hub_records: every row shared; hub_identifiers: what the pass reads).
    const matchRatios: number[] = [];
    const idRatios: number[] = [];
    let pairs = 0;
    let matchS = 0;
    let scanS = 0;
    for (let i = 0; i < READS; i++) {
      const [m, found] = await timed(() => matches(conn!.db, supervisor));
      pairs = found.length;
      const [scan] = await timed(() => rowsOf(conn!.db, sql`SELECT count(*), sum(length(record_id)) FROM hub_records`));
      const [idScan] = await timed(() => rowsOf(conn!.db, sql`SELECT count(*), sum(length(case_number || value)) FROM hub_identifiers`));
      matchRatios.push(m / scan);
      idRatios.push(m / idScan);
      matchS = m;
      scanS = scan;
    }
    return { ingestS, copyS, rows, counts, dash, match: median(matchRatios), matchVsIds: median(idRatios), pairs, matchS, scanS };
  } finally {
    await conn?.close();
    psql(URL_!, `DROP DATABASE IF EXISTS ${name} WITH (FORCE);`);
  }
}

async function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-hub-'));
  try {
    console.log(`bench:hub-ingest: ${AGENCIES} agencies x ${TX} transactions (${ACCOUNTS} accounts, ${ASSETS} assets each; ${SHARED} accounts shared with the next agency), ${RUNS} runs, PostgreSQL at ${new URL(URL_!).host}`);
    console.log(`load average before: ${os.loadavg().map(fmt).join(' ')} (${os.availableParallelism()} cores)`);
    const bundles: { file: string; sha256: string; size: number }[] = [];
    const keys = [];
    const t0 = performance.now();
    for (let i = 0; i < AGENCIES; i++) {
      const b = await agencyBundle(work, i, { transactions: TX, accounts: ACCOUNTS, assets: ASSETS, shared: SHARED });
      const bytes = fs.readFileSync(b.file);
      bundles.push({ file: b.file, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length });
      keys.push(b.trusted);
    }
    console.log(`built ${AGENCIES} signed bundles in ${fmt((performance.now() - t0) / 1000)} s (${fmt(bundles.reduce((a, b) => a + b.size, 0) / 1e6)} MB)`);
    const keyringFile = path.join(work, 'agencies.json');
    writeKeyringFile(keyringFile, keys);
    const results = [];
    for (let run = 0; run < RUNS; run++) {
      const r = await oneRun(run, bundles, keyringFile, work);
      results.push(r);
      console.log(
        `run ${run + 1}: ingest ${fmt(r.ingestS)} s, COPY ${fmt(r.copyS)} s (${r.rows} rows: ${Object.entries(r.counts).map(([t, n]) => `${t} ${n}`).join(', ')}) -> ${fmt(r.ingestS / r.copyS)}x; ` +
          `dashboard ${r.dash.map(fmt).join('/')}x (status/agency/case/period); match pass ${fmt(r.matchS * 1000)} ms, ${r.pairs} pairs, ${fmt(r.match)}x a scan of hub_records (${fmt(r.scanS * 1000)} ms), ${fmt(r.matchVsIds)}x a scan of hub_identifiers`,
      );
    }
    const ingest = median(results.map((r) => r.ingestS / r.copyS));
    const dash = median(results.map((r) => Math.max(...r.dash)));
    const match = median(results.map((r) => r.match));
    const matchIds = median(results.map((r) => r.matchVsIds));
    console.log(`\nmedian ratios over ${RUNS} runs (load average now ${os.loadavg().map(fmt).join(' ')}):`);
    console.log(`  ingest / COPY:                 ${fmt(ingest)}x  (target <= 3x)  ${ingest <= 3 ? 'ok' : 'OVER'}`);
    console.log(`  dashboard / raw SQL (worst):   ${fmt(dash)}x  (target <= 1.5x) ${dash <= 1.5 ? 'ok' : 'OVER'}`);
    console.log(`  match pass / seq scan:         ${fmt(match)}x  (target <= 5x)   ${match <= 5 ? 'ok' : 'OVER'}  (${fmt(matchIds)}x a scan of hub_identifiers alone)`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
