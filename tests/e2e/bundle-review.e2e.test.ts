import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { Core } from '../../core/core.js';
import { openApp, closeBrowser, e2eEnabled, waitForText, type App } from './harness.js';

/**
 * A prosecutor's office (B, the app in Chromium) receives a sealed bundle from an agency it has
 * never heard from (A, a core of its own): the report says "signed by an unknown key" with its
 * fingerprint, not "tampered"; B trusts the key only after typing the fingerprint back, verifies
 * again, reviews the case read-only, opens the investigator's saved trace from the bundle and
 * re-runs it on the bundle's data. B's database is left exactly as it was, and no control that would
 * write is shown anywhere in the review.
 */

afterAll(closeBrowser);

const PASS = 'a long enough passphrase';
const TRACE_NAME = 'Victim funds into the front company, FIFO';

/** Every table's row count and the audit chain's head: what "the local database is unchanged" means here. */
function snapshot(core: Core) {
  const db = core.writer.sqlite;
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
  return {
    counts: Object.fromEntries(tables.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n])),
    auditHead: (db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null,
  };
}

/** The names of the buttons visible in a part of the page. */
const buttonNames = async (where: Locator) =>
  (await where.locator('button:visible').evaluateAll((bs) => bs.map((b) => (b.getAttribute('aria-label') || b.textContent || '').trim()))).filter(Boolean);

/**
 * Labels of every control of the case views that writes (from the English strings the views use).
 * None may be visible under review.
 */
function writeLabels(): RegExp[] {
  const en = (f: string) => JSON.parse(fs.readFileSync(path.resolve('renderer/src/i18n/en', `${f}.json`), 'utf8'));
  const [a, c, e, t, cm] = ['assets', 'case', 'exhibits', 'trail', 'common'].map(en);
  const labels = [
    a.seize, a.editValues.open, a.move, a.dispose, a.sharing.compute, a.links.add, a.links.remove, a.custody.add, a.custody.correct,
    e.attach, c.subjects.add, c.accounts.add, c.transactions.add, c.overview.deleteDraft, c.overview.addParticipant, c.overview.newAgency,
    cm.actions.save, t.trace.mark_one, t.trace.mark_other, t.trace.unmark, t.trace.save,
  ] as string[];
  return labels.map((l) => new RegExp(`^${l.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\{\w+\}\}/g, '.*')}$`));
}

