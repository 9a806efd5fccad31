import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * The hub's schema drift (as tests/db/drift.test.ts for the desktop's SQLite): `drizzle-kit
 * generate` with drizzle.hub.config.ts's dialect and schema, run against a copy of
 * db/hub/migrations, must find nothing to write. drizzle-kit wants an out folder relative to the
 * working directory, hence the copies under node_modules/.cache.
 */
const root = path.join('node_modules/.cache', `proceeds-hub-drift-${process.pid}`);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

function generateInto(name: string, dropLast = false): { newFiles: string[]; output: string } {
  const out = path.join(root, name);
  fs.cpSync('db/hub/migrations', out, { recursive: true });
  if (dropLast) {
    // As if the newest migration had never been generated: the schema is then ahead of the folder.
    const journalFile = path.join(out, 'meta/_journal.json');
    const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { idx: number; tag: string }[] };
    const last = journal.entries.pop()!;
    fs.rmSync(path.join(out, `${last.tag}.sql`));
    fs.rmSync(path.join(out, 'meta', `${String(last.idx).padStart(4, '0')}_snapshot.json`));
    fs.writeFileSync(journalFile, JSON.stringify(journal, null, 2));
  }
  const before = new Set(fs.readdirSync(out));
  const r = spawnSync(process.execPath, ['node_modules/drizzle-kit/bin.cjs', 'generate', '--dialect', 'postgresql', '--schema', './db/hub/schema.ts', '--out', out], { encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`drizzle-kit generate failed: ${r.stderr || r.stdout}`);
  return { newFiles: fs.readdirSync(out).filter((f) => !before.has(f)), output: r.stdout };
}

describe('hub schema and migrations agree', () => {
  it('the config the docs name is the one checked here', async () => {
    const config = (await import('../../drizzle.hub.config.js')).default as { dialect: string; schema: string; out: string };
    expect(config).toMatchObject({ dialect: 'postgresql', schema: './db/hub/schema.ts', out: './db/hub/migrations' });
  });

  it('drizzle-kit generate finds no hub schema change without its migration', () => {
    const r = generateInto('current');
    expect(r.newFiles).toEqual([]);
    expect(r.output).toMatch(/No schema changes/);
  }, 120_000);

  it('the check sees drift: without the newest hub migration, generate writes one', () => {
    expect(generateInto('behind', true).newFiles.filter((f) => f.endsWith('.sql'))).toHaveLength(1);
  }, 120_000);
});
