import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setAuditedWrite } from '../../../db/connection.js';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { verifyBundle } from '../../../core/bundle/verify.js';
import { readEntries, resign, writeZip } from './craft.js';
import { exportCase, makeAgency, smallCase, trustedError } from './helpers.js';

/** Who sent a bundle is the keyring's word, and the bundles of a case from one sender form a chain. */

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

async function setup() {
  const a = tempCore('prov-a');
  const b = tempCore('prov-b');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prov-'));
  cleanups.push(a.cleanup, b.cleanup, () => fs.rmSync(dir, { recursive: true, force: true }));
  const agency = await makeAgency(dir, 'HSI Miami');
  await b.core.call('keyring.add', { publicKey: fs.readFileSync(agency.pubFile, 'utf8'), agencyName: 'HSI Miami', confirmFingerprint: agency.trusted.fingerprint });
  const c = await smallCase(a);
  let n = 0;
  const exportOne = async () => {
    const f = path.join(dir, `b${++n}.zip`);
    return { ...(await exportCase(a, c.caseId, agency, f)), file: f };
  };
  const importOne = (f: string, extra: Record<string, unknown> = {}) => b.core.call('bundles.import', { file: { path: f }, ...extra }, { trusted: true });
  return { a, b, dir, agency, c, exportOne, importOne };
}

describe('the sender is the keyring agency of the signing key', () => {
  it('refuses a bundle signed by HSI Miami whose statement says it comes from the FBI', async () => {
    const s = await setup();
    const one = await s.exportOne();
    const f = path.join(s.dir, 'claims-fbi.zip');
    await writeZip(f, resign(await readEntries(one.file), s.agency.key, { predicate: (p) => void (p.sendingAgency.name = 'FBI Washington Field Office') }));
    const r = await verifyBundle(f, { keyring: [s.agency.trusted], detached: 'skip' });
    expect(r.ok).toBe(false);
    expect(r.state).toBe('invalid');
    expect(r.problems).toEqual([
      { code: 'sender-mismatch', message: 'the bundle says it comes from "FBI Washington Field Office", but it is signed with the key of "HSI Miami" in this keyring' },
    ]);
  });
});

describe("a case's bundles from one sender form a chain", () => {
  it('imports in order; flags a bundle after a gap and one older than what was imported, before importing anything', async () => {
    const s = await setup();
    const b1 = await s.exportOne();
    const b2 = await s.exportOne();
    const b3 = await s.exportOne();
    expect((await s.importOne(b1.file)).report.chain).toMatchObject({ status: 'first', inOrder: true });
    const gap = await trustedError(s.b, 'bundles.import', { file: { path: b3.file } });
    expect(gap.code).toBe('Conflict');
    expect(gap.message).toBe(
      `the bundle is out of order: it follows bundle ${b2.bundleId}, which never arrived here (the last received is ${b1.bundleId}): a bundle is missing in between; nothing was imported (import it anyway only after checking with HSI Miami)`,
    );
    const verified = await s.b.core.call('bundles.verify', { file: { path: b3.file } }, { trusted: true });
    expect(verified.chain).toMatchObject({ status: 'skipped', inOrder: false });
    expect((await s.importOne(b2.file)).report.chain).toMatchObject({ status: 'next' });
    expect((await s.importOne(b3.file)).report.chain).toMatchObject({ status: 'next' });
  });

  it('flags an older bundle arriving after a newer one, and a fork; both import only when accepted explicitly', async () => {
    const s = await setup();
    const b1 = await s.exportOne();
    const b2 = await s.exportOne();
    await s.importOne(b2.file, { acceptOutOfOrder: true });
    const older = await trustedError(s.b, 'bundles.import', { file: { path: b1.file } });
    expect(older.issues[0]).toMatchObject({ path: 'acceptOutOfOrder' });
    expect(older.message).toMatch(/^the bundle is out of order: it was made on .*, before the newest of the bundles of case TF-SMALL-1 from HSI Miami/);
    // The sender forgets b2 and makes another bundle after b1: a second branch.
    // (Bundles are evidence: only the app's own audited paths may delete one; the test plays the app.)
    setAuditedWrite(s.a.core.writer.sqlite, true);
    s.a.core.writer.sqlite.prepare('DELETE FROM bundles WHERE id = ?').run(b2.bundleId);
    setAuditedWrite(s.a.core.writer.sqlite, false);
    const b3 = await s.exportOne();
    await s.importOne(b1.file, { acceptOutOfOrder: true });
    const fork = await trustedError(s.b, 'bundles.import', { file: { path: b3.file } });
    expect(fork.message).toMatch(new RegExp(`it continues bundle ${b1.bundleId}, which another bundle \\(up to ${b2.bundleId}\\) continued already`));
  });
});
