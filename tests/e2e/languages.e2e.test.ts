import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Core } from '../../core/core.js';
import { formatMoney } from '../../renderer/src/i18n/format.js';
import { openApp, closeBrowser, e2eEnabled, waitForText } from './harness.js';

afterAll(closeBrowser);

/**
 * The main flow in each language, with the browser set to a locale of the Americas: the interface
 * speaks the language (no English sentence of the catalogs on screen), the amount field reads the
 * local convention and says how it read it, the date field takes the local order, and the grid
 * shows the saved amount the local way. Screenshots per language land in tests/screenshots/.
 */
const I18N = path.resolve('renderer/src/i18n');
const catalog = (lang: string, ns: string) => JSON.parse(fs.readFileSync(path.join(I18N, lang, `${ns}.json`), 'utf8'));
const sp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

function sentences(obj: Record<string, unknown>, out: string[] = []): string[] {
  for (const v of Object.values(obj)) {
    if (v && typeof v === 'object') sentences(v as Record<string, unknown>, out);
    else if (typeof v === 'string' && !v.includes('{{') && v.split(/\s+/).filter((w) => /\p{L}{2,}/u.test(w)).length >= 2) out.push(v);
  }
  return out;
}
const ENGLISH = ['common', 'cases', 'case', 'settings'].flatMap((ns) => sentences(catalog('en', ns)));

async function caseWithAccounts(core: Core) {
  const c = await core.call('cases.create', { number: 'TF-LANG-01', title: 'Operación Caimán', status: 'open' });
  await core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'MX-032180000118359719', currency: 'USD', holderName: 'Inversiones Caimán SA' });
  await core.call('accounts.create', { caseId: c.id, kind: 'crypto', identifier: 'bc1qcaiman', currency: 'BTC' });
}

const FLOWS = [
  { locale: 'es-MX', lang: 'es', typed: '68,500.00', date: '05/03/2024' },
  { locale: 'pt-BR', lang: 'pt-BR', typed: '68.500,00', date: '05/03/2024' },
  { locale: 'fr-CA', lang: 'fr', typed: '68 500,00', date: '05/03/2024' },
  { locale: 'en-US', lang: 'en', typed: '68,500.00', date: '03/05/2024' },
] as const;

describe.runIf(e2eEnabled)('the main flow in each language', () => {
  for (const flow of FLOWS) {
    it(`${flow.locale}: speaks ${flow.lang}, reads "${flow.typed}" and shows it the local way`, async () => {
      const app = await openApp({ prepare: caseWithAccounts, locale: flow.locale, timezoneId: 'America/Mexico_City' });
      const [common, cases, kase] = [catalog(flow.lang, 'common'), catalog(flow.lang, 'cases'), catalog(flow.lang, 'case')];
      try {
        const { page } = app;
        await page.getByRole('button', { name: common.nav.cases }).click();
        await waitForText(page.locator('h1').first(), cases.title);
        await page.getByTestId('cases-grid').getByText('TF-LANG-01').click();
        await app.screenshot(`lang-${flow.locale}-overview`);
        await page.getByRole('tab', { name: kase.tabs.transactions }).click();
        await page.getByRole('button', { name: kase.transactions.add }).click();
        await page.locator('select[name=fromAccountId]').selectOption({ index: 1 });
        await page.locator('input[name=occurredAt]').fill(flow.date);
        const march5 = new Intl.DateTimeFormat(flow.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2024, 2, 5));
        await page.getByTestId('date-reading').waitFor();
        expect(sp(await page.getByTestId('date-reading').innerText())).toContain(sp(march5));
        await page.locator('input[name=amount]').fill(flow.typed);
        const shown = formatMoney('6850000', 'USD', flow.locale);
        const reading = page.getByTestId('amount-reading');
        await reading.waitFor();
        expect(sp(await reading.innerText())).toContain(sp(shown));
        await page.locator('input[name=reference]').fill('REF-LANG-1');
        await app.screenshot(`lang-${flow.locale}-transaction-dialog`);
        await page.getByRole('button', { name: common.actions.save, exact: true }).click();
        const grid = page.getByTestId('transactions-grid');
        await waitForText(grid, 'REF-LANG-1');
        expect(sp(await grid.innerText())).toContain(sp(shown));
        // booked on 5 March 2024 whichever order the locale writes it in
        const dates = await grid.locator('[col-id=occurredAt]').allInnerTexts();
        expect(dates.map(sp)).toContain(sp(new Intl.DateTimeFormat(flow.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(2024, 2, 5))));
        await app.screenshot(`lang-${flow.locale}-transactions`);
        await page.getByRole('button', { name: common.nav.settings }).click();
        await page.getByTestId('language-settings').waitFor();
        await app.screenshot(`lang-${flow.locale}-settings`);
        if (flow.lang !== 'en') {
          const text = await page.locator('body').innerText();
          await page.getByRole('button', { name: common.nav.cases }).click();
          const casesText = await page.locator('body').innerText();
          const english = ENGLISH.filter((s) => text.includes(s) || casesText.includes(s));
          expect(english).toEqual([]);
        }
      } finally {
        await app.close();
      }
    });
  }

  it('asks which reading of an ambiguous amount is meant, saves nothing before, and saves the chosen one', async () => {
    const app = await openApp({ prepare: caseWithAccounts, locale: 'pt-BR' });
    const [common, kase] = [catalog('pt-BR', 'common'), catalog('pt-BR', 'case')];
    try {
      const { page } = app;
      await page.getByRole('button', { name: common.nav.cases }).click();
      await page.getByTestId('cases-grid').getByText('TF-LANG-01').click();
      await page.getByRole('tab', { name: kase.tabs.transactions }).click();
      await page.getByRole('button', { name: kase.transactions.add }).click();
      await page.locator('select[name=toAccountId]').selectOption({ label: 'bc1qcaiman (BTC)' });
      await page.locator('input[name=amount]').fill('1,234');
      const ask = page.getByTestId('amount-ambiguous');
      await ask.waitFor();
      const options = await ask.getByRole('button').allInnerTexts();
      // the Brazilian reading first (comma = decimal), then the other
      expect(options.map(sp)).toEqual([sp(formatMoney('123400000', 'BTC', 'pt-BR')), sp(formatMoney('123400000000', 'BTC', 'pt-BR'))]);
      await app.screenshot('lang-pt-BR-ambiguous-amount');
      await page.getByRole('button', { name: common.actions.save, exact: true }).click();
      await page.getByRole('alert').first().waitFor();
      expect(await page.getByTestId('transactions-grid').innerText()).not.toContain('1,234');
      await ask.getByRole('button').nth(1).click();
      await page.getByRole('button', { name: common.actions.save, exact: true }).click();
      const grid = page.getByTestId('transactions-grid');
      await waitForText(grid, sp(formatMoney('123400000000', 'BTC', 'pt-BR')).replace('BTC ', ''));
    } finally {
      await app.close();
    }
  });
});
