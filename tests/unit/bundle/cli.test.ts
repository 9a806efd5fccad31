import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool, tool } from '../../helpers/tools.js';

/** The `proceeds` command as an agency runs it: real processes, real files, exit codes. */

const BIN = path.resolve('cli/proceeds.mjs');
let dir: string;

const run = (args: string[], env: Record<string, string> = {}) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, PROCEEDS_PASSPHRASE: 'agency a passphrase', PROCEEDS_HOME: dir, ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-bundle-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('proceeds keys / keyring / bundle', () => {
  it('round-trips a case between two databases, and Debian minisign checks the zip', () => {
    expect(run(['--db', 'a.sqlite', 'demo', '--seed', '11']).code).toBe(0);
    const number = JSON.parse(run(['--db', 'a.sqlite', '--json', 'case', 'list']).out)[0].number as string;

    const gen = run(['--json', 'keys', 'generate', '--agency', 'AgencyA', '--out', 'keys']);
    expect(gen.code, gen.err).toBe(0);
    const key = JSON.parse(gen.out);
    expect(fs.statSync(path.join(dir, 'keys/AgencyA.key')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(dir, 'keys/AgencyA.key'), 'utf8')).not.toContain('seed');
    expect(run(['keys', 'generate', '--agency', 'AgencyA', '--out', 'keys']).code).toBe(1); // never overwrites a key

    const exp = run(['--db', 'a.sqlite', 'bundle', 'export', '--case', number, '--key', 'keys/AgencyA.key', '--to', 'Agency B', '--out', 'out/case.zip', '--unencrypted']);
    expect(exp.code, exp.err).toBe(0);
    const wrong = run(['--db', 'a.sqlite', 'bundle', 'export', '--case', number, '--key', 'keys/AgencyA.key', '--to', 'B', '--out', 'out/x.zip'], { PROCEEDS_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toMatch(/passphrase/);

    // minisign is required in CI (tests/helpers/tools.ts); a developer without it skips this check only.
    const MINISIGN = process.env.CI ? requireTool('minisign') : tool('minisign');
    if (MINISIGN) {
      const m = spawnSync(MINISIGN, ['-Vm', 'out/case.zip', '-p', 'keys/AgencyA.pub'], { cwd: dir, encoding: 'utf8' });
      expect(m.status, m.stderr).toBe(0);
      expect(m.stdout).toMatch(/Signature and comment signature verified/);
    }

    const pending = run(['keyring', 'add', 'keys/AgencyA.pub', '--keyring', 'ring.json']);
    expect(pending.out).toMatch(/pending: not trusted until you confirm it/);
    expect(run(['keyring', 'confirm', key.fingerprint, '--keyring', 'ring.json']).code).toBe(0);
    const ok = run(['--json', 'bundle', 'verify', 'out/case.zip', '--keyring', 'ring.json']);
    expect(ok.code, ok.err).toBe(0);
    const report = JSON.parse(ok.out);
    expect(report).toMatchObject({ ok: true, signer: { agencyName: 'AgencyA', fingerprint: key.fingerprint }, bundle: { caseNumber: number } });
    expect(fs.existsSync(path.join(dir, 'a.sqlite'))).toBe(true);

    // One byte changed: exit non-zero, every problem named.
    const bytes = fs.readFileSync(path.join(dir, 'out/case.zip'));
    bytes[Math.floor(bytes.length / 3)] ^= 0x40;
    fs.writeFileSync(path.join(dir, 'out/bad.zip'), bytes);
    const bad = run(['--json', 'bundle', 'verify', 'out/bad.zip', '--keyring', 'ring.json']);
    expect(bad.code).toBe(1);
    expect(JSON.parse(bad.out).problems.length).toBeGreaterThan(0);
    const human = run(['bundle', 'verify', 'out/bad.zip', '--keyring', 'ring.json']);
    expect(human.out).toMatch(/^INVALID/);

    const imp = run(['--db', 'b.sqlite', '--json', 'bundle', 'import', 'out/case.zip', '--keyring', 'ring.json']);
    expect(imp.code, imp.err).toBe(0);
    expect(JSON.parse(imp.out).outcome.conflictCount).toBe(0);
    const cases = JSON.parse(run(['--db', 'b.sqlite', '--json', 'case', 'list']).out);
    expect(cases.map((c: { number: string }) => c.number)).toEqual([number]);
    const again = run(['--db', 'b.sqlite', 'bundle', 'import', 'out/case.zip', '--keyring', 'ring.json']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/imported already/);

    // Revoked: refused from now on.
    expect(run(['keyring', 'revoke', key.fingerprint, '--reason', 'laptop stolen', '--keyring', 'ring.json']).code).toBe(0);
    const revoked = run(['--json', 'bundle', 'verify', 'out/case.zip', '--keyring', 'ring.json']);
    expect(revoked.code).toBe(1);
    expect(JSON.parse(revoked.out).problems[0].code).toBe('signature-revoked-key');
  }, 300_000);
});
