import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp, closeBrowser, e2eEnabled, waitForText, waitUntil, afterPaint, type App } from './harness.js';
import { writeLedgerCsv } from '../../bench/import-data.js';
import { FIXTURES } from '../unit/import/helpers.js';

afterAll(closeBrowser);

/**
 * A German bank's export as investigators get it: semicolons, decimal commas, a quoted description
 * over two lines, dates whose day/month order the rows cannot tell, no currency column, one bad row.
 */
const STATEMENT = [
  'Buchungstag;Betrag;Empfänger;IBAN;Verwendungszweck',
  '03/02/2025;-1.250,00;Autohaus Nord GmbH;DE44500105175407324931;"Anzahlung Fahrzeug',
  'Rechnung 4711"',
  '04/02/2025;9.800,00;Consulting Ltd;GB29NWBK60161331926819;Honorar Januar',
  '05/02/2025;zwölf;Kiosk;;Barzahlung',
  '06/02/2025;-45,10;Tankstelle;;Karte 1234',
].join('\r\n') + '\r\n';

describe.runIf(e2eEnabled)('the import wizard, in Chromium', () => {
  let app: App;
  afterAll(async () => app?.close());

  it('imports a bank CSV through pick -> preview & mapping -> progress -> result with its rejects', async () => {
    let caseId = '';
    app = await openApp({
      prepare: async (core) => {
        const c = await core.call('cases.create', { number: 'TF-2026-090', title: 'Operation Ledger', status: 'open' });
        caseId = c.id;
      },
    });
    const { page } = app;
    const file = path.join(app.dir, 'umsatz-februar.csv');
    fs.writeFileSync(file, STATEMENT);

    await page.getByRole('button', { name: 'Cases' }).click();
    await page.getByText('Operation Ledger').click();
    await page.getByRole('tab', { name: 'Transactions' }).click();
    await page.getByTestId('import-open').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('import-file').setInputFiles(file);
    await app.screenshot('import-1-pick');
    await dialog.getByTestId('import-next').click();

    // The preview: detected layout, the day/month question, and the rows as they will be read.
    await waitForText(dialog.getByTestId('import-detected'), 'umsatz-februar.csv');
    await waitForText(dialog.getByTestId('import-date-ambiguous'), 'day-first or month-first');
    await dialog.locator('select[name="dateFormat"]').selectOption('DD/MM/YYYY');
    await dialog.locator('input[name="currency"]').fill('EUR');
    await waitForText(dialog.getByTestId('import-parsed'), '1250.00 EUR');
    await waitForText(dialog.getByTestId('import-parsed'), 'Will be rejected: "zwölf" is not a number');
    await dialog.getByTestId('import-account-identifier').fill('DE75 5121 0800 1245 1261 99');
    await dialog.getByTestId('import-save-as').fill('Nordbank Giro');
    await app.screenshot('import-2-review');
    await dialog.getByTestId('import-run').click();

    // The result: counts and the rejected row with its line number (the header is line 1).
    await waitForText(dialog.getByTestId('import-result'), 'Imported 3 transactions');
    await waitForText(dialog.getByTestId('import-rejects'), '"zwölf" is not a number');
    const rejectRow = dialog.getByTestId('import-rejects').locator('tbody tr').first();
    expect(await rejectRow.locator('td').first().innerText()).toBe('5');
    await app.screenshot('import-3-result');
    const download = page.waitForEvent('download');
    await dialog.getByTestId('import-export-rejects').click();
    const saved = path.join(app.dir, 'rejects.csv');
    await (await download).saveAs(saved);
    expect(fs.readFileSync(saved, 'utf8')).toContain('5,rejected,"""zwölf"" is not a number",05/02/2025;zwölf;Kiosk;;Barzahlung');
    await dialog.getByTestId('import-done').click();
    await waitForText(page.getByTestId('tx-count'), '3');

    // What the core holds: the amounts and dates as chosen in the wizard, the mapping saved by name.
    const list = await app.core.call('transactions.list', { caseId });
    expect(list.rows.map((r) => [r.occurredAt, r.amountMinor, r.currency])).toEqual([
      ['2025-02-03', '125000', 'EUR'],
      ['2025-02-04', '980000', 'EUR'],
      ['2025-02-06', '4510', 'EUR'],
    ]);
    expect(list.rows[0].memo).toBe('Anzahlung Fahrzeug Rechnung 4711');
    expect((await app.core.call('imports.mappings.list', {})).map((m) => m.name)).toEqual(['Nordbank Giro']);
  });

  it('previews and imports an MT940 file with several statements', async () => {
    const { page } = app;
    const sta = path.join(FIXTURES, 'mt940/mt940_cmxl_mt940.sta');
    await page.getByTestId('import-open').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('import-file').setInputFiles(sta);
    await dialog.getByTestId('import-next').click();
    await waitForText(dialog.getByTestId('import-review'), 'Account 45050050/76198810 (DEM): 11 transactions');
    await waitForText(dialog.getByTestId('import-review'), 'Account BPHKPLPK/320000546101 (PLN): 3 transactions');
    await app.screenshot('import-4-mt940-preview');
    await dialog.getByTestId('import-run').click();
    await waitForText(dialog.getByTestId('import-result'), 'Imported 16 transactions');
    await dialog.getByTestId('import-done').click();
    await waitForText(page.getByTestId('tx-count'), '19');
  });

  it('says before Import that a file was imported already (once, in words) and why a text that is no statement cannot be imported', async () => {
    const { page } = app;
    await page.getByTestId('import-open').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('import-file').setInputFiles(path.join(app.dir, 'umsatz-februar.csv'));
    await dialog.getByTestId('import-next').click();
    const dup = dialog.getByTestId('import-duplicate');
    await waitForText(dup, 'imported into this case already, as "umsatz-februar.csv"');
    const text = await dialog.innerText();
    expect(text.split('imported into this case already').length - 1).toBe(1);
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(await dialog.getByTestId('import-run').isDisabled()).toBe(true);
    await dialog.getByRole('button', { name: 'Back' }).click();
    const notes = path.join(app.dir, 'notes.txt');
    fs.writeFileSync(notes, 'Called the bank on Monday\nThey will send the statements next week\nAsk about the second account\n');
    await dialog.getByTestId('import-file').setInputFiles(notes);
    await dialog.getByTestId('import-next').click();
    await waitForText(dialog.getByTestId('import-blocked'), 'does not look like a bank statement');
    expect(await dialog.getByTestId('import-run').isDisabled()).toBe(true);
    await app.screenshot('import-7-not-a-statement');
    await dialog.getByRole('button', { name: 'close' }).click();
  }, 60_000);

  it('shows progress on a large ledger, and Cancel leaves nothing behind', async () => {
    const { page } = app;
    const big = path.join(app.dir, 'ledger-large.csv');
    await writeLedgerCsv(big, 300_000);
    await page.getByTestId('import-open').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByTestId('import-file').setInputFiles(big);
    await dialog.getByTestId('import-next').click();
    await waitForText(dialog.getByTestId('import-review'), 'ACC-');
    await dialog.getByTestId('import-run').click();
    await waitForText(dialog.getByTestId('import-progress'), 'Importing', 120_000);
    // The screenshot starts first and Cancel follows at once: on a loaded machine a full-page capture
    // can take longer than the rest of the import. A plain DOM click: the bar redraws ten times a second.
    const shot = app.screenshot('import-5-progress');
    // Cancel once rows are being written (the count is past 0), not after a guessed while.
    await waitUntil('rows counted', async () => /[1-9]/.test(await dialog.getByTestId('import-progress').locator('p').innerText()), 60_000);
    await dialog.getByTestId('import-cancel').dispatchEvent('click');
    await shot;
    await waitForText(dialog, 'Import cancelled: nothing was saved.', 60_000);
    const caseRow = (await app.core.call('cases.list', {})).find((c) => c.number === 'TF-2026-090')!;
    expect(caseRow.transactions).toBe(19);
    expect((await app.core.call('imports.list', { caseId: caseRow.id })).map((i) => i.fileName).sort()).toEqual(['mt940_cmxl_mt940.sta', 'umsatz-februar.csv']);
    await app.screenshot('import-6-cancelled');
    await dialog.getByRole('button', { name: 'close' }).click();
  }, 180_000);

});
