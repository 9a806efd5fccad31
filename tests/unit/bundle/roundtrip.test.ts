import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { RECORD_TABLES } from '../../../core/bundle/format.js';
import { verifyBundle } from '../../../core/bundle/verify.js';
import { exportCase, makeAgency, sendingSide, tableCounts, trustedError } from './helpers.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

describe('bundle round trip: export at agency A, verify and import at agency B', () => {
  it('carries every record, exhibit and the audit segment, with provenance, into another database', async () => {
    const a = await sendingSide('agency-a');
    const b = tempCore('agency-b');
    cleanups.push(a.env.cleanup, b.cleanup);
    const keys = fs.mkdtempSync(path.join(os.tmpdir(), 'keys-'));
    cleanups.push(() => fs.rmSync(keys, { recursive: true, force: true }));
    const agencyA = await makeAgency(keys, 'Agency A');
    const out = path.join(a.env.dir, 'out', 'case.zip');
    const exported = await exportCase(a.env, a.caseId, agencyA, out);
    expect(fs.existsSync(out) && fs.existsSync(`${out}.minisig`)).toBe(true);
    expect(exported.exhibits).toEqual({ files: 2, bytes: expect.any(Number) });

    const report = await verifyBundle(out, { keyring: [agencyA.trusted] });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.signer?.agencyName).toBe('Agency A');
    expect(report.checks.map((c) => c.id)).toEqual(['structure', 'signature', 'contents', 'bagit', 'digests', 'detached']);

    await b.core.call('keyring.add', { publicKey: fs.readFileSync(agencyA.pubFile, 'utf8'), agencyName: 'Agency A', confirmFingerprint: agencyA.trusted.fingerprint });
    const before = tableCounts(b, ['audit_log']).audit_log;
    const imported = await b.core.call('bundles.import', { file: { path: out } }, { trusted: true });
    expect(imported.outcome.conflictCount).toBe(0);
    const sent = tableCounts(a.env, RECORD_TABLES);
    const got = tableCounts(b, RECORD_TABLES);
    expect(got).toEqual(sent);
    // Every record came with its provenance; the import itself is one audit row.
    const provenance = tableCounts(b, ['provenance']).provenance;
    expect(provenance).toBe(Object.values(sent).reduce((x, y) => x + y, 0));
    expect(tableCounts(b, ['audit_log']).audit_log).toBe(before + 1);
    expect((await b.core.call('audit.verify', {})).ok).toBe(true);
    expect(imported.outcome.audit.intact).toBe(true);
    expect(imported.outcome.audit.rows).toBeGreaterThan(0);
    expect(tableCounts(b, ['bundle_audit']).bundle_audit).toBe(imported.outcome.audit.rows);
    // The same transactions, to the minor unit.
    const sum = (env: typeof b) => env.core.writer.sqlite.prepare('SELECT sum(amount_minor) AS s, count(*) AS n FROM transactions').get();
    expect(sum(b)).toEqual(sum(a.env));
    // Exhibits are in B's content store, byte for byte.
    expect(await b.core.call('exhibits.verify', { caseId: imported.outcome.caseId })).toMatchObject({ ok: true, checked: 2, missing: [], changed: [] });

    const again = await trustedError(b, 'bundles.import', { file: { path: out } });
    expect(again.code).toBe('Conflict');
    expect(again.message).toMatch(/imported already/);
  });
});
