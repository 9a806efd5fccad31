import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openApp, closeBrowser, e2eEnabled, waitForText, E2E_PROFILE, type App } from './harness.js';
import { linkedDuplicateIds } from '../../core/import/transfer-match.js';
import { canonicalIds } from '../../core/import/merge.js';

afterAll(closeBrowser);

const A = 'DE89370400440532013000';
const B = 'NL91ABNA0417164300';

/** Two MT940 pages of B's account: the second opens 200.00 below where the first closed (a missing page). */
const PAGES = [
  ':20:STMT1', `:25:${B}`, ':28C:1', ':60F:C240301EUR1284,56', ':61:2403010301D50,00NTRFA', ':86:fee', ':62F:C240301EUR1234,56', '-',
  ':20:STMT2', `:25:${B}`, ':28C:2', ':60F:C240304EUR1034,56', ':61:2403040304C10,00NTRFB', ':86:interest', ':62F:C240304EUR1044,56', '-',
].join('\n') + '\n';

/**
 * The payer (A) names B on both payments; B's CSV names nobody and books each two business days
 * later: both pairs are doubtful (31 points) and wait for a person.
 */
const PAYER = ['Date,Amount,Currency,Counterparty IBAN,Description', `2024-03-04,-100.00,EUR,${B},rent March`, `2024-03-05,-55.00,EUR,${B},invoice 17`].join('\n') + '\n';
const PAYEE = ['Date,Amount,Currency,Description', '2024-03-06,100.00,EUR,rent in', '2024-03-07,55.00,EUR,payment'].join('\n') + '\n';

