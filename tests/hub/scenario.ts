// The hub's behaviour, run once on PGlite and once on a real PostgreSQL (hub-pglite / hub-postgres).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { Core } from '../../core/core.js';
import { rewriteAndRehash } from '../helpers/forger.js';
import { checkpointSignedBy, parseCheckpoint } from '../../core/audit/checkpoint.js';
import { leafHash, verifyInclusion } from '../../core/audit/merkle.js';
import { verifyBundle } from '../../core/bundle/verify.js';
import { generateSigningKey, publicKeyText, type SigningKey } from '../../core/keys/secret-key.js';
import { trustedKeyFrom, writeKeyringFile } from '../../core/keys/keyring.js';
import { HubClient } from '../../core/hub/client.js';
import { startHub, type RunningHub } from '../../core/hub/hub.js';
import { watchDropFolder } from '../../core/hub/drop-folder.js';
import { signRequest } from '../../core/hub/request-signature.js';
import { tempCore } from '../helpers/core.js';
import { exportCase, makeAgency, smallCase, type Agency } from '../unit/bundle/helpers.js';

const SHARED_IBAN = 'DE89 3704 0044 0532 0130 00';


/** One agency's desktop: a small case holding the shared account, and an asset seized. */
async function desktop(keys: string, name: string, caseNumber: string, assetValue: string) {
  const env = tempCore(name.replace(/\W/g, '-'));
  const agency = await makeAgency(keys, name);
  const c = await smallCase(env, caseNumber);
  await env.core.call('assets.create', { caseId: c.caseId, type: 'other', description: 'gold watch', seizedOn: '2024-02-01', currency: 'EUR', valueSeized: assetValue });
  return { env, agency, caseId: c.caseId, client: null as unknown as HubClient };
}

