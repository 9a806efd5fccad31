import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openApp, closeBrowser, e2eEnabled, waitForText, type App } from './harness.js';

/** Issue 12 in the real renderer: the first launch names the person and offers the agency key; a tampered database opens read-only. */

afterAll(closeBrowser);

describe.runIf(e2eEnabled)('records that prove themselves, through the UI in Chromium', () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('first launch: asks who is working, then offers to create the agency signing key', async () => {
    app = await openApp({ profile: false });
    const { page } = app;
    const dialog = page.getByRole('dialog', { name: 'Who is working?' });
    await dialog.waitFor();
    await dialog.locator('input[name=user]').fill('Ana Torres');
    await dialog.locator('input[name=agency]').fill('Polícia Federal');
    await dialog.locator('input[name=role]').fill('Financial investigator');
    await app.screenshot('records-01-first-launch');
    await dialog.getByRole('button', { name: 'Start' }).click();

    const offer = page.getByRole('dialog', { name: "Create your agency's signing key?" });
    await offer.waitFor();
    // The agency from the profile is the key's agency unless changed.
    expect(await offer.locator('input[name=keyAgency]').inputValue()).toBe('Polícia Federal');
    await offer.locator('input[type=password]').nth(0).fill('correct horse battery staple');
    await offer.locator('input[type=password]').nth(1).fill('correct horse battery staple');
    await app.screenshot('records-02-first-launch-key');
    await offer.getByRole('button', { name: 'Create signing key' }).click();
    await offer.waitFor({ state: 'detached' });
    await waitForText(page.locator('.topbar__profile'), 'Ana Torres');
    await app.screenshot('records-03-after-first-launch');

    const keys = await app.core.call('keys.list', {});
    expect(keys.map((k) => [k.agencyName, k.protection])).toEqual([['Polícia Federal', 'passphrase']]);
    const rows = app.core.reader.sqlite.prepare('SELECT actor, agency, entity FROM audit_log ORDER BY seq').all();
    expect(rows).toEqual([
      { actor: 'Ana Torres', agency: 'Polícia Federal', entity: 'profile' },
      { actor: 'Ana Torres', agency: 'Polícia Federal', entity: 'signing_key' },
    ]);
  });

  it('a database changed outside the app opens read-only: a banner lists the findings and write actions are gone', async () => {
    let caseId = '';
    app = await openApp({
      prepare: async (core) => {
        const c = await core.call('cases.create', { number: 'TF-RO-9', title: 'Operation Quiet Ledger', status: 'open' });
        caseId = c.id;
        // Someone with the sqlite3 shell renames the case behind the app's back.
        const raw = new Database(core.writer.sqlite.name);
        raw.prepare("UPDATE cases SET title = 'Operation Nothing Here' WHERE id = ?").run(c.id);
        raw.close();
        expect(core.verifyOnOpen().ok).toBe(false);
      },
    });
    const { page } = app;
    const banner = page.getByTestId('integrity-banner');
    await waitForText(banner, 'Read-only: this database failed deep verification (1 finding)');
    await waitForText(banner, `changed: cases ${caseId} title: expected Operation Quiet Ledger, found Operation Nothing Here`);
    await page.getByText('Operation Nothing Here', { exact: true }).first().click();
    await page.getByRole('tab', { name: 'Subjects & accounts' }).click();
    await page.getByTestId('subjects-grid').waitFor();
    expect(await page.getByRole('button', { name: 'Add subject' }).count()).toBe(0);
    await app.screenshot('records-04-read-only');
    const refused = await app.core.call('subjects.create', { caseId, kind: 'person', name: 'X' } as never).catch((e: Error) => e.message);
    expect(refused).toMatch(/nothing was changed: this database failed deep verification/);
  });
});
