import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../core/core.js';
import { rewriteAndRehash } from '../../helpers/forger.js';
import { parseCheckpoint, checkpointSignedBy } from '../../../core/audit/checkpoint.js';
import { consistencyProof, verifyConsistency } from '../../../core/audit/merkle.js';
import { openEnvelope, parseStatement } from '../../../core/bundle/statement.js';
import { tempCore } from '../../helpers/core.js';
import { exportCase, makeAgency, sendingSide, trustedError } from '../bundle/helpers.js';
import { SIGNATURE } from '../../../core/bundle/format.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));


/** The statement a bundle signs, read back from the zip. */
async function statementOf(file: string) {
  const listing = spawnSync('unzip', ['-Z1', file], { encoding: 'utf8' }).stdout.split('\n');
  const name = listing.find((n) => n.endsWith(SIGNATURE))!;
  const opened = openEnvelope(spawnSync('unzip', ['-p', file, name], { encoding: 'utf8' }).stdout);
  if (!opened.ok) throw new Error(opened.message);
  const st = parseStatement(opened.payload);
  if (!st.ok) throw new Error(st.message);
  return st.statement;
}

describe('a receiver keeps the checkpoints it has seen and refuses a history that does not extend them', () => {
  it('accepts a second bundle whose log extends the first, refuses one whose history was rewritten', async () => {
    const a = await sendingSide('agency-a');
    const b = tempCore('agency-b');
    cleanups.push(() => a.env.cleanup(), b.cleanup);
    const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-'));
    cleanups.push(() => fs.rmSync(keys, { recursive: true, force: true }));
    const agencyA = await makeAgency(keys, 'Agency A');
    await b.core.call('keyring.add', { publicKey: fs.readFileSync(agencyA.pubFile, 'utf8'), agencyName: 'Agency A', confirmFingerprint: agencyA.trusted.fingerprint });

    const first = path.join(a.env.dir, 'out', 'one.zip');
    await exportCase(a.env, a.caseId, agencyA, first);
    const st = await statementOf(first);
    const cp = parseCheckpoint(st.predicate.auditLog!.checkpoint);
    expect(checkpointSignedBy(cp, agencyA.key.publicKey)).toBe(true);
    await b.core.call('bundles.import', { file: { path: first } }, { trusted: true });
    // Merged records come with provenance: the receiver's own deep check has nothing to say.
    expect((await b.core.call('audit.verifyDeep', {})).findings).toEqual([]);

    // Honest growth: the second bundle proves its log extends the first.
    await a.env.core.call('cases.update', { id: a.caseId, title: 'more work' });
    const second = path.join(a.env.dir, 'out', 'two.zip');
    await exportCase(a.env, a.caseId, agencyA, second);
    const st2 = await statementOf(second);
    const cp2 = parseCheckpoint(st2.predicate.auditLog!.checkpoint);
    const proof = st2.predicate.auditLog!.consistency.find((c) => c.fromSize === cp.size)!;
    expect(verifyConsistency(cp.size, cp2.size, cp.root, cp2.root, proof.proof.map((h) => Buffer.from(h, 'base64')))).toBe(true);
    const again = await trustedError(b, 'bundles.import', { file: { path: second } }).catch(() => null);
    // The records are known already (a conflict), but not because of the log: nothing said "rewritten".
    expect(again?.message ?? '').not.toMatch(/rewritten|truncated|does not extend/);
    const seen = await b.core.call('audit.checkpoints', { local: false });
    expect(seen.map((c) => c.treeSize).sort((x, y) => x - y)).toEqual([cp.size, cp2.size].filter((v, i, all) => all.indexOf(v) === i));

    // Agency A's laptop: an early audit entry rewritten and the whole chain re-hashed with sqlite3's help.
    a.env.core.close();
    rewriteAndRehash(a.env.dbPath, 3);
    const forged = new Core({ dbPath: a.env.dbPath, actor: { user: 'tester', agency: 'Agency A' } });
    (a.env as { core: Core }).core = forged;
    const third = path.join(a.env.dir, 'out', 'three.zip');
    await exportCase(a.env, a.caseId, agencyA, third);
    const refused = await trustedError(b, 'bundles.import', { file: { path: third } });
    expect(refused.code).toBe('Conflict');
    // Entry 3 is inside the first checkpoint seen: nothing of the log still agrees.
    expect(refused.message).toMatch(new RegExp(`^bundle refused: the audit log of proceeds\\.app/agency-a/[0-9a-f-]+ does not extend the one seen on .*: entries 1 to ${cp.size} were rewritten; the consistency proof from ${cp.size} to \\d+ entries fails$`));
    // Verify and review say the same before anything is opened.
    const report = await b.core.call('bundles.verify', { file: { path: third } }, { trusted: true });
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.code)).toEqual(['audit-log-rewritten']);
    expect(report.auditLog?.message).toMatch(new RegExp(`entries 1 to ${cp.size} were rewritten`));
    const review = await b.core.call('bundles.reviewOpen', { file: { path: third } }, { trusted: true });
    expect(review.reviewId).toBeNull();
    expect(review.report.problems[0].code).toBe('audit-log-rewritten');
    // Nothing of the refused bundle was kept.
    expect((await b.core.call('audit.checkpoints', { local: false })).length).toBe(seen.length);
  });

  it('verify, review and import name the entries that disagree: after the last checkpoint that still agrees', async () => {
    const a = await sendingSide('agency-a');
    const b = tempCore('agency-b');
    cleanups.push(() => a.env.cleanup(), b.cleanup);
    const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-'));
    cleanups.push(() => fs.rmSync(keys, { recursive: true, force: true }));
    const agencyA = await makeAgency(keys, 'Agency A');
    await b.core.call('keyring.add', { publicKey: fs.readFileSync(agencyA.pubFile, 'utf8'), agencyName: 'Agency A', confirmFingerprint: agencyA.trusted.fingerprint });
    const out = (n: string) => path.join(a.env.dir, 'out', n);

    await exportCase(a.env, a.caseId, agencyA, out('one.zip'));
    const cp1 = parseCheckpoint((await statementOf(out('one.zip'))).predicate.auditLog!.checkpoint);
    const first = await b.core.call('bundles.verify', { file: { path: out('one.zip') } }, { trusted: true });
    expect(first.auditLog).toMatchObject({ ok: true, size: cp1.size });
    expect(first.auditLog!.message).toMatch(/the first checkpoint seen from proceeds\.app\/agency-a\//);
    await b.core.call('bundles.import', { file: { path: out('one.zip') } }, { trusted: true });

    // A second bundle from a different case of the same sender: a new bundle, the same log.
    const other = await a.env.core.call('cases.create', { number: 'TF-OTHER-2', title: 'second case' });
    await exportCase(a.env, other.id, agencyA, out('two.zip'));
    const cp2 = parseCheckpoint((await statementOf(out('two.zip'))).predicate.auditLog!.checkpoint);
    const second = await b.core.call('bundles.verify', { file: { path: out('two.zip') } }, { trusted: true });
    expect(second.ok).toBe(true);
    expect(second.auditLog!.message).toBe(`the sender's audit log of ${cp2.size} entries (root ${second.auditLog!.message.match(/root ([0-9a-f ]+)\)/)![1]}) extends the ${cp1.size} entries seen before`);
    await b.core.call('bundles.import', { file: { path: out('two.zip') } }, { trusted: true });

    // The sender rewrites entry cp1 + 1 (made after the first checkpoint) and re-hashes: the first
    // checkpoint still agrees, the second does not.
    a.env.core.close();
    rewriteAndRehash(a.env.dbPath, cp1.size + 1);
    const forged = new Core({ dbPath: a.env.dbPath, actor: { user: 'tester', agency: 'Agency A' } });
    (a.env as { core: Core }).core = forged;
    const third = await forged.call('cases.create', { number: 'TF-OTHER-3', title: 'third case' });
    await exportCase(a.env, third.id, agencyA, out('three.zip'));
    const before = (await b.core.call('audit.checkpoints', { local: false })).length;
    const want = new RegExp(`does not extend the one seen on .*: entries ${cp1.size + 1} to ${cp2.size} were rewritten \\(entries 1 to ${cp1.size}, seen on .*, still agree\\)`);

    const report = await b.core.call('bundles.verify', { file: { path: out('three.zip') } }, { trusted: true });
    expect(report).toMatchObject({ ok: false, state: 'invalid' });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0].code).toBe('audit-log-rewritten');
    expect(report.problems[0].message).toMatch(want);
    const review = await b.core.call('bundles.reviewOpen', { file: { path: out('three.zip') } }, { trusted: true });
    expect(review.reviewId).toBeNull();
    expect(review.report.problems[0].message).toMatch(want);
    const refused = await trustedError(b, 'bundles.import', { file: { path: out('three.zip') } });
    expect(refused.code).toBe('Conflict');
    expect(refused.message).toMatch(want);
    expect((await b.core.call('audit.checkpoints', { local: false })).length).toBe(before);
    expect((await b.core.call('bundles.list', {})).map((x) => x.caseNumber).sort()).toEqual([a.number, 'TF-OTHER-2'].sort());
  });

  it('a truncated sender log is flagged by verify and refused by import unless accepted as an older bundle', async () => {
    const a = await sendingSide('agency-a');
    const b = tempCore('agency-b');
    cleanups.push(() => a.env.cleanup(), b.cleanup);
    const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-'));
    cleanups.push(() => fs.rmSync(keys, { recursive: true, force: true }));
    const agencyA = await makeAgency(keys, 'Agency A');
    await b.core.call('keyring.add', { publicKey: fs.readFileSync(agencyA.pubFile, 'utf8'), agencyName: 'Agency A', confirmFingerprint: agencyA.trusted.fingerprint });
    const out = (n: string) => path.join(a.env.dir, 'out', n);
    await exportCase(a.env, a.caseId, agencyA, out('one.zip'));
    const cp1 = parseCheckpoint((await statementOf(out('one.zip'))).predicate.auditLog!.checkpoint);
    await b.core.call('bundles.import', { file: { path: out('one.zip') } }, { trusted: true });

    // The last 5 entries deleted (trigger dropped and put back), the tree rebuilt from what is left.
    a.env.core.close();
    const raw = new Database(a.env.dbPath);
    const trigger = raw.prepare("SELECT sql FROM sqlite_master WHERE name = 'audit_log_no_delete'").pluck().get() as string;
    raw.exec(`DROP TRIGGER audit_log_no_delete; DELETE FROM audit_tree; DELETE FROM audit_log WHERE seq > (SELECT max(seq) - 5 FROM audit_log); ${trigger};`);
    raw.close();
    const forged = new Core({ dbPath: a.env.dbPath, actor: { user: 'tester', agency: 'Agency A' } });
    (a.env as { core: Core }).core = forged;
    const other = await forged.call('cases.create', { number: 'TF-OTHER-2', title: 'second case' });
    await exportCase(a.env, other.id, agencyA, out('two.zip'));
    const cp2 = parseCheckpoint((await statementOf(out('two.zip'))).predicate.auditLog!.checkpoint);
    expect(cp2.size).toBeLessThan(cp1.size);

    const report = await b.core.call('bundles.verify', { file: { path: out('two.zip') } }, { trusted: true });
    expect(report.auditLog).toMatchObject({ ok: false, kind: 'shorter' });
    expect(report.auditLog!.message).toMatch(new RegExp(`has ${cp2.size} entries, fewer than the ${cp1.size} seen on .*: entries ${cp2.size + 1} to ${cp1.size} are gone`));
    const refused = await trustedError(b, 'bundles.import', { file: { path: out('two.zip') } });
    expect(refused.code).toBe('Conflict');
    expect(refused.message).toMatch(new RegExp(`entries ${cp2.size + 1} to ${cp1.size} are gone`));
  });

  it('a consistency proof between checkpoints of a 10M-entry log touches only O(log² n) stored subtrees', () => {
    // Counting lookups keeps this fast and exact; bench/audit.ts times the same thing on SQLite.
    let lookups = 0;
    const src = { node: (level: number, index: number) => (lookups++, Buffer.alloc(32, (level * 31 + index) % 251)) };
    consistencyProof(src, 6_543_210, 10_000_000);
    expect(lookups).toBeLessThan(24 * 24);
  });
});
