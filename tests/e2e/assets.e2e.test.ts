import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../core/core.js';
import { exhibitPath } from '../../core/exhibits/store.js';
import { openApp, closeBrowser, e2eEnabled, waitForText, E2E_PROFILE, type App } from './harness.js';

afterAll(closeBrowser);

/** A joint case to seize in, and a second, busier case so the dashboard has history to chart. */
async function prepare(core: Core) {
  const fed = await core.call('agencies.create', { name: 'Federal Task Force', code: 'FTF-01' });
  const state = await core.call('agencies.create', { name: 'State Police', code: 'SP-07' });
  const city = await core.call('agencies.create', { name: 'Miami PD', code: 'MPD-22' });
  const c = await core.call('cases.create', { number: 'TF-2026-077', title: 'Operation Lantern', status: 'open', leadAgencyId: fed.id });
  const full = await core.call('cases.get', { id: c.id });
  await core.call('participants.update', { id: full.participants[0].id, hours: 600 });
  await core.call('participants.add', { caseId: c.id, agencyId: state.id, hours: 300 });
  await core.call('participants.add', { caseId: c.id, agencyId: city.id, hours: 100 });
  await core.call('sharing.setPolicy', { policy: { keeperShareBps: 2000, capBps: 6000 } });
  // The money behind the car: salary and fraud proceeds into a mule account, then the purchase.
  const account = (identifier: string, holderName: string, external = false) =>
    core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier, currency: 'USD', holderName, external });
  const [payroll, victim, mule, dealer] = [await account('US-PAY-1', 'Acme Payroll', true), await account('US-VIC-9', 'Victim Escrow', true), await account('US-MULE-4', 'R. Vega'), await account('US-DLR-2', 'Prestige Motors', true)];
  const tx = (from: string, to: string, amount: string, occurredAt: string, reference: string) =>
    core.call('transactions.create', { caseId: c.id, fromAccountId: from, toAccountId: to, amount, currency: 'USD', occurredAt, reference });
  await tx(payroll.id, mule.id, '20000.00', '2025-10-01', 'SALARY-OCT');
  const fraud = await tx(victim.id, mule.id, '50000.00', '2025-10-05', 'WIRE-FRAUD-1');
  await tx(mule.id, dealer.id, '61200.00', '2025-10-10', 'INV-88-CAYENNE');
  await core.call('taint.mark', { caseId: c.id, transactionIds: [fraud.id] });

  const other = await core.call('cases.create', { number: 'TF-2025-031', title: 'Operation Tidewater', status: 'open', leadAgencyId: state.id });
  await core.call('participants.add', { caseId: other.id, agencyId: city.id, hours: 200 });
  const months = ['2025-09', '2025-10', '2025-11', '2025-12', '2026-01', '2026-02'];
  for (const [i, m] of months.entries()) {
    const cash = await core.call('assets.create', { caseId: other.id, type: 'cash', description: `Cash seizure ${i + 1}`, seizedOn: `${m}-04`, currency: 'USD', valueSeized: `${(i + 2) * 7350}.00`, seizingAgencyId: city.id });
    const step = (to: string, on: string) => core.call('assets.transition', { assetId: cash.id, to, occurredOn: on, orderReference: `ORD-${i}-${to}` });
    await step('pending_forfeiture', `${m}-20`);
    if (i < 4) await step('forfeited', `${months[i + 2]}-10`);
    if (i === 5) await step('released', '2026-02-25');
  }
  await core.call('assets.create', { caseId: other.id, type: 'real_property', description: 'Condo, 88 Ocean Dr #1202', seizedOn: '2025-12-01', currency: 'USD', valueSeized: '410000.00', details: { address: '88 Ocean Dr #1202, Miami Beach', parcel: '02-3234-019-1200' } });
  await core.call('assets.create', { caseId: other.id, type: 'crypto', description: 'Ledger Nano X', seizedOn: '2026-01-09', currency: 'EUR', valueSeized: '52300.00', details: { asset: 'BTC', amount: '0.85000000', wallet: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' } });
  return { caseId: c.id };
}

describe.runIf(e2eEnabled)('seized assets, custody and the dashboard, through the UI in Chromium', () => {
  let app: App;
  afterAll(async () => app?.close());

  it('seizes a car, keeps its custody, forfeits it and sees the dashboard change', async () => {
    let caseId = '';
    app = await openApp({ prepare: async (core) => void ({ caseId } = await prepare(core)) });
    const { page } = app;

    // The dashboard before: the other case only.
    await page.getByRole('button', { name: 'Dashboard' }).click();
    await waitForText(page.getByTestId('card-forfeited'), '4 assets');
    const netBefore = await page.getByTestId('card-net').innerText();

    await page.getByRole('button', { name: 'Cases' }).click();
    await page.getByText('Operation Lantern').click();
    await page.getByRole('tab', { name: 'Assets' }).click();

    // Record the seizure; a VIN with an O is refused on its field.
    await page.getByRole('button', { name: 'Record seizure' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.locator('select[name=type]').selectOption('vehicle');
    await dialog.locator('input[name=description]').fill('2022 Porsche Cayenne, black');
    await dialog.locator('input[name=seizedOn]').fill('2026-01-15');
    await dialog.locator('input[name=seizedPlace]').fill('1200 Brickell Ave, Miami');
    await dialog.locator('input[name=legalAuthority]').fill('SW-2026-0042');
    await dialog.locator('select[name=seizingAgencyId]').selectOption({ label: 'Miami PD (MPD-22)' });
    await dialog.locator('input[name="details.make"]').fill('Porsche');
    await dialog.locator('input[name="details.model"]').fill('Cayenne');
    await dialog.locator('input[name="details.year"]').fill('2022');
    await dialog.locator('input[name="details.vin"]').fill('WP1AA2AY5NDO12345');
    await dialog.locator('input[name="details.plate"]').fill('FL ABC123');
    await dialog.locator('input[name=valueSeized]').fill('68000.00');
    await dialog.getByRole('button', { name: 'Record seizure' }).click();
    await waitForText(dialog.getByRole('alert').first(), 'without I, O or Q');
    await dialog.locator('input[name="details.vin"]').fill('WP1AA2AY5NDA12345');
    await dialog.getByRole('button', { name: 'Record seizure' }).click();
    const detail = page.getByTestId('asset-detail');
    await waitForText(detail, 'VIN');
    await waitForText(page.getByTestId('asset-values'), '68,000.00');

    // What paid for it: link the purchase, trace the fraud by LIBR (the trace panel is another view), link the trace.
    const links = page.getByTestId('asset-links');
    const linkTo = async (kind: string, option: string) => {
      await links.getByRole('button', { name: 'Link', exact: true }).click();
      await links.locator('select[name=kind]').selectOption(kind);
      await links.locator('select[name=linkTarget]').selectOption({ label: option });
      await links.locator('form').getByRole('button', { name: 'Link', exact: true }).click();
      await links.locator('form').waitFor({ state: 'detached' });
    };
    await links.getByRole('button', { name: 'Link', exact: true }).click();
    await links.locator('select[name=kind]').selectOption('transaction');
    const purchase = await links.locator('select[name=linkTarget] option', { hasText: 'INV-88-CAYENNE' }).innerText();
    await links.getByRole('button', { name: 'Cancel' }).click();
    await linkTo('transaction', purchase);
    const trace = await app.core.call('trace.save', { caseId, method: 'libr', name: 'LIBR from the escrow fraud' });
    await linkTo('trace', 'LIBR from the escrow fraud (LIBR)');
    await waitForText(links, 'Bought with $41,200.00 of traced proceeds (LIBR)');

    // Custody: received, checked out to court and not back yet -> the gap is named; back in -> unbroken.
    const custody = page.getByTestId('custody');
    const addCustody = async (kind: string, fields: Record<string, string>) => {
      await custody.getByRole('button', { name: 'Add custody event' }).click();
      const d = page.getByRole('dialog');
      await d.locator('select[name=kind]').selectOption(kind);
      for (const [k, v] of Object.entries(fields)) await d.locator(`input[name=${k}]`).fill(v);
      await d.getByRole('button', { name: 'Append event' }).click();
      await d.waitFor({ state: 'detached' });
    };
    await addCustody('received', { occurredAt: '2026-01-15T10:30', toCustodian: 'Det. A. Ruiz', witness: 'Sgt. M. Lee' });
    await addCustody('stored', { occurredAt: '2026-01-15T13:00', location: 'MPD impound lot 3', locker: 'Bay 7' });
    await addCustody('checked_out', { occurredAt: '2026-02-03T08:45', toCustodian: 'ADA J. Chen', reason: 'suppression hearing, courtroom 4-2' });
    await waitForText(page.getByTestId('custody-verdict'), 'never returned');
    await addCustody('checked_in', { occurredAt: '2026-02-03T16:10', toCustodian: 'Det. A. Ruiz' });
    await waitForText(page.getByTestId('custody-verdict'), 'Unbroken chain: 4 events');

    // Lifecycle: seized -> pending forfeiture -> forfeited, each with its order.
    const step = async (button: string, on: string, order: string) => {
      await page.getByRole('button', { name: button }).click();
      const d = page.getByRole('dialog');
      await d.locator('input[name=occurredOn]').fill(on);
      await d.locator('input[name=orderReference]').fill(order);
      await d.getByRole('button', { name: 'Record step' }).click();
      await d.waitFor({ state: 'detached' });
    };
    await step('Move to Pending forfeiture', '2026-02-10', 'NOTICE-2026-118');
    await step('Move to Forfeited', '2026-05-04', 'FINAL-ORDER 26-cv-0412');
    await waitForText(page.getByTestId('lifecycle'), 'FINAL-ORDER 26-cv-0412');
    await page.getByTestId('asset-sharing').getByRole('button', { name: 'Compute & record distribution' }).click();
    await waitForText(page.getByTestId('asset-sharing'), 'keeper');

    // An exhibit on the asset: uploaded, hashed, listed.
    const photo = path.join(app.dir, 'cayenne-front.jpg');
    fs.writeFileSync(photo, Buffer.from('JPEG of the seized Cayenne, front'));
    const exhibits = page.getByTestId('exhibits-panel');
    await exhibits.getByRole('button', { name: 'Attach file' }).click();
    await exhibits.locator('input[name=exhibitFile]').setInputFiles(photo);
    await exhibits.locator('input[name=exhibitDescription]').fill('Photo at seizure');
    await exhibits.getByRole('button', { name: 'Attach', exact: true }).click();
    await waitForText(exhibits, 'cayenne-front.jpg');
    await app.screenshot('assets-01-asset-view');

    // The custody report: the printable page, and the PDF.
    await custody.getByRole('button', { name: 'Custody report' }).click();
    const frame = page.frameLocator('[data-testid=custody-report]');
    await waitForText(frame.locator('body'), 'Unbroken chain');
    await app.screenshot('assets-02-custody-report');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export PDF' }).click()]);
    const pdf = fs.readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    // The person from the profile is named on the report (poppler reads the PDF, not our code).
    const pdfText = spawnSync('pdftotext', ['-layout', (await download.path())!, '-'], { encoding: 'utf8' }).stdout;
    expect(pdfText).toContain(E2E_PROFILE.user);
    expect(pdfText).toContain(E2E_PROFILE.role);
    await page.getByRole('dialog').getByRole('button', { name: 'close' }).click();

    // Exhibits tab: verify re-hashes the store; a file changed behind the app's back is named.
    await page.getByRole('tab', { name: 'Exhibits' }).click();
    await page.getByRole('button', { name: 'Verify files' }).click();
    await waitForText(page.getByTestId('exhibits-verify'), 'The 1 stored file matches');
    const sha = (app.core.reader.sqlite.prepare('SELECT sha256 FROM exhibits').get() as { sha256: string }).sha256;
    const stored = exhibitPath(app.core.dataDir, sha);
    fs.chmodSync(stored, 0o644);
    fs.writeFileSync(stored, 'retouched');
    await page.getByRole('button', { name: 'Verify files' }).click();
    await waitForText(page.getByTestId('exhibits-verify'), 'CHANGED cayenne-front.jpg');
    await app.screenshot('assets-04-exhibits-verify');

    // The dashboard after: one more forfeited asset, more net proceeds, shares for the case's agencies.
    await page.getByRole('button', { name: 'Dashboard' }).click();
    await waitForText(page.getByTestId('card-forfeited'), '5 assets');
    expect(await page.getByTestId('card-net').innerText()).not.toBe(netBefore);
    await waitForText(page.getByTestId('sharing-grid'), 'Federal Task Force');
    await page.getByTestId('totals-grid').getByText('USD').first().waitFor();
    await page.getByTestId('card-forfeited').click();
    await waitForText(page.getByTestId('drill-grid'), '2022 Porsche Cayenne');
    await app.screenshot('assets-03-dashboard');

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('dashboard').getByRole('button', { name: 'Export CSV' }).nth(1).click()]);
    expect(fs.readFileSync((await csv.path())!, 'utf8').split('\n')[0]).toContain('"Status","Currency","Assets"');

    // One click from the asset's "bought with" line to the trace that proves it.
    await page.getByTestId('drill-grid').getByText('2022 Porsche Cayenne').click();
    await page.getByTestId('asset-links').getByRole('button', { name: /Bought with/ }).click();
    await page.getByRole('tab', { name: 'Money trail', selected: true }).waitFor();
    void trace;

    // What the UI did is in the database: the asset, its four custody events, its distribution.
    const db = app.core.reader.sqlite;
    expect(db.prepare("SELECT status, value_seized_minor AS v FROM assets WHERE case_id = ? AND type = 'vehicle'").get(caseId)).toEqual({ status: 'forfeited', v: '6800000' });
    expect((db.prepare('SELECT count(*) AS n FROM custody_events').get() as { n: number }).n).toBe(4);
    const shares = JSON.parse((db.prepare('SELECT result FROM sharing_distributions').get() as { result: string }).result) as { code: string; shareMinor: string }[];
    // 68,000.00: FTF keeps 20% (13,600.00); 54,400.00 over 600/300/100 hours -> SP 16,320.00, MPD 5,440.00 (under the 60% cap).
    expect(Object.fromEntries(shares.map((s) => [s.code, String(s.shareMinor)]))).toEqual({ 'FTF-01': '4624000', 'SP-07': '1632000', 'MPD-22': '544000' });
  });
});
