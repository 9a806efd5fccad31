import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { leafHash, verifyConsistency, verifyInclusion } from '../../../core/audit/merkle.js';
import { checkpointSignedBy, parseCheckpoint } from '../../../core/audit/checkpoint.js';
import { makeAgency, PASSPHRASE } from '../bundle/helpers.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function proceeds(db: string, ...args: string[]) {
  const r = spawnSync(process.execPath, ['cli/proceeds.mjs', '--db', db, ...args], { encoding: 'utf8', env: { ...process.env, PROCEEDS_PASSPHRASE: PASSPHRASE } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) };
}

describe('proceeds profile / audit checkpoint / prove / consistency', () => {
  it('nudges in one line on stderr while nobody has said who works here, without failing the command', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's20-records-nudge-'));
    dirs.push(dir);
    const db = path.join(dir, 'proceeds.sqlite');
    const first = proceeds(db, 'case', 'create', '--number', 'TF-1', '--title', 'One');
    expect(first.status).toBe(0);
    const hints = first.stderr.split('\n').filter((l) => l.startsWith('hint:'));
    expect(hints).toEqual([expect.stringMatching(/^hint: no profile set, so entries name ".+" of "local": run proceeds profile set --name "Your Name" --agency "Your Agency" --role "Your role"$/)]);
    // The profile commands themselves do not nag; once set, nothing more is said.
    expect(proceeds(db, 'profile', 'show').stderr).not.toContain('hint:');
    expect(proceeds(db, 'profile', 'set', '--name', 'Ana Souza', '--agency', 'Polícia Federal').stderr).not.toContain('hint:');
    const after = proceeds(db, 'case', 'list');
    expect(after.status).toBe(0);
    expect(after.stderr).toBe('');
  }, 300_000);

  it('names the person behind every entry, audits the change, and proves entries and growth against signed checkpoints', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-audit-'));
    dirs.push(dir);
    const db = path.join(dir, 'proceeds.sqlite');
    expect(proceeds(db, 'profile', 'set', '--name', 'Ana Souza', '--agency', 'Polícia Federal', '--role', 'financial investigator').stdout).toMatch(/profile set: Ana Souza \(financial investigator\), Polícia Federal/);
    expect(proceeds(db, 'case', 'create', '--number', 'TF-9', '--title', 'Nine').status).toBe(0);
    const agency = await makeAgency(dir, 'Agency A');
    // The agency keeps its key file outside the database; its public half is in the keyring.
    expect(proceeds(db, 'keyring', 'add', agency.pubFile, '--agency', 'Agency A').status).toBe(0);

    const cp1 = proceeds(db, '--json', 'audit', 'checkpoint', '--key', agency.keyFile, '--out', path.join(dir, 'old.checkpoint'));
    expect(cp1.status).toBe(0);
    const old = parseCheckpoint(fs.readFileSync(path.join(dir, 'old.checkpoint'), 'utf8'));
    expect(checkpointSignedBy(old, agency.key.publicKey)).toBe(true);
    expect(fs.readFileSync(`${db}.checkpoint`, 'utf8')).toBe(old.text);

    proceeds(db, 'profile', 'set', '--name', 'Ana Souza', '--agency', 'Polícia Federal', '--role', 'case lead');
    expect(proceeds(db, 'audit', 'checkpoint', '--key', agency.keyFile).status).toBe(0);

    const rows = JSON.parse(spawnSync('sqlite3', ['-json', db, 'SELECT seq, actor, agency, entity, before, after FROM audit_log ORDER BY seq'], { encoding: 'utf8' }).stdout) as { seq: number; actor: string; agency: string; entity: string; before: string; after: string }[];
    expect(rows.filter((r) => r.entity !== 'profile').every((r) => r.actor === 'Ana Souza' && r.agency === 'Polícia Federal')).toBe(true);
    const change = rows.filter((r) => r.entity === 'profile')[1];
    expect(JSON.parse(change.before).role).toBe('financial investigator');
    expect(JSON.parse(change.after).role).toBe('case lead');

    // A third party checks an inclusion proof with nothing but SHA-256.
    const prove = proceeds(db, '--json', 'audit', 'prove', '--entry', '2').json();
    const cp = parseCheckpoint(prove.checkpoint);
    expect(verifyInclusion(1, cp.size, leafHash(prove.entryBytes), prove.proof.map((h: string) => Buffer.from(h, 'hex')), cp.root)).toBe(true);

    const cons = proceeds(db, '--json', 'audit', 'consistency', path.join(dir, 'old.checkpoint'));
    expect(cons.status).toBe(0);
    const c = cons.json();
    const newer = parseCheckpoint(c.checkpoint);
    expect(verifyConsistency(old.size, newer.size, old.root, newer.root, c.proof.map((h: string) => Buffer.from(h, 'hex')))).toBe(true);
    const verify = proceeds(db, 'audit', 'verify', '--deep', '--checkpoint', path.join(dir, 'old.checkpoint'));
    expect(verify.stdout).toMatch(/tables match the log/);
    expect(verify.stdout).toMatch(/checkpoint ok: /);
    expect(verify.status).toBe(0);
  }, 300_000);
});