describe.runIf(e2eEnabled)('bank records: coverage, transfer review and merges, in Chromium', () => {
  let app: App;
  afterAll(async () => app?.close());

  it('shows a break with its amount, reviews doubtful transfer pairs (accept, reject, undo) and merges and unmerges accounts and subjects', async () => {
    let caseId = '';
    const ids: Record<string, string> = {};
    app = await openApp({
      prepare: async (core) => {
        const c = await core.call('cases.create', { number: 'TF-2026-110', title: 'Operation Both Sides', status: 'open' });
        caseId = c.id;
        const dir = fs.mkdtempSync('/tmp/s20-bank-e2e-');
        const file = (name: string, text: string) => (fs.writeFileSync(path.join(dir, name), text), { path: path.join(dir, name) });
        await core.call('imports.run', { caseId, file: file('pages.sta', PAGES) }, { trusted: true });
        await core.call('imports.run', { caseId, file: file('payer.csv', PAYER), account: { identifier: A } }, { trusted: true });
        const r = await core.call('imports.run', { caseId, file: file('payee.csv', PAYEE), account: { identifier: B } }, { trusted: true });
        expect(r.transfersSuggested).toBe(2);
        ids.masked = (await core.call('accounts.create', { caseId, kind: 'bank', identifier: '****4300', currency: 'EUR' })).id;
        ids.l1 = (await core.call('subjects.create', { caseId, kind: 'organisation', name: 'Lindqvist Capital Partners LLC' })).id;
        ids.l2 = (await core.call('subjects.create', { caseId, kind: 'organisation', name: 'LINDQVIST CAPITAL PARTNERS' })).id;
        fs.rmSync(dir, { recursive: true, force: true });
      },
    });
    const { page, core } = app;
    const sqlite = core.writer.sqlite;
    await page.getByRole('button', { name: 'Cases' }).click();
    await page.getByText('Operation Both Sides').click();
    await page.getByRole('tab', { name: 'Bank records' }).click();

    // Coverage: B's two pages do not chain; the break is shown with its amount.
    const covB = page.locator(`[data-testid="coverage-account"][data-account="${B}"]`);
    await waitForText(covB, '2 statements');
    expect(await covB.getAttribute('data-verified')).toBe('false');
    await waitForText(covB.getByTestId('coverage-problems'), 'between 2024-03-01 (closing 1234.56) and 2024-03-04 (opening 1034.56): 200.00 unexplained - a missing page?');

    // The review queue: two pairs, each with its score and evidence.
    const review = page.getByTestId('transfer-review');
    await waitForText(review.getByTestId('links-count'), '(2)');
    const links = review.getByTestId('link');
    await waitForText(links.first(), "one side names the other's account");
    await waitForText(links.first(), 'booked 2 business day(s) apart');
    await waitForText(links.first(), '31');
    await app.screenshot('records-1-review');

    const rent = links.filter({ hasText: 'rent March' });
    const invoice = links.filter({ hasText: 'invoice 17' });
    const rentId = (await rent.getAttribute('data-link-id'))!;
    const invoiceId = (await invoice.getAttribute('data-link-id'))!;
    await rent.getByTestId('link-accept').click();
    await waitForText(review.getByTestId('links-count'), '(1)');
    await invoice.getByTestId('link-reject').click();
    await waitForText(review.getByTestId('links-empty'), 'Nothing waits for review');
    // In the core: the accepted pair counts once (the payee's credit is the duplicate), the rejected one twice.
    const dup = linkedDuplicateIds(sqlite, caseId);
    const status = (id: string) => (sqlite.prepare('SELECT status FROM transfer_links WHERE id = ?').get(id) as { status: string }).status;
    expect(status(rentId)).toBe('accepted');
    expect(status(invoiceId)).toBe('rejected');
    expect(dup.size).toBe(1);

    // Undo the rejection from the rejected list: back in the queue, then accepted.
    await review.locator('select[name="linkStatus"]').selectOption('rejected');
    await waitForText(review.getByTestId('links-count'), '(1)');
    await review.getByTestId('link').first().getByTestId('link-undo').click();
    await waitForText(review.getByTestId('links-empty'), 'No rejected pairs');
    expect(status(invoiceId)).toBe('suggested');
    await review.locator('select[name="linkStatus"]').selectOption('suggested');
    await review.getByTestId('link').first().getByTestId('link-accept').click();
    await waitForText(review.getByTestId('links-empty'), 'Nothing waits for review');
    expect(linkedDuplicateIds(sqlite, caseId).size).toBe(2);
    // The person's reject, undo and accept, each in the audit log (the suggestion is in the matcher run's entry).
    const audited = sqlite.prepare("SELECT after FROM audit_log WHERE entity = 'transfer_link' AND entity_id = ? ORDER BY seq").all(invoiceId) as { after: string }[];
    expect(audited.map((a) => (JSON.parse(a.after) as { status: string }).status)).toEqual(['rejected', 'suggested', 'accepted']);
    await review.locator('select[name="linkStatus"]').selectOption('accepted');
    await waitForText(review.getByTestId('links-count'), '(2)');
    await app.screenshot('records-2-accepted');

    // Merges: the masked number and B's IBAN, the company written two ways, ranked with reasons.
    const merges = page.getByTestId('merges');
    const subjectPair = merges.getByTestId('merge-suggestion').filter({ hasText: 'Lindqvist Capital Partners LLC' });
    await waitForText(subjectPair, 'differ only in case, accents, punctuation or legal form');
    const accountPair = merges.getByTestId('merge-suggestion').filter({ hasText: '****4300' });
    await waitForText(accountPair, 'masked number ending like');
    await app.screenshot('records-3-merges');
    await accountPair.getByRole('button', { name: `Merge, keep ${B}` }).click();
    await waitForText(merges.getByTestId('merge-standing').first(), `****4300 merged into ${B}`);
    const bId = (sqlite.prepare('SELECT id FROM accounts WHERE case_id = ? AND identifier = ?').get(caseId, B) as { id: string }).id;
    expect(canonicalIds(sqlite, caseId, 'account')).toEqual(new Map([[ids.masked, bId]]));
    await subjectPair.getByTestId('merge-keep-a').click();
    await waitForText(merges, 'Merged (2)');
    const folded = canonicalIds(sqlite, caseId, 'subject');
    expect(folded.size).toBe(1);
    expect([...folded.entries()][0].sort()).toEqual([ids.l1, ids.l2].sort());
    await app.screenshot('records-4-merged');

    // Unmerge the account: both records as before; the merge and the unmerge are audited.
    await merges.getByTestId('merge-standing').filter({ hasText: '****4300' }).getByTestId('merge-unmerge').click();
    await waitForText(merges, 'Merged (1)');
    expect(canonicalIds(sqlite, caseId, 'account').size).toBe(0);
    expect((sqlite.prepare('SELECT count(*) AS n FROM accounts WHERE id IN (?, ?)').get(ids.masked, bId) as { n: number }).n).toBe(2);
    const mergeAudit = sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'entity_merge' AND actor = ?").get(E2E_PROFILE.user) as { n: number };
    expect(mergeAudit.n).toBe(3);
  });
});
