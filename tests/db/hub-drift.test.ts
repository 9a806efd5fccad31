import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateInto, type DriftTarget } from '../helpers/drift.js';

/**
 * The hub's schema drift (as tests/db/drift.test.ts for the desktop's SQLite): `drizzle-kit
 * generate` with drizzle.hub.config.ts's dialect and schema, run against a copy of
 * db/hub/migrations, must find nothing to write. drizzle-kit wants an out folder relative to the
 * working directory, hence the copies under node_modules/.cache.
 */
const root = path.join('node_modules/.cache', `proceeds-hub-drift-${process.pid}`);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const TARGET: DriftTarget = { migrations: 'db/hub/migrations', dialect: 'postgresql', schema: './db/hub/schema.ts' };
const generate = (name: string, dropLast = false) => generateInto(root, TARGET, name, dropLast);

describe('hub schema and migrations agree', () => {
  it('the config the docs name is the one checked here', async () => {
    const config = (await import('../../drizzle.hub.config.js')).default as { dialect: string; schema: string; out: string };
    expect(config).toMatchObject({ dialect: 'postgresql', schema: './db/hub/schema.ts', out: './db/hub/migrations' });
  });

  it('drizzle-kit generate finds no hub schema change without its migration', () => {
    const r = generate('current');
    expect(r.newFiles).toEqual([]);
    expect(r.output).toMatch(/No schema changes/);
  }, 120_000);

  it('the check sees drift: without the newest hub migration, generate writes one', () => {
    expect(generate('behind', true).newFiles.filter((f) => f.endsWith('.sql'))).toHaveLength(1);
  }, 120_000);
});
