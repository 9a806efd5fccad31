import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { count, fixture, importFile, newCase, writeFile } from './helpers.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

const HEADER = 'date,amount,currency,reference,description\n';
const row = (d: string, amount: string, ref: string, text: string) => `2024-03-${d},${amount},EUR,${ref},${text}\n`;

describe('duplicates', () => {
  it('the same file again imports nothing and says when it was imported', async () => {
    env = tempCore('dup-file');
    const c = await newCase(env.core);
    const file = fixture('mt940/mt940_jejik_abnamro.sta');
    const preview = () => env.core.call('imports.preview', { caseId: c.id, file: { path: file } }, { trusted: true });
    expect((await preview()).importedBefore).toBeNull();
    const first = await importFile(env.core, c.id, file);
    expect(first.imported).toBe(10);
    // Chosen again, the preview already says so (before anyone clicks Import), in words.
    expect((await preview()).importedBefore).toEqual({ fileName: 'mt940_jejik_abnamro.sta', on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), by: 'tester' });
    const before = ['transactions', 'imports', 'audit_log'].map((t) => count(env.core, `SELECT count(*) AS n FROM ${t}`));
    const again = await importFile(env.core, c.id, file).catch((e) => e);
    expect(again.code).toBe('Conflict');
    expect(again.message).toMatch(/imported into case TF-IMP-1 already \(as "mt940_jejik_abnamro.sta" on \d{4}-\d{2}-\d{2}\): nothing imported/);
    // No internal id in what a user reads.
    expect(again.message).not.toContain(first.importId);
    expect(['transactions', 'imports', 'audit_log'].map((t) => count(env.core, `SELECT count(*) AS n FROM ${t}`))).toEqual(before);
  });

  it('overlapping statements of one account do not double-count, and the duplicates are reported', async () => {
    env = tempCore('dup-overlap');
    const c = await newCase(env.core);
    // March 1-5, with two identical coffees on the 4th.
    const a = writeFile(env.dir, 'march-a.csv', HEADER + row('01', '-10.00', 'R1', 'rent') + row('02', '25.00', 'R2', 'salary') +
      row('04', '-3.50', '', 'coffee') + row('04', '-3.50', '', 'coffee') + row('05', '-7.00', 'R5', 'lunch'));
    // March 4-8: the 4th and 5th again, then new days; a third identical coffee on the 4th is new.
    const b = writeFile(env.dir, 'march-b.csv', HEADER + row('04', '-3.50', '', 'coffee') + row('04', '-3.50', '', 'coffee') +
      row('04', '-3.50', '', 'coffee') + row('05', '-7.00', 'R5', 'lunch') + row('06', '-1.00', 'R6', 'fee') + row('08', '40.00', 'R8', 'refund'));
    const ra = await importFile(env.core, c.id, a, { account: { identifier: 'DE44 5001 0517 5407 3249 31' } });
    expect(ra.imported).toBe(5);
    const rb = await importFile(env.core, c.id, b, { account: { identifier: 'DE44500105175407324931' } });
    expect(rb).toMatchObject({ imported: 3, duplicates: 3, rejectedCount: 0 });
    expect(count(env.core, 'SELECT count(*) AS n FROM transactions WHERE case_id = ?', c.id)).toBe(8);
    const dups = await env.core.call('imports.rejects', { importId: rb.importId, kind: 'duplicate' });
    expect(dups.rows.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(dups.rows[0].reason).toMatch(/^duplicate of transaction [0-9a-f-]{36}/);
    expect(dups.rows[2].raw).toBe('2024-03-05,-7.00,EUR,R5,lunch');
    const imp = await env.core.call('imports.get', { id: rb.importId });
    expect(imp.duplicateCount).toBe(3);
  });

  it('identical rows within one file are all kept (a fingerprint counts occurrences within the day)', async () => {
    env = tempCore('dup-same-day');
    const c = await newCase(env.core);
    const a = writeFile(env.dir, 'same.csv', HEADER + row('04', '-3.50', '', 'coffee').repeat(4));
    expect((await importFile(env.core, c.id, a, { account: { identifier: 'ACC-9' } })).imported).toBe(4);
  });
});
