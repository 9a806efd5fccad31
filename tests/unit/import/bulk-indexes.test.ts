import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { writeLedgerCsv } from '../../../bench/import-data.js';
import { importFile, newCase } from './helpers.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

const indexSql = () =>
  env.core.writer.sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions' ORDER BY name").all();

describe('a large import rebuilds the transactions indexes instead of maintaining them row by row', () => {
  it('the indexes are exactly as before after a committed import and after a refused one', async () => {
    env = tempCore('bulk-indexes');
    const c = await newCase(env.core);
    const before = indexSql();
    expect(before.length).toBeGreaterThanOrEqual(5);
    // 60,000 rows (4 MB): past the size where the indexes are suspended for the import.
    const file = `${env.dir}/big-ledger.csv`;
    await writeLedgerCsv(file, 60_000);
    const r = await importFile(env.core, c.id, file);
    expect(r.imported).toBe(60_000);
    expect(indexSql()).toEqual(before);
    // The planner uses them again: the case's rows in time order come from the index.
    const plan = env.core.writer.sqlite.prepare('EXPLAIN QUERY PLAN SELECT id FROM transactions WHERE case_id = ? ORDER BY time_key, seq').all(c.id) as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).toMatch(/transactions_case_time/);

    // A second case, the same rows and one bad line, under --strict: refused, and the schema is as it was.
    const c2 = await newCase(env.core, 'TF-IMP-2');
    const bad = `${env.dir}/big-ledger-bad.csv`;
    fs.writeFileSync(bad, fs.readFileSync(file, 'utf8') + '2020-01-01,ACC-00001,ACC-00002,1.234,USD,bad,,wire\n');
    const err = await importFile(env.core, c2.id, bad, { strict: true }).catch((e) => e);
    expect(err.message).toMatch(/1 row\(s\) could not be read; strict/);
    expect(indexSql()).toEqual(before);
    expect((env.core.writer.sqlite.prepare('SELECT count(*) AS n FROM transactions WHERE case_id = ?').get(c2.id) as { n: number }).n).toBe(0);
  }, 120_000);
});
