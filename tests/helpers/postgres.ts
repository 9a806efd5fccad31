// A real PostgreSQL for the hub's tests. .ci/run starts one and exports PROCEEDS_TEST_DATABASE_URL;
// without it, a throw-away cluster is made here (initdb + pg_ctl in a temp dir, as the postgres
// user when running as root). Without PostgreSQL, a developer's run skips with a warning; CI fails.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe } from 'vitest';

/** initdb's directory: on PATH, else Debian's /usr/lib/postgresql/<version>/bin. */
function pgBin(): string | undefined {
  const onPath = spawnSync('sh', ['-c', 'command -v initdb'], { encoding: 'utf8' }).stdout.trim();
  if (onPath) return path.dirname(fs.realpathSync(onPath));
  const root = '/usr/lib/postgresql';
  const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  return versions.map((v) => path.join(root, v, 'bin')).find((d) => fs.existsSync(path.join(d, 'initdb')));
}

export const postgresAvailable = () => Boolean(process.env.PROCEEDS_TEST_DATABASE_URL || pgBin());

/** `describe` for tests that need PostgreSQL: skipped with a warning without it, except in CI, where they fail. */
export function describeWithPostgres(): typeof describe {
  if (postgresAvailable() || process.env.CI) return describe;
  console.warn('PostgreSQL is not installed (apt-get install -y postgresql): the hub\'s PostgreSQL tests are skipped (they fail in CI)');
  return describe.skip as typeof describe;
}

export interface TestPostgres {
  url: string;
  stop(): void;
}

/** A fresh database on the CI server, or a throw-away cluster of our own. */
export function startPostgres(): TestPostgres {
  const shared = process.env.PROCEEDS_TEST_DATABASE_URL;
  if (shared) {
    const db = `hub_test_${process.pid}_${Date.now()}`;
    const admin = spawnSync('psql', [shared, '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${db}`], { encoding: 'utf8' });
    if (admin.status !== 0) throw new Error(`cannot create a test database on ${shared}: ${admin.stderr}`);
    const url = new URL(shared);
    url.pathname = `/${db}`;
    return { url: url.toString(), stop: () => void spawnSync('psql', [shared, '-c', `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`]) };
  }
  const bin = pgBin();
  if (!bin) throw new Error('PostgreSQL is required for this test (apt-get install -y postgresql; .ci/run installs it)');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
  const run = (cmd: string, args: string[]) => {
    const r = asRoot ? spawnSync('runuser', ['-u', 'postgres', '--', path.join(bin, cmd), ...args], { encoding: 'utf8' }) : spawnSync(path.join(bin, cmd), args, { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  };
  const data = path.join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  const port = 20000 + (process.pid % 20000);
  run('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    stop: () => {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
