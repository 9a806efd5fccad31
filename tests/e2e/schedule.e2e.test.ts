import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../core/core.js';
import { formatMinor } from '../../core/money.js';
import { scheduleClosings } from '../helpers/xlsx-closing.js';
import { demoWithVictims } from '../helpers/demo-marked.js';
import { openApp, closeBrowser, e2eEnabled, waitForText, type App } from './harness.js';

afterAll(closeBrowser);

/** The demo case with the victims' payments into the front company's accounts marked. */
async function demoMarked(core: Core) {
  const r = await demoWithVictims(core);
  await core.call('taint.mark', { caseId: r.caseId, transactionIds: r.victims, label: 'elder fraud' });
  return r;
}

describe.runIf(e2eEnabled)('Trace -> Export schedule and methods side by side, in Chromium', () => {
  let app: App;
  afterAll(async () => app?.close());

  it('exports the schedule as XLSX and PDF from the trace result; the files hold the trace figures; compares all methods', { timeout: 400_000 }, async () => {
    let loaded!: Awaited<ReturnType<typeof demoMarked>>;
    app = await openApp({ width: 1600, height: 1000, prepare: async (core) => void (loaded = await demoMarked(core)) });
    const { page } = app;
    await page.getByRole('button', { name: 'Cases' }).click();
    await page.getByTestId('cases-grid').getByText(loaded.number).click();
    await page.getByRole('tab', { name: 'Money trail' }).click();
    await page.getByRole('tab', { name: 'Trace' }).click();
    await page.locator('select[name=method]').selectOption('libr');
    await page.getByRole('button', { name: 'Run trace' }).click();
    await waitForText(page.getByTestId('trace-totals'), 'Conserved exactly');
    const result = await app.core.call('trace.run', { caseId: loaded.caseId, method: 'libr' });

    // XLSX: downloaded, then read by openpyxl; each account sheet closes on the trace's figures.
    const exportBox = page.getByTestId('schedule-export');
    await exportBox.locator('select[name=scheduleFormat]').selectOption('xlsx');
    const [xlsx] = await Promise.all([
      page.waitForEvent('download', { timeout: 120_000 }).catch(async (e) => {
        await app.screenshot('schedule-00-failed');
        throw new Error(`${e}; the panel says: ${await exportBox.innerText()}`);
      }),
      exportBox.getByRole('button', { name: 'Export schedule' }).click({ timeout: 120_000 }),
    ]);
    expect(xlsx.suggestedFilename()).toBe(`schedule-${loaded.number}-libr.xlsx`);
    // openpyxl goes by the file name's extension.
    const xlsxFile = path.join(app.dir, 'schedule.xlsx');
    await xlsx.saveAs(xlsxFile);
    const book = scheduleClosings(xlsxFile, 'elder fraud');
    expect(book.sheets[0]).toBe('Summary');
    const internal = result.accounts.filter((a) => !a.external);
    expect(Object.keys(book.close).length).toBe(internal.length);
    for (const a of internal) {
      const [bal, tainted, rows] = book.close[`${a.identifier}|${a.currency}`];
      expect(bal).toBe(Number(formatMinor(a.balanceMinor, a.currency)));
      expect(tainted).toBe(Number(formatMinor(a.taintedMinor, a.currency)));
      expect(rows).toBeGreaterThan(0);
    }
    await waitForText(exportBox, 'rows written');

    // PDF on Letter paper: pdftotext finds page numbers and the method's rule.
    await exportBox.locator('select[name=scheduleFormat]').selectOption('pdf');
    await exportBox.locator('select[name=schedulePaper]').selectOption('letter');
    const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 120_000 }), exportBox.getByRole('button', { name: 'Export schedule' }).click({ timeout: 120_000 })]);
    const txt = execFileSync('pdftotext', [(await pdf.path())!, '-'], { encoding: 'utf8' });
    const pages = txt.split('\f').filter((p) => p.trim()).length;
    expect(pages).toBeGreaterThan(2);
    expect(txt).toContain(`Page ${pages} of ${pages}`);
    expect(txt).toContain('Roscoe v Winder');
    expect(fs.statSync((await pdf.path())!).size).toBeGreaterThan(10_000);

    // Methods side by side: one row per account and asset, five method columns and the range.
    await page.getByRole('button', { name: 'Compare all methods' }).click();
    const grid = page.getByTestId('method-compare');
    await grid.locator('.ag-row').first().waitFor();
    const headers = await grid.locator('.ag-header-cell-text').allInnerTexts();
    // ag-grid renders only the columns in view: the item and the methods at least.
    expect(headers.slice(0, 6)).toEqual(['Account or asset', 'FIFO', 'LIFO', 'Pro-rata', 'LIBR', 'Tainted first']);
    const cmp = await app.core.call('trace.compare', { caseId: loaded.caseId });
    const top = cmp.rows[0];
    await waitForText(grid, top.name);
    await grid.scrollIntoViewIfNeeded();
    await app.screenshot('schedule-01-export-and-compare');
  });
});
