import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Core } from '../../core/core.js';
import { HubClient } from '../../core/hub/client.js';
import { startHub, type RunningHub } from '../../core/hub/hub.js';
import { trustedKeyFrom, writeKeyringFile } from '../../core/keys/keyring.js';
import { generateSigningKey, publicKeyText } from '../../core/keys/secret-key.js';
import { rewriteAndRehash } from '../helpers/forger.js';
import { tempCore } from '../helpers/core.js';
import { openApp, closeBrowser, e2eEnabled, waitForText, waitUntil, type App } from './harness.js';

/**
 * Issue 17's walk-through: two agencies' desktops (two SQLite files, two cores; agency A in
 * Chromium) share cases holding the same account with one hub (PGlite in-process). Both see the
 * match, the supervisor sees both in the totals, and a rewritten history is refused.
 */

afterAll(closeBrowser);

const PASSPHRASE = 'hub e2e signing passphrase';
const SHARED_IBAN = 'DE89 3704 0044 0532 0130 00';

/** A case holding the shared account and one seized asset, and the agency's signing key. */
async function agencyDesktop(core: Core, agency: string, number: string, value: string) {
  const key = await core.call('keys.create', { agency, protection: 'passphrase', passphrase: PASSPHRASE });
  const c = await core.call('cases.create', { number, title: `Case of ${agency}`, status: 'open' });
  await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: SHARED_IBAN, currency: 'EUR' });
  await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: `${number}-0042`, currency: 'EUR' });
  await core.call('assets.create', { caseId: c.id, type: 'other', description: 'gold watch', seizedOn: '2024-02-01', currency: 'EUR', valueSeized: value });
  return { caseId: c.id, key };
}

