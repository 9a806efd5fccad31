import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { Core } from '../../../core/core.js';
import { canonicalAuditRow, chainHash, GENESIS_HASH, type AuditRow } from '../../../core/audit/chain.js';
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
    const raw = new Database(a.env.dbPath);
    raw.exec('DROP TRIGGER audit_log_no_update; DELETE FROM audit_tree;');
    raw.prepare("UPDATE audit_log SET actor = 'nobody' WHERE seq = 3").run();
    let prev = GENESIS_HASH;
    for (const r of raw.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[]) {
      const h = chainHash(prev, canonicalAuditRow(r));
      raw.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, h, r.seq);
      prev = h;
    }
    raw.close();
    const forged = new Core({ dbPath: a.env.dbPath, actor: { user: 'tester', agency: 'Agency A' } });
    (a.env as { core: Core }).core = forged;
    const third = path.join(a.env.dir, 'out', 'three.zip');
    await exportCase(a.env, a.caseId, agencyA, third);
    const refused = await trustedError(b, 'bundles.import', { file: { path: third } });
    expect(refused.code).toBe('Conflict');
    expect(refused.message).toMatch(new RegExp(`^bundle refused: the audit log of proceeds\\.app/agency-a/[0-9a-f-]+ does not extend the one seen on .*: entries 1 to ${cp2.size} were rewritten`));
    // Nothing of the refused bundle was kept.
    expect((await b.core.call('audit.checkpoints', { local: false })).length).toBe(seen.length);
  });

  it('a consistency proof between checkpoints of a 10M-entry log touches only O(log² n) stored subtrees', () => {
    // Counting lookups keeps this fast and exact; bench/audit.ts times the same thing on SQLite.
    let lookups = 0;
    const src = { node: (level: number, index: number) => (lookups++, Buffer.alloc(32, (level * 31 + index) % 251)) };
    consistencyProof(src, 6_543_210, 10_000_000);
    expect(lookups).toBeLessThan(24 * 24);
  });
});
