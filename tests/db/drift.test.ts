import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateInto, type DriftTarget } from '../helpers/drift.js';

/**
 * Schema drift: `drizzle-kit generate` run on db/schema against a copy of db/migrations must find
 * nothing to write. A schema change without its migration (or a migration edited by hand away
 * from the schema) fails here. drizzle-kit wants an out folder relative to the working directory,
 * hence the copies under node_modules/.cache.
 */
const root = path.join('node_modules/.cache', `proceeds-drift-${process.pid}`);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const TARGET: DriftTarget = { migrations: 'db/migrations', dialect: 'sqlite', schema: './db/schema/index.ts' };
const generate = (name: string, dropLast = false) => generateInto(root, TARGET, name, dropLast);

describe('schema and migrations agree', () => {
  it('drizzle-kit generate finds no schema change without its migration', () => {
    const r = generate('current');
    expect(r.newFiles).toEqual([]);
    expect(r.output).toMatch(/No schema changes/);
  }, 120_000);

  it('the check sees drift: without the newest migration, generate writes one', () => {
    expect(generate('behind', true).newFiles.filter((f) => f.endsWith('.sql'))).toHaveLength(1);
  }, 120_000);
});
