import fs from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { formulaSafe } from '../../../core/csv-safe.js';
import { importFile, newCase, writeFile } from './helpers.js';

/** A rejected row is the sender's text: written back to CSV it must not run as a formula. */

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

describe('formula-leading cells in CSV reports', () => {
  it('escapes = + - @ tab and CR at the start of a cell, and nothing else', () => {
    expect(['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx', 'a=b', '', 'plain', 12].map(formulaSafe)).toEqual([
      "'=1+1", "'+1", "'-2", "'@SUM(A1)", "'\tx", "'\rx", 'a=b', '', 'plain', '12',
    ]);
  });

  it('the rejects report of an import escapes them', async () => {
    env = tempCore('rejects-formula');
    const c = await newCase(env.core);
    const file = writeFile(env.dir, 'evil.csv', [
      'date,amount,currency,description',
      '2024-03-01,10.00,USD,ok one',
      '=HYPERLINK("http://x.example","click"),1.00,USD,a',
      '2024-03-02,11.00,USD,ok two',
      '@SUM(1),1.00,USD,b',
      '2024-03-05,2.00,USD,ok three',
    ].join('\n') + '\n');
    const r = await importFile(env.core, c.id, file, { account: { identifier: 'ACC-1' } });
    expect(r.rejected).toHaveLength(2);
    const out = await env.core.call('imports.exportRejects', { importId: r.importId }, { trusted: true });
    const back = parse(fs.readFileSync(out.path!, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(back.map((x) => x.raw)).toEqual(["'=HYPERLINK(\"http://x.example\",\"click\"),1.00,USD,a", "'@SUM(1),1.00,USD,b"]);
    expect(back.every((x) => !/^[=+\-@\t\r]/.test(x.reason))).toBe(true);
  });
});