export function hubScenario(database: () => Promise<{ databaseUrl?: string; stop?: () => void }>) {
  let hub: RunningHub;
  let stopDb: (() => void) | undefined;
  let keys: string;
  let dataDir: string;
  let a: Awaited<ReturnType<typeof desktop>>;
  let b: Awaited<ReturnType<typeof desktop>>;
  let supervisor: { key: SigningKey; trusted: ReturnType<typeof trustedKeyFrom> };
  let stranger: SigningKey;
  let strangerAgency: Agency;
  const bundles: Record<string, string> = {};

  beforeAll(async () => {
    keys = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-keys-'));
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-data-'));
    const db = await database();
    stopDb = db.stop;
    [a, b, strangerAgency] = await Promise.all([desktop(keys, 'Agency A', 'TF-A-1', '1000.50'), desktop(keys, 'Agency B', 'TF-B-7', '250.25'), makeAgency(keys, 'Impostor')]);
    // Keys that never sign a bundle need no key file (its passphrase hashing is slow on purpose).
    const sk = generateSigningKey('Regional Supervisor');
    supervisor = { key: sk, trusted: trustedKeyFrom(publicKeyText(sk), { agencyName: 'Regional Supervisor' }) };
    stranger = generateSigningKey('Stranger');
    writeKeyringFile(path.join(keys, 'agencies.json'), [a.agency.trusted, b.agency.trusted]);
    writeKeyringFile(path.join(keys, 'supervisors.json'), [supervisor.trusted]);
    hub = await startHub({ dataDir, databaseUrl: db.databaseUrl, keyrings: [path.join(keys, 'agencies.json')], supervisorKeyrings: [path.join(keys, 'supervisors.json')], name: 'region-test' });
    a.client = new HubClient(hub.url, a.agency.key);
    b.client = new HubClient(hub.url, b.agency.key);
    for (const [who, d] of [['a', a], ['b', b]] as const) {
      bundles[who] = path.join(d.env.dir, `${who}.zip`);
      await exportCase(d.env, d.caseId, d.agency, bundles[who]);
    }
    // PGlite runs initdb in WebAssembly at first open: seconds idle, minutes on a machine loaded 15x.
  }, 400_000);
  afterAll(async () => {
    await hub?.close();
    stopDb?.();
    a?.env.cleanup();
    b?.env.cleanup();
    for (const d of [keys, dataDir]) if (d) fs.rmSync(d, { recursive: true, force: true });
  });

  it('takes each agency\'s signed bundle and returns a receipt signed by the hub that proves the push is in its log', async () => {
    const pushed = await a.client.push(bundles.a);
    expect(pushed.status, JSON.stringify(pushed.body)).toBe(201);
    expect(pushed.body).toMatchObject({ status: 'stored', agency: 'Agency A', caseNumber: 'TF-A-1' });
    expect(pushed.body.witness.size).toBeGreaterThan(0);
    const r = pushed.body.receipt;
    const cp = parseCheckpoint(r.checkpoint);
    expect(checkpointSignedBy(cp, hub.key.publicKey)).toBe(true);
    expect(verifyInclusion(r.leafIndex, r.treeSize, leafHash(r.entryBytes), r.proof.map((h: string) => Buffer.from(h, 'hex')), cp.root)).toBe(true);
    expect(JSON.parse(r.entryBytes)).toMatchObject({ action: 'bundle.push', agency: 'Agency A', detail: { bundleId: pushed.body.bundleId } });
    expect((await b.client.push(bundles.b)).status).toBe(201);
    expect(fs.readdirSync(path.join(dataDir, 'bundles'))).toHaveLength(2);
  });

  it('shows both agencies the account they share, with the provenance of each side and nothing else', async () => {
    const seenByA = (await a.client.get('/v1/matches')).body.matches;
    const seenByB = (await b.client.get('/v1/matches')).body.matches;
    const iban = 'DE89370400440532013000';
    const mA = seenByA.find((m: { value: string }) => m.value === iban);
    const mB = seenByB.find((m: { value: string }) => m.value === iban);
    expect(mA).toMatchObject({ kind: 'account', ours: { agency: 'Agency A', caseNumber: 'TF-A-1' }, theirs: { agency: 'Agency B', caseNumber: 'TF-B-7' } });
    expect(mB).toMatchObject({ kind: 'account', ours: { agency: 'Agency B', caseNumber: 'TF-B-7' }, theirs: { agency: 'Agency A', caseNumber: 'TF-A-1' } });
    expect(Object.keys(mA.theirs).sort()).toEqual(['agency', 'bundleId', 'caseNumber', 'record']);
    expect(SHARED_IBAN.replace(/\s/g, '')).toBe(iban);
  });

  it('adds up both agencies\' assets for the supervisor, exactly, by agency and status; an agency sees only its own', async () => {
    const sup = new HubClient(hub.url, supervisor.key);
    const byAgency = (await sup.get('/v1/totals?by=agency')).body.rows;
    expect(byAgency).toEqual([
      { key: 'Agency A', currency: 'EUR', assets: 1, seizedMinor: '100050', realisedMinor: '0' },
      { key: 'Agency B', currency: 'EUR', assets: 1, seizedMinor: '25025', realisedMinor: '0' },
    ]);
    expect((await sup.get('/v1/totals?by=status')).body.rows).toEqual([{ key: 'seized', currency: 'EUR', assets: 2, seizedMinor: '125075', realisedMinor: '0' }]);
    expect((await sup.get('/v1/totals?by=period')).body.rows[0]).toMatchObject({ key: '2024-02', seizedMinor: '125075' });
    expect((await a.client.get('/v1/totals?by=agency')).body.rows.map((r: { key: string }) => r.key)).toEqual(['Agency A']);
    expect((await sup.get('/v1/totals?by=nonsense')).status).toBe(400);
  });

  it('treats a bundle sent again as a no-op, with the same receipt entry', async () => {
    const before = await hub.conn.db.execute('SELECT count(*)::int AS n FROM hub_records' as never);
    const again = await a.client.push(bundles.a);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('duplicate');
    const after = await hub.conn.db.execute('SELECT count(*)::int AS n FROM hub_records' as never);
    expect((after as unknown as { rows: unknown[] }).rows).toEqual((before as unknown as { rows: unknown[] }).rows);
    expect(JSON.parse(again.body.receipt.entryBytes).action).toBe('bundle.push');
  });

  it('refuses unsigned, unknown-key, tampered and replayed requests with 401, and logs each', async () => {
    expect((await fetch(`${hub.url}/v1/matches`)).status).toBe(401);
    expect((await new HubClient(hub.url, stranger).get('/v1/matches')).status).toBe(401);
    const headers = signRequest(a.agency.key, 'GET', '/v1/matches');
    expect((await fetch(`${hub.url}/v1/totals`, { headers })).status).toBe(401);
    expect((await fetch(`${hub.url}/v1/matches`, { headers })).status).toBe(200);
    expect((await fetch(`${hub.url}/v1/matches`, { headers })).status).toBe(401);
    const refused = (await hub.conn.db.execute("SELECT count(*)::int AS n FROM hub_audit WHERE action = 'refused' AND status = 401" as never)) as unknown as { rows: { n: number }[] };
    expect(refused.rows[0].n).toBeGreaterThanOrEqual(4);
    // The log is append-only: PostgreSQL itself refuses to change it.
    const refusal = await hub.conn.db.execute('DELETE FROM hub_audit' as never).then(() => null, (e: Error & { cause?: Error }) => e.cause?.message ?? e.message);
    expect(refusal).toMatch(/append-only/);
  });

  it('refuses a bundle that fails verification with the desktop\'s reasons, storing nothing', async () => {
    const forged = path.join(keys, 'forged.zip');
    const bytes = fs.readFileSync(bundles.b);
    // A byte of the signed statement's envelope flipped: the zip no longer holds what was signed.
    const at = bytes.indexOf(Buffer.from('"payload":"')) + 20;
    bytes[at] = bytes[at] === 0x41 ? 0x42 : 0x41;
    fs.writeFileSync(forged, bytes);
    // A bundle signed by a key the hub does not know, pushed by a known agency.
    const strangers = path.join(keys, 'stranger.zip');
    await exportCase(a.env, a.caseId, strangerAgency, strangers);
    for (const file of [forged, strangers]) {
      const desktopSays = await verifyBundle(file, { keyring: [a.agency.trusted, b.agency.trusted], detached: 'skip' });
      const r = await b.client.push(file);
      expect(r.status).toBe(422);
      expect(r.body.error.problems.map((p: { code: string }) => p.code)).toEqual(desktopSays.problems.map((p) => p.code));
      expect(r.body.error.problems.length).toBeGreaterThan(0);
    }
    expect(fs.readdirSync(path.join(dataDir, 'bundles'))).toHaveLength(2);
  });

  it('takes bundles from a watched drop folder: a known one is a no-op, a forged one is moved to refused/ with the reasons', async () => {
    const drop = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-drop-'));
    const watcher = watchDropFolder(hub.context, drop);
    try {
      fs.copyFileSync(bundles.b, path.join(drop, 'b.zip'));
      fs.copyFileSync(path.join(keys, 'forged.zip'), path.join(drop, 'forged.zip'));
      await vi.waitFor(() => expect(fs.existsSync(path.join(drop, 'refused', 'forged.zip.json')) && fs.existsSync(path.join(drop, 'done', 'b.zip.json'))).toBe(true), { timeout: 60_000, interval: 100 });
      expect(JSON.parse(fs.readFileSync(path.join(drop, 'done', 'b.zip.json'), 'utf8'))).toMatchObject({ status: 'duplicate', agency: 'Agency B' });
      expect(JSON.parse(fs.readFileSync(path.join(drop, 'refused', 'forged.zip.json'), 'utf8')).error.code).toBe('bundle-invalid');
    } finally {
      await watcher.close();
      fs.rmSync(drop, { recursive: true, force: true });
    }
  });

  it('refuses a bundle whose audit history was rewritten, and raises an alert for that agency', async () => {
    a.env.core.close();
    rewriteAndRehash(a.env.dbPath, 3);
    const forgedCore = new Core({ dbPath: a.env.dbPath, actor: { user: 'tester', agency: 'Agency A' } });
    const env = { ...a.env, core: forgedCore };
    a.env.core = forgedCore;
    await forgedCore.call('cases.update', { id: a.caseId, title: 'after the rewrite' });
    const second = path.join(a.env.dir, 'a2.zip');
    await exportCase(env, a.caseId, a.agency, second);
    const r = await a.client.push(second);
    expect(r.status, JSON.stringify(r.body)).toBe(409);
    expect(r.body.error.code).toBe('audit-log-rewritten');
    expect(r.body.error.message).toMatch(/rewritten/);
    const alerts = (await a.client.get('/v1/alerts')).body.alerts;
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ agency: 'Agency A', kind: 'audit-log-rewritten' });
    expect((await b.client.get('/v1/alerts')).body.alerts).toHaveLength(0);
    // Nothing of the refused bundle was kept: the totals are as before.
    const sup = new HubClient(hub.url, supervisor.key);
    expect((await sup.get('/v1/totals?by=status')).body.rows[0].seizedMinor).toBe('125075');
  });
}
