import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { exportCase, makeAgency, sendingSide, tableCounts, type Agency } from './helpers.js';

let a: Awaited<ReturnType<typeof sendingSide>>;
let b: ReturnType<typeof tempCore>;
let dir: string;
let agency: Agency;
let zip: string;

beforeAll(async () => {
  a = await sendingSide('review-a');
  b = tempCore('review-b');
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'review-'));
  agency = await makeAgency(dir, 'Agency A');
  zip = path.join(dir, 'case.zip');
  await exportCase(a.env, a.caseId, agency, zip);
  await b.core.call('keyring.add', { publicKey: fs.readFileSync(agency.pubFile, 'utf8'), agencyName: 'Agency A', confirmFingerprint: agency.trusted.fingerprint });
}, 120_000); // the demo case and an export: more than the default 10 s on a loaded machine
afterAll(() => {
  a.env.cleanup();
  b.cleanup();
  fs.rmSync(dir, { recursive: true, force: true });
});

const TABLES = ['cases', 'subjects', 'accounts', 'transactions', 'assets', 'custody_events', 'exhibits', 'audit_log', 'bundles', 'provenance'];

describe('read-only review of a received bundle', () => {
  it('shows the report first, then serves the case as the sender saw it, without touching the local database', async () => {
    const before = tableCounts(b, TABLES);
    const dbBytes = fs.readFileSync(b.dbPath);
    const opened = await b.core.call('bundles.reviewOpen', { file: { path: zip } }, { trusted: true });
    expect(opened.report.ok).toBe(true);
    expect(opened.reviewId).toBeTruthy();
    const id = opened.reviewId!;
    const call = (method: string, input: unknown) => b.core.call('bundles.reviewCall', { reviewId: id, method, input });

    const c = (await call('cases.get', { id: opened.caseId })) as { number: string; participants: unknown[] };
    expect(c.number).toBe(a.number);
    const sent = await a.env.core.call('transactions.list', { caseId: a.caseId, limit: 5 });
    expect(await call('transactions.list', { caseId: a.caseId, limit: 5 })).toEqual(sent);
    expect(await call('graph.flows', { caseId: a.caseId })).toEqual(await a.env.core.call('graph.flows', { caseId: a.caseId }));
    expect(await call('assets.list', { caseId: a.caseId })).toEqual(await a.env.core.call('assets.list', { caseId: a.caseId }));
    // The sender's history travels with the case.
    const history = (await call('audit.list', { caseId: a.caseId, limit: 5000 })) as { total: number };
    // All of the sender's rows for the case, except the one recording the export itself (written after the bundle was sealed).
    const senderRows = (await a.env.core.call('audit.list', { caseId: a.caseId, limit: 5000 })).rows;
    expect(senderRows[0].entity).toBe('bundle');
    expect(history.total).toBe(senderRows.length - 1);
    expect(opened.audit).toMatchObject({ intact: true });

    for (const [method, input] of [['cases.update', { id: a.caseId, title: 'changed' }], ['bundles.list', {}], ['keyring.list', {}], ['demo.load', {}]] as const) {
      const err = (await call(method, input).catch((e) => e)) as { code: string };
      expect(err.code, method).toBe('Forbidden');
    }
    expect(tableCounts(b, TABLES)).toEqual(before);
    expect((await b.core.call('cases.list', {})).length).toBe(0);
    expect(fs.readFileSync(b.dbPath).equals(dbBytes)).toBe(true);

    expect(await b.core.call('bundles.reviewClose', { reviewId: id })).toEqual({ closed: true });
    expect(((await call('cases.get', { id: opened.caseId }).catch((e) => e)) as { code: string }).code).toBe('NotFound');
    expect(fs.readdirSync(path.join(b.core.dataDir, 'review'))).toEqual([]);
  });

  it('an exhibit opened during review is served from the local outbox, byte for byte as sent', async () => {
    const opened = await b.core.call('bundles.reviewOpen', { file: { path: zip } }, { trusted: true });
    const id = opened.reviewId!;
    try {
      const call = (method: string, input: unknown) => b.core.call('bundles.reviewCall', { reviewId: id, method, input });
      const exhibits = (await call('exhibits.list', { caseId: a.caseId })) as { id: string; sha256: string }[];
      expect(exhibits.length).toBeGreaterThan(0);
      const out = (await call('exhibits.open', { id: exhibits[0].id })) as { outputId: string; name: string };
      const file = path.join(b.core.dataDir, 'outbox', out.outputId, out.name);
      const { createHash } = await import('node:crypto');
      expect(createHash('sha256').update(fs.readFileSync(file)).digest('hex')).toBe(exhibits[0].sha256);
    } finally {
      await b.core.call('bundles.reviewClose', { reviewId: id });
    }
  });

  it('opens nothing when the bundle does not verify: only the report comes back', async () => {
    const c = tempCore('review-c');
    try {
      const r = await c.core.call('bundles.reviewOpen', { file: { path: zip } }, { trusted: true });
      expect(r.reviewId).toBeNull();
      expect(r.report.ok).toBe(false);
      expect(r.report.problems.map((p) => p.code)).toContain('signature-unknown-key');
    } finally {
      c.cleanup();
    }
  });

  it('takes an upload from the browser (staged file plus its .minisig)', async () => {
    const stage = (file: string, name: string) => {
      const id = crypto.randomUUID();
      const d = path.join(b.core.dataDir, 'staging', id);
      fs.mkdirSync(d, { recursive: true });
      fs.copyFileSync(file, path.join(d, 'content'));
      fs.writeFileSync(path.join(d, 'meta.json'), JSON.stringify({ name }));
      return { staged: id };
    };
    const report = await b.core.call('bundles.verify', { file: stage(zip, 'case.zip'), minisig: stage(`${zip}.minisig`, 'case.zip.minisig') });
    expect(report.ok).toBe(true);
    expect(report.file.name).toBe('case.zip');
    expect(report.checks.find((c) => c.id === 'detached')?.ok).toBe(true);
    const bare = await b.core.call('bundles.verify', { file: stage(zip, 'case.zip') });
    expect(bare.ok).toBe(true);
    expect(bare.notes.join(' ')).toMatch(/no detached/);
    const paths = await b.core.call('bundles.verify', { file: { path: zip } }).catch((e) => e);
    expect(paths.code).toBe('Forbidden');
    // Once imported, the staged upload and its signature are gone from the staging area.
    const upload = stage(zip, 'case.zip');
    const sig = stage(`${zip}.minisig`, 'case.zip.minisig');
    await b.core.call('bundles.import', { file: upload, minisig: sig });
    expect(fs.existsSync(path.join(b.core.dataDir, 'staging', upload.staged))).toBe(false);
    expect(fs.existsSync(path.join(b.core.dataDir, 'staging', sig.staged))).toBe(false);
  });
});