describe.runIf(e2eEnabled)('reviewing a bundle from a new signer, through the UI in Chromium', () => {
  let b: App;
  let a: Core;
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 's20-review-e2e-'));
  afterAll(async () => {
    await b?.close();
    a?.close();
    fs.rmSync(files, { recursive: true, force: true });
  });

  it('unknown signer (not "tampered") -> confirm fingerprint -> trust -> verify -> review, re-run the saved trace; nothing written, nothing writable', async () => {
    // B, the receiving office, with its own agency key (its encryption key is what A seals to).
    let bKey!: { publicKey: string; fingerprint: string; ageRecipient: string | null };
    b = await openApp({ prepare: async (core) => void (bKey = await core.call('keys.create', { agency: 'State Attorney', protection: 'passphrase', passphrase: PASS })) });

    // A, the investigating agency: the demo case, the victims' payments marked, a trace saved, exported sealed to B.
    a = new Core({ dbPath: path.join(files, 'a.sqlite'), actor: { user: 'ana', agency: 'HSI Miami' } });
    const demo = await a.call('demo.load', { seed: 7 });
    const victims = (a.reader.sqlite.prepare(
      `SELECT t.id FROM transactions t JOIN accounts ac ON ac.id = t.to_account_id
       WHERE t.case_id = ? AND t.from_account_id IS NULL AND ac.holder_name = 'Clearview PC Care LLC' AND t.memo NOT LIKE 'Balance brought forward%'`,
    ).all(demo.caseId) as { id: string }[]).map((x) => x.id);
    expect(victims.length).toBeGreaterThan(0);
    await a.call('taint.mark', { caseId: demo.caseId, transactionIds: victims, label: 'victim funds' });
    const saved = await a.call('trace.save', { caseId: demo.caseId, method: 'fifo', name: TRACE_NAME, params: {} });
    const aKey = await a.call('keys.create', { agency: 'HSI Miami', protection: 'passphrase', passphrase: PASS });
    await a.call('keyring.add', { publicKey: bKey.publicKey, agencyName: 'State Attorney', confirmFingerprint: bKey.fingerprint, ageRecipient: bKey.ageRecipient! });
    const exported = await a.call('bundles.export', { caseId: demo.caseId, recipients: ['State Attorney'], keyId: aKey.id, passphrase: PASS, out: path.join(files, 'case.zip') }, { trusted: true });
    expect(exported.sealed).toBe(true);

    const pb = b.page;
    await pb.getByRole('button', { name: 'Evidence bundles' }).click();
    await pb.getByRole('tab', { name: 'Open a received bundle' }).click();
    const receive = pb.getByTestId('receive-form');
    await receive.locator('input[name=bundleZip]').setInputFiles(exported.file!);
    await receive.locator('input[name=bundleMinisig]').setInputFiles(exported.minisig!);
    await receive.getByRole('button', { name: 'Verify' }).click();

    // Its own state: an unknown key, named by its fingerprint; not the red "failed verification" of a tampered bundle.
    const report = pb.getByTestId('bundle-report');
    await waitForText(pb.getByTestId('report-headline'), `Signed by an unknown key (fingerprint ${aKey.fingerprint})`, 60_000);
    expect(await report.getAttribute('data-state')).toBe('unknown-signer');
    expect(await report.innerText()).not.toMatch(/failed verification|tamper/i);
    expect(await report.locator('.banner--error').count()).toBe(0);
    expect(await pb.getByTestId('bundle-problems').innerText()).toContain(`signed by an unknown key (fingerprint ${aKey.fingerprint})`);
    expect(await pb.getByRole('button', { name: 'Review read-only' }).count()).toBe(0);
    await b.screenshot('bundles-review-01-unknown-signer');

    // Trust path: the key is added pending; a wrong fingerprint read back is refused; the right one trusts it.
    await pb.getByTestId('trust-signer').click();
    const confirm = pb.getByTestId('trust-confirm');
    await waitForText(confirm, aKey.fingerprint);
    expect((await b.core.call('keyring.list', {})).map((k) => [k.agencyName, k.confirmedAt])).toEqual([['HSI Miami', null]]);
    await confirm.locator('input[name=fingerprint]').fill('0000 0000 0000 0000');
    await confirm.getByRole('button', { name: 'Confirm and trust' }).click();
    await waitForText(pb.getByRole('alert').first(), 'do not trust this key');
    expect((await b.core.call('keyring.list', {}))[0].confirmedAt).toBeNull();
    await b.screenshot('bundles-review-02-confirm-fingerprint');
    await confirm.locator('input[name=fingerprint]').fill(aKey.fingerprint);
    await confirm.getByRole('button', { name: 'Confirm and trust' }).click();
    await waitForText(pb.getByTestId('report-headline'), 'Valid bundle', 60_000);
    expect((await pb.getByTestId('signer-fingerprint').innerText()).trim()).toBe(aKey.fingerprint);
    expect(await pb.locator('.bundle-checks .is-bad').count()).toBe(0);
    await b.screenshot('bundles-review-03-trusted-valid');

    // From here on B's database must not change.
    const before = snapshot(b.core);
    await pb.getByRole('button', { name: 'Review read-only' }).click();
    const review = pb.getByTestId('review-workspace');
    await review.getByRole('heading', { name: demo.title }).waitFor({ timeout: 60_000 });

    // The investigator's saved trace, from the bundle: opened, then re-run on the bundle's data.
    await review.getByRole('tab', { name: 'Money trail' }).click();
    await review.getByRole('tab', { name: 'Trace' }).click();
    // The bundle's marks and transactions, read through the review's client (once "No Rows To Show").
    await waitForText(review.getByTestId('marked-count'), `${victims.length} marked`, 30_000);
    await review.locator('.trace-mark .ag-row').first().waitFor({ timeout: 30_000 });
    const savedList = review.getByTestId('saved-traces');
    await waitForText(savedList, TRACE_NAME, 30_000);
    const item = savedList.locator('li', { hasText: TRACE_NAME });
    await item.getByRole('button', { name: 'Open' }).click();
    const result = review.getByTestId('trace-result');
    await result.waitFor();
    await review.getByTestId('trace-totals').first().waitFor();
    expect(await result.getByRole('button', { name: 'Save trace' }).count()).toBe(0);
    await item.getByRole('button', { name: 'Re-run' }).click();
    await waitForText(item.getByRole('status'), 'identical result', 60_000);
    await b.screenshot('bundles-review-04-saved-trace-rerun');
    expect(snapshot(b.core)).toEqual(before);
    expect(await b.core.call('trace.list', { caseId: demo.caseId }).catch((e: { code: string }) => e.code)).toBe('NotFound');

    // No control that writes, on any tab (an asset opened too).
    const forbidden = writeLabels();
    const offenders: string[] = [];
    const check = async (where: string) => {
      for (const name of await buttonNames(review)) if (forbidden.some((re) => re.test(name))) offenders.push(`${where}: ${name}`);
      // The case's own fields and the participants' hours, which could once be typed over during a review.
      const editable = await review.locator('input[name=title]:not([readonly]), textarea[name=summary]:not([readonly]), select[name=status]:not([disabled]), input.input--inline').count();
      if (editable) offenders.push(`${where}: ${editable} editable case fields`);
    };
    await check('trail/trace');
    for (const tab of ['Overview', 'Subjects & accounts', 'Transactions', 'Exhibits', 'Audit']) {
      await review.getByRole('tab', { name: tab, exact: true }).click();
      await pb.waitForLoadState('networkidle').catch(() => undefined);
      await check(tab);
    }
    await review.getByRole('tab', { name: 'Transactions' }).click();
    await review.getByTestId('transactions-grid').locator('.ag-row').first().waitFor({ timeout: 30_000 });
    await check('Transactions (loaded)');
    await review.getByRole('tab', { name: 'Assets' }).click();
    const assets = review.getByTestId('assets-grid');
    await assets.locator('.ag-row').first().waitFor({ timeout: 30_000 });
    // A forfeited asset: the one that would offer sharing and disposal steps locally.
    const forfeited = assets.locator('.ag-row', { hasText: 'Forfeited' }).first();
    await ((await forfeited.count()) ? forfeited : assets.locator('.ag-row').first()).click();
    const detail = review.getByTestId('asset-detail');
    await detail.waitFor();
    await review.getByTestId('asset-sharing').waitFor();
    await review.getByTestId('lifecycle').waitFor();
    await check('Assets (detail)');
    await b.screenshot('bundles-review-05-asset-readonly');
    expect(offenders).toEqual([]);
    expect(await review.getByTestId('edit-values').count()).toBe(0);
    // Still the review (the asset opened in place, not in a local case that does not exist).
    expect(await pb.getByTestId('review-workspace').count()).toBe(1);

    expect(snapshot(b.core)).toEqual(before);
    await review.getByRole('button', { name: 'Close review' }).click();
    expect(snapshot(b.core)).toEqual(before);
    expect(await b.core.call('cases.list', {})).toEqual([]);
    expect(saved.name).toBe(TRACE_NAME);
  });
});
