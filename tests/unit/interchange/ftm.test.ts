import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Model, defaultModel } from '@alephdata/followthemoney';
import { tempCore } from '../../helpers/core.js';
import { count, newCase, writeFile } from '../import/helpers.js';

/**
 * FollowTheMoney: the demo case exported as JSON lines must fit the model the @alephdata/followthemoney
 * package ships (checked here with the package's own Model, apart from the exporter's self-check),
 * and import back as the same subjects and accounts, with provenance; a line that does not fit is
 * refused with its line and reason, nothing imported.
 */
describe('FollowTheMoney', () => {
  const t = tempCore('ftm');
  let demoCase: string;
  let file: string;
  let lines: { id: string; schema: string; properties: Record<string, string[]> }[];
  beforeAll(async () => {
    demoCase = (await t.core.call('demo.load', { seed: 7 })).caseId;
    file = path.join(t.dir, 'demo.ftm.json');
    await t.core.call('interchange.ftm.export', { caseId: demoCase, path: file }, { trusted: true });
    lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  });
  afterAll(() => t.cleanup());

  it('exports the demo case as entities of the FtM model', () => {
    const model = new Model(defaultModel);
    const byId = new Map(lines.map((e) => [e.id, e]));
    expect(byId.size).toBe(lines.length);
    const schemata = new Set(lines.map((e) => e.schema));
    for (const s of ['Person', 'Company', 'BankAccount', 'Payment', 'Ownership']) expect(schemata).toContain(s);
    expect(lines.filter((e) => e.schema === 'Payment').length).toBe(count(t.core, 'SELECT COUNT(*) AS n FROM transactions WHERE case_id = ?', demoCase));
    for (const e of lines) {
      const schema = model.getSchema(e.schema);
      expect(schema.abstract).toBe(false);
      for (const r of schema.required) expect(e.properties[r], `${e.id} ${r}`).toBeDefined();
      for (const [name, values] of Object.entries(e.properties)) {
        const p = schema.getProperties().get(name);
        expect(p, `${e.schema}.${name}`).toBeDefined();
        expect(p!.stub).toBe(false);
        if (p!.type.name === 'entity') for (const v of values) expect(model.getSchema(byId.get(v)!.schema).isA(p!.getRange()), `${e.id} ${name}`).toBe(true);
        if (p!.type.name === 'number') for (const v of values) expect(v).toMatch(/^-?\d+(\.\d+)?$/);
      }
    }
  });

  it('imports the export into a new case as the same subjects and accounts, with provenance and holders', async () => {
    const caseId = (await newCase(t.core, 'TF-FTM-2')).id;
    const r = await t.core.call('interchange.ftm.import', { caseId, file: { path: file } }, { trusted: true });
    const q = (sql: string, id: string) => t.core.writer.sqlite.prepare(sql).all(id);
    // The case's subjects, and as organisations the holders and payment parties known only by name (LegalEntity).
    const expected = new Map((q('SELECT kind, name FROM subjects WHERE case_id = ?', demoCase) as { kind: string; name: string }[]).map((s) => [`${s.kind}:${s.name.toLowerCase()}`, s]));
    for (const e of lines.filter((l) => l.schema === 'LegalEntity')) if (!expected.has(`organisation:${e.properties.name[0].toLowerCase()}`)) expected.set(`organisation:${e.properties.name[0].toLowerCase()}`, { kind: 'organisation', name: e.properties.name[0] });
    const sort = (rows: { kind: string; name: string }[]) => rows.map((s) => `${s.kind}:${s.name}`).sort();
    expect(sort(q('SELECT kind, name FROM subjects WHERE case_id = ?', caseId) as { kind: string; name: string }[])).toEqual(sort([...expected.values()]));
    expect(r.subjectsCreated).toBe(expected.size);
    const accounts = "SELECT a.identifier, a.currency, a.kind, COALESCE(s.name, NULLIF(a.holder_name, '')) AS holder FROM accounts a LEFT JOIN subjects s ON s.id = a.holder_subject_id WHERE a.case_id = ? ORDER BY a.identifier";
    expect(q(accounts, caseId)).toEqual(q(accounts, demoCase));
    expect(r.skipped.Payment).toBe(lines.filter((e) => e.schema === 'Payment').length);
    const note = t.core.writer.sqlite.prepare('SELECT notes FROM subjects WHERE case_id = ? LIMIT 1').get(caseId) as { notes: string };
    expect(note.notes).toMatch(/^from FollowTheMoney entity proceeds-subject-[0-9a-f-]+ \((Person|Company), dataset proceeds-.+\) in demo\.ftm\.json line \d+/);
  });

  it('refuses a line that does not fit the model, naming line and reason, and imports nothing', async () => {
    const caseId = (await newCase(t.core, 'TF-FTM-3')).id;
    const bad = writeFile(t.dir, 'bad.ftm.json', [
      JSON.stringify({ id: 'p1', schema: 'Person', properties: { name: ['Ana Ruiz'] } }),
      JSON.stringify({ id: 'a1', schema: 'BankAccount', properties: { accountNumber: ['123'], currency: ['MXN'] } }),
      JSON.stringify({ id: 'p2', schema: 'Person', properties: { name: ['Bruno'], shoeSize: ['44'] } }),
    ].join('\n'));
    await expect(t.core.call('interchange.ftm.import', { caseId, file: { path: bad } }, { trusted: true })).rejects.toThrow(/line 3: entity p2: Person has no property "shoeSize"/);
    expect(count(t.core, 'SELECT COUNT(*) AS n FROM subjects WHERE case_id = ?', caseId)).toBe(0);
    expect(count(t.core, 'SELECT COUNT(*) AS n FROM accounts WHERE case_id = ?', caseId)).toBe(0);
  });
});
