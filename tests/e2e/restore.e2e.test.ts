import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp, closeBrowser, e2eEnabled, waitForText, type App } from './harness.js';

afterAll(closeBrowser);

/**
 * Garbage over the middle of every leaf page of the accounts table, in the file under the running
 * app (its WAL checkpointed first, so those pages are read from the file), then a write so the
 * reader's page cache is dropped: the next read of accounts meets the damage.
 */
async function damageAccounts(app: App): Promise<void> {
  const sqlite = app.core.writer.sqlite;
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  const pages = sqlite.prepare("SELECT pageno FROM dbstat WHERE name = 'accounts' AND pagetype = 'leaf'").pluck().all() as number[];
  expect(pages.length).toBeGreaterThan(1);
  const size = sqlite.pragma('page_size', { simple: true }) as number;
  const fd = fs.openSync(sqlite.name, 'r+');
  for (const p of pages) fs.writeSync(fd, Buffer.alloc(size / 2, 0xa5), 0, size / 2, (p - 1) * size + size / 4);
  fs.closeSync(fd);
  await app.core.call('settings.setProfile', { user: 'e2e', agency: 'Test Task Force', role: 'after the damage' });
}

describe.runIf(e2eEnabled)('backups and restore, through the UI in Chromium', () => {
  let app: App;
  afterAll(async () => app?.close());

  it('a damaged file is named in the UI; a kept backup is checked, confirmed and restored; the restore is audited', async () => {
    app = await openApp({
      prepare: async (core) => {
        const c = await core.call('cases.create', { number: 'TF-1', title: 'Operation Backup' });
        // Enough accounts for several pages, so the damage below has somewhere to land.
        for (let i = 0; i < 120; i++) await core.call('accounts.create', { caseId: c.id, identifier: `US-ACCT-${String(i).padStart(4, '0')}-${'x'.repeat(60)}`, kind: 'bank', currency: 'USD' });
      },
    });
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    const panel = page.getByTestId('backups-panel');
    await panel.getByText('No backups kept yet.').waitFor();
    await page.getByTestId('backup-now').click();
    await page.getByTestId('backup-row').first().waitFor();

    // Work after the backup, then damage in the file.
    await app.core.call('cases.create', { number: 'TF-2', title: 'After the backup' });
    await damageAccounts(app);

    // The Audit tab's verify names the damage and where to go.
    await page.getByRole('button', { name: 'Cases' }).click();
    await page.getByText('Operation Backup').click();
    await page.getByRole('tab', { name: 'Audit' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await waitForText(page.getByTestId('audit-file-damaged'), 'File damaged');
    await waitForText(page.getByTestId('audit-file-damaged'), 'Settings, Backups and restore');
    await app.screenshot('restore-01-damaged');
    // A view reading the damaged table says "file damaged", never SQLite's raw words.
    await page.getByRole('tab', { name: 'Subjects & accounts' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'file damaged' }).first();
    await waitForText(alert, 'file damaged:');
    expect(await alert.innerText()).toContain('restore it from a backup');
    expect(await alert.innerText()).not.toContain('disk image is malformed');

    // Settings: check the backup, see each check, confirm, restore.
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByTestId('backup-row').first().getByRole('button', { name: 'Check…' }).click();
    const check = page.getByTestId('backup-check');
    await waitForText(check.getByTestId('check-integrity'), 'Every page of the file is sound');
    await waitForText(check.getByTestId('check-chain'), 'Audit chain intact');
    await waitForText(check.getByTestId('check-tree'), 'Merkle tree of the audit log matches');
    await waitForText(check.getByTestId('check-checkpoints'), 'no signed checkpoint');
    await app.screenshot('restore-02-checked');
    await page.getByTestId('restore-button').click();
    await page.getByRole('dialog', { name: 'Restore a backup?' }).waitFor();
    await app.screenshot('restore-03-confirm');
    await page.getByTestId('restore-confirm').click();
    const done = page.getByTestId('restore-done');
    await waitForText(done, 'Restored from proceeds-backup-');
    await waitForText(done, 'is kept as');
    await app.screenshot('restore-04-restored');

    // The restored file: the case made after the backup is gone, the accounts read again, the log is whole.
    await page.getByRole('button', { name: 'Cases' }).click();
    await page.getByText('Operation Backup').waitFor();
    expect(await page.getByText('After the backup').count()).toBe(0);
    const numbers = (await app.core.call('cases.list', {})).map((c) => c.number);
    expect(numbers).toEqual(['TF-1']);
    await page.getByText('Operation Backup').click();
    await page.getByRole('tab', { name: 'Audit' }).click();
    await page.getByRole('button', { name: 'Verify chain' }).click();
    await waitForText(page.getByTestId('audit-verify'), 'Chain intact');
    expect(await page.getByTestId('audit-file-damaged').count()).toBe(0);
    const last = app.core.reader.sqlite.prepare('SELECT method, actor FROM audit_log ORDER BY seq DESC LIMIT 1').get();
    expect(last).toEqual({ method: 'db.restore', actor: 'e2e' });
    const accounts = app.core.reader.sqlite.prepare('SELECT count(*) FROM accounts').pluck().get();
    expect(accounts).toBe(120);
  }, 120_000);
});
