import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { proceeds } from '../../helpers/cli.js';

const FILLED = path.resolve('tests/fixtures/goaml/filled-report-5.0.1.xml');

/** The real `proceeds` binary: goAML in (import --format goaml) and out, FtM out (FtM in is the contract's, tests/unit/interchange/ftm.test.ts). */
describe('CLI: goAML and FtM', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-interchange-'));
  const db = path.join(dir, 'p.sqlite');
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const run = (...args: string[]) => proceeds(['--db', db, '--json', ...args]);

  it('imports a goAML report, exports it again as goAML and as FtM', () => {
    expect(run('case', 'create', '--number', 'TF-G1', '--title', 'goAML').status).toBe(0);
    const imported = run('import', FILLED, '--case', 'TF-G1', '--format', 'goaml');
    expect(imported.status, imported.stderr).toBe(0);
    expect(imported.json()).toMatchObject({ ok: true, imported: 11, format: 'goaml', goaml: { rentityId: '1', reportCode: 'IRF', subjectsCreated: 35 } });
    const out = path.join(dir, 'str.xml');
    const exported = run('goaml', 'export', '--case', 'TF-G1', '--rentity-id', '7', '--out', out);
    expect(exported.status, exported.stderr).toBe(0);
    expect(exported.json().transactions).toBe(11);
    expect(fs.readFileSync(out, 'utf8')).toContain('<report_code>STR</report_code>');
    const ftm = path.join(dir, 'case.ftm.json');
    expect(run('ftm', 'export', '--case', 'TF-G1', '--out', ftm).json().bySchema).toMatchObject({ Payment: 11, BankAccount: 14 });
  });
});
