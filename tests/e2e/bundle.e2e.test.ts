import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openApp, closeBrowser, e2eEnabled, waitForText, waitUntil, afterPaint, type App } from './harness.js';

/**
 * A case crosses from agency A to agency B through the UI, each with its own database: A creates its
 * signing key and exports; B trusts A's key, verifies the bundle (report first), reviews it
 * read-only, refuses a tampered copy, and imports it.
 */

afterAll(closeBrowser);

const PASSPHRASE = 'agency a signing passphrase';

async function download(page: Page, click: () => Promise<void>, to: string): Promise<string> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(to, dl.suggestedFilename());
  await dl.saveAs(file);
  return file;
}

describe.runIf(e2eEnabled)('signed evidence bundles, through the UI in Chromium', () => {
  let a: App;
  let b: App;
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-e2e-'));
  afterAll(async () => {
    await a?.close();
    await b?.close();
    fs.rmSync(files, { recursive: true, force: true });
  });

  it('exports at agency A, then verifies, reviews and imports at agency B', async () => {
    a = await openApp({
      prepare: async (core) => {
        const demo = await core.call('demo.load', { seed: 7 });
        const scan = path.join(files, 'seizure-photo.jpg');
        fs.writeFileSync(scan, Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 31) % 256)));
        await core.call('exhibits.add', { caseId: demo.caseId, file: { path: scan }, description: 'photo at seizure' }, { trusted: true });
      },
    });
    b = await openApp();
    const demo = (await a.core.call('cases.list', {}))[0];

    // Agency A: first export asks for the signing key (a passphrase: no OS keychain in a browser).
    const pa = a.page;
    await pa.getByRole('button', { name: 'Evidence bundles' }).click();
    await pa.getByRole('tab', { name: 'Export a case' }).click();
    const create = pa.getByTestId('key-create');
    await create.waitFor();
    await create.locator('input[name=passphrase]').fill('short');
    await create.locator('input[name=again]').fill('short');
    await create.getByRole('button', { name: 'Create signing key' }).click();
    await waitForText(create.getByRole('alert').first(), 'at least 10 characters');
    await create.locator('input[name=passphrase]').fill(PASSPHRASE);
    await create.locator('input[name=again]').fill(PASSPHRASE);
    await create.getByRole('button', { name: 'Create signing key' }).click();
    const form = pa.getByTestId('export-form');
    await form.waitFor();
    await form.locator('select[name=caseId]').selectOption(demo.id);
    await form.locator('input[name=recipients]').fill('Agency B');
    await form.locator('input[name=passphrase]').fill(PASSPHRASE);
    // B's encryption key is not in A's keyring in this walk-through: a plain zip, explicitly.
    await form.getByTestId('export-unencrypted').locator('input').check();
    await a.screenshot('bundles-01-export-form');
    await form.getByRole('button', { name: 'Export and sign' }).click();
    const done = pa.getByTestId('export-done');
    await done.waitFor({ timeout: 60_000 });
    await a.screenshot('bundles-02-exported');
    const zip = await download(pa, () => done.getByRole('button', { name: /\.zip$/ }).click(), files);
    const sig = await download(pa, () => done.getByRole('button', { name: /\.minisig$/ }).click(), files);
    expect(fs.statSync(zip).size).toBeGreaterThan(10_000);
    expect(fs.readFileSync(sig, 'utf8')).toMatch(/^untrusted comment: /);

    await pa.getByRole('tab', { name: 'Our signing key' }).click();
    const key = pa.getByTestId('own-key');
    const fingerprint = (await key.locator('.key-card__fp').innerText()).trim();
    const pub = await download(pa, () => key.getByRole('button', { name: 'Download public key (.pub)' }).click(), files);
    await a.screenshot('bundles-03-our-key');

    // Agency B: trust A's key, after comparing the fingerprint read out by phone.
    const pb = b.page;
    await pb.getByRole('button', { name: 'Evidence bundles' }).click();
    await pb.getByRole('tab', { name: 'Trusted agencies' }).click();
    const ring = pb.getByTestId('keyring-add');
    await ring.locator('input[name=pubFile]').setInputFiles(pub);
    // The keyring's name for the key is the sender's name: a bundle claiming another is refused.
    await ring.locator('input[name=agencyName]').fill('Test Task Force');
    await ring.getByRole('button', { name: 'Add to keyring' }).click();
    await waitForText(pb.getByTestId('keyring-added'), fingerprint);
    // Pending until the fingerprint read out by phone is typed back.
    const confirmForm = pb.getByTestId('keyring-confirm');
    await confirmForm.locator('input[name=fingerprint]').fill(fingerprint);
    await confirmForm.getByRole('button', { name: 'Confirm and trust' }).click();
    await pb.getByTestId('keyring-confirmed').waitFor();
    await b.screenshot('bundles-04-keyring');

    // A tampered copy: one byte changed. The report names the problem; nothing can be opened.
    const bytes = fs.readFileSync(zip);
    bytes[Math.floor(bytes.length / 2)] ^= 0x01;
    const bad = path.join(files, 'tampered.zip');
    fs.writeFileSync(bad, bytes);
    await pb.getByRole('tab', { name: 'Open a received bundle' }).click();
    const receive = pb.getByTestId('receive-form');
    await receive.locator('input[name=bundleZip]').setInputFiles(bad);
    await receive.getByRole('button', { name: 'Verify' }).click();
    await waitForText(pb.getByTestId('bundle-report'), 'This bundle failed verification');
    expect(await pb.getByTestId('bundle-problems').innerText()).toMatch(/data\/records\/\w+\.jsonl/);
    expect(await pb.getByRole('button', { name: 'Import into this database' }).count()).toBe(0);
    await b.screenshot('bundles-05-tampered');

    // The real one, with its detached signature: every check passes, the signer is A.
    await receive.locator('input[name=bundleZip]').setInputFiles(zip);
    await receive.locator('input[name=bundleMinisig]').setInputFiles(sig);
    await receive.getByRole('button', { name: 'Verify' }).click();
    await waitForText(pb.getByTestId('bundle-report'), 'Valid bundle');
    expect((await pb.getByTestId('signer-fingerprint').innerText()).trim()).toBe(fingerprint);
    expect(await pb.locator('.bundle-checks .is-bad').count()).toBe(0);
    expect(await pb.locator('.bundle-checks li').count()).toBe(6);
    await b.screenshot('bundles-06-report');

    // Review: the sender's case, read-only, from the bundle; B's database stays empty.
    await pb.getByRole('button', { name: 'Review read-only' }).click();
    const review = pb.getByTestId('review-workspace');
    await review.getByRole('heading', { name: demo.title }).waitFor();
    await review.getByRole('tab', { name: 'Transactions' }).click();
    const first = (await a.core.call('transactions.list', { caseId: demo.id, limit: 1 })).rows[0];
    await waitForText(review.getByTestId('transactions-grid'), first.reference, 20_000);
    await b.screenshot('bundles-07-review-transactions');
    await review.getByRole('tab', { name: 'Money trail' }).click();
    // The review's trail draws the sender's accounts and transfers, read from the bundle.
    const reviewGraph = review.locator('[data-testid=trail-graph][data-layout=done]');
    await reviewGraph.waitFor({ timeout: 60_000 });
    expect(Number(await reviewGraph.getAttribute('data-nodes'))).toBeGreaterThan(0);
    expect(Number(await reviewGraph.getAttribute('data-edges'))).toBeGreaterThan(0);
    await afterPaint(pb);
    await b.screenshot('bundles-08-review-trail');
    expect(await b.core.call('cases.list', {})).toEqual([]);
    await review.getByRole('button', { name: 'Close review' }).click();

    // Import: merged with provenance; the case is now B's to work on.
    pb.once('dialog', (d) => void d.accept());
    await pb.getByRole('button', { name: 'Import into this database' }).click();
    const result = pb.getByTestId('import-result');
    await waitForText(result, 'No conflicts', 60_000);
    await b.screenshot('bundles-09-imported');
    const imported = await b.core.call('cases.list', {});
    expect(imported.map((c) => [c.number, c.transactions, c.assets])).toEqual([[demo.number, demo.transactions, demo.assets]]);
    const exhibits = await b.core.call('exhibits.verify', { caseId: demo.id });
    expect(exhibits).toMatchObject({ ok: true, checked: 1 });
    const bundles = await b.core.call('bundles.list', {});
    // The sender is named as B's keyring names the key that verified: trust is by key, not by what the bundle says.
    expect(bundles.map((x) => [x.direction, x.senderAgency])).toEqual([['received', 'Test Task Force']]);
    await result.getByRole('button', { name: 'Open the case' }).click();
    await pb.getByRole('heading', { name: demo.title }).waitFor();
    await pb.getByRole('tab', { name: 'Bundles' }).click();
    await pb.getByTestId('bundle-history').getByText('received').waitFor();
    await b.screenshot('bundles-10-case-bundles-tab');
  }, 300_000); // Two apps, a signed export, a review and an import: minutes on a loaded machine (test:stress).
});
