import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../core/core.js';
import { tempCore } from '../../helpers/core.js';
import { fixture, importFile, newCase } from '../import/helpers.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

describe('deep verify of imported statements (rows checked through the import entry digest)', () => {
  it('passes on an honest import and names the import whose rows were edited, deleted or added', async () => {
    env = tempCore('deep-import');
    const c = await newCase(env.core);
    const r = await importFile(env.core, c.id, fixture('camt/camt_parser_053_valid_example.xml'));
    expect((await env.core.call('audit.verifyDeep', {})).findings).toEqual([]);
    const entry = (await env.core.call('audit.list', { caseId: c.id })).rows.find((x) => x.entity === 'import')!;
    const digests = JSON.parse(entry.after).rowsDigests as { table: string; count: number }[];
    expect(digests.map((d) => d.table)).toEqual(['transactions', 'import_rejects']);
    expect(digests[0].count).toBe(r.imported);

    env.core.close();
    const sql = `DROP TRIGGER transactions_guard_delete; DELETE FROM transactions WHERE id = (SELECT id FROM transactions WHERE import_id = '${r.importId}' ORDER BY id LIMIT 1);`;
    expect(spawnSync('sqlite3', [env.dbPath], { input: sql, encoding: 'utf8' }).stderr).toBe('');
    const again = tempReopen(env.dbPath);
    const deep = await again.call('audit.verifyDeep', {});
    again.close();
    expect(deep.ok).toBe(false);
    expect(deep.findings).toEqual([
      expect.objectContaining({ kind: 'digest', table: 'transactions', id: `import_id=${r.importId}`, column: 'rows', expected: expect.stringMatching(new RegExp(`^${r.imported} rows`)), found: expect.stringMatching(new RegExp(`^${r.imported - 1} rows`)) }),
    ]);
  });
});

/** Reopens the file after the forgery; tempCore's cleanup then closes this core. */
function tempReopen(dbPath: string) {
  const core = new Core({ dbPath, actor: { user: 'tester', agency: 'Test Agency' } });
  (env as { core: Core }).core = core;
  return { call: core.call.bind(core), close: () => undefined } as Pick<Core, 'call'> & { close(): void };
}