describe.runIf(e2eEnabled)('the regional hub, from two agencies\' desktops', () => {
  let a: App;
  let b: ReturnType<typeof tempCore>;
  let hub: RunningHub;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hub-e2e-'));
  const supervisor = generateSigningKey('Regional Supervisor');
  afterAll(async () => {
    await a?.close();
    // After the rewrite b.core is the reopened core, not the one tempCore's cleanup would close.
    b?.core.close();
    if (b) fs.rmSync(b.dir, { recursive: true, force: true });
    await hub?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shares two agencies\' cases with one hub: both see the shared account, the supervisor both totals, and a rewritten history is refused', async () => {
    let caseA = '';
    // The hub's PGlite starts (initdb in WebAssembly) while the desktops are made.
    const hubData = path.join(dir, 'hub');
    const [appA, deskB] = await Promise.all([
      openApp({ prepare: async (core) => { caseA = (await agencyDesktop(core, 'Agency A', 'TF-A-1', '1000.50')).caseId; } }),
      (async () => {
        const env = tempCore('hub-e2e-b');
        return { env, ...(await agencyDesktop(env.core, 'Agency B', 'TF-B-7', '250.25')) };
      })(),
    ]);
    a = appA;
    b = deskB.env;
    const pub = async (core: Core, agencyName: string) => trustedKeyFrom((await core.call('keys.list', {}))[0].publicKey, { agencyName });
    writeKeyringFile(path.join(dir, 'agencies.json'), [await pub(a.core, 'Agency A'), await pub(b.core, 'Agency B')]);
    writeKeyringFile(path.join(dir, 'supervisors.json'), [trustedKeyFrom(publicKeyText(supervisor), { agencyName: 'Regional Supervisor' })]);
    hub = await startHub({ dataDir: hubData, keyrings: [path.join(dir, 'agencies.json')], supervisorKeyrings: [path.join(dir, 'supervisors.json')], name: 'region-e2e' });

    // Agency A, in Chromium: Settings -> Regional hub, the hub's key confirmed as any key.
    const page = a.page;
    const origin = new URL(page.url()).origin;
    await page.goto(`${origin}/#/settings`);
    const settings = page.getByTestId('hub-settings');
    await settings.locator('input[name=url]').fill(hub.url);
    await settings.locator('input[name=passphrase]').fill(PASSPHRASE);
    await settings.getByRole('button', { name: 'Connect' }).click();
    await waitForText(page.getByTestId('hub-fingerprint'), hub.key.fingerprint, 60_000);
    const state = page.getByTestId('hub-state');
    await waitUntil('the hub pending', async () => (await state.getAttribute('data-state')) === 'pending');
    const confirm = page.getByTestId('hub-confirm');
    await confirm.locator('input[name=fingerprint]').fill('0000 0000');
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await waitForText(confirm.getByRole('alert'), 'do not trust this hub');
    await a.screenshot('hub-01-settings-confirm');
    await confirm.locator('input[name=fingerprint]').fill(await page.getByTestId('hub-words').innerText());
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await waitUntil('the hub confirmed', async () => (await state.getAttribute('data-state')) === 'confirmed');
    await a.screenshot('hub-02-settings-confirmed');

    // "Share with the hub" on A's case.
    await page.goto(`${origin}/#/case/${caseA}/bundles`);
    const panel = page.getByTestId('case-hub');
    await panel.locator('input[name=hubPassphrase]').fill(PASSPHRASE);
    await panel.getByTestId('hub-share').click();
    await waitForText(page.getByTestId('hub-shared'), 'Shared with region-e2e', 60_000);
    expect(await a.core.call('hub.receipts', { caseId: caseA })).toHaveLength(1);

    // Agency B, through the same contract from its own core.
    const info = await b.core.call('hub.connect', { url: hub.url, keyId: deskB.key.id, passphrase: PASSPHRASE });
    expect(info).toMatchObject({ fingerprint: hub.key.fingerprint, confirmedAt: null, you: { agency: 'Agency B' } });
    await expect(b.core.call('hub.share', { caseId: deskB.caseId, passphrase: PASSPHRASE })).rejects.toThrow(/not confirmed/);
    await b.core.call('hub.confirm', { fingerprint: hub.key.fingerprint });
    expect(await b.core.call('hub.share', { caseId: deskB.caseId, passphrase: PASSPHRASE })).toMatchObject({ status: 'stored', hub: 'region-e2e' });
    expect(await b.core.call('hub.sync', { passphrase: PASSPHRASE })).toMatchObject({ matches: 1, receipts: 1 });
    const seenByB = await b.core.call('hub.matches', { caseId: deskB.caseId });
    expect(seenByB.map((m) => [m.kind, m.value, m.theirAgency, m.theirCaseNumber, m.theirTable])).toEqual([['account', 'DE89370400440532013000', 'Agency A', 'TF-A-1', 'accounts']]);

    // A syncs in the UI and sees B's side: agency, case, provenance; nothing else of B's case.
    await panel.getByTestId('hub-sync').click();
    await waitForText(page.getByTestId('hub-synced'), 'Synced: 1 match');
    const table = page.getByTestId('hub-matches');
    await waitForText(table, 'Agency B');
    const text = await table.innerText();
    expect(text).toContain('TF-B-7');
    expect(text).toContain(SHARED_IBAN);
    expect(text).not.toContain('gold watch');
    expect(text).not.toContain('250.25');
    await a.screenshot('hub-03-case-matches');

    // The supervisor's totals hold both agencies, exactly.
    const sup = new HubClient(hub.url, supervisor);
    expect((await sup.get('/v1/totals?by=agency')).body.rows).toEqual([
      { key: 'Agency A', currency: 'EUR', assets: 1, seizedMinor: '100050', realisedMinor: '0' },
      { key: 'Agency B', currency: 'EUR', assets: 1, seizedMinor: '25025', realisedMinor: '0' },
    ]);

    // B's history rewritten and re-hashed with sqlite3: the hub refuses, and B keeps no trace of a share.
    b.core.close();
    rewriteAndRehash(b.dbPath, 3);
    b.core = new Core({ dbPath: b.dbPath, actor: { user: 'tester', agency: 'Agency B' } });
    await b.core.call('cases.update', { id: deskB.caseId, title: 'after the rewrite' });
    const sentBefore = (await b.core.call('bundles.list', {})).length;
    await expect(b.core.call('hub.share', { caseId: deskB.caseId, passphrase: PASSPHRASE })).rejects.toMatchObject({ code: 'Conflict', message: expect.stringMatching(/audit-log-rewritten/) });
    expect(await b.core.call('bundles.list', {})).toHaveLength(sentBefore);
    expect(await b.core.call('hub.receipts', { caseId: deskB.caseId })).toHaveLength(2);
    expect((await sup.get('/v1/alerts')).body.alerts.map((x: { agency: string; kind: string }) => [x.agency, x.kind])).toEqual([['Agency B', 'audit-log-rewritten']]);
  }, 600_000); // PGlite's initdb, two key derivations and three signed exports: 268 s measured at a load of 25-30 on 2 cores.
});
