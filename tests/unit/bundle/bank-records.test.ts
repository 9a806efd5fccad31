import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { exportCase, makeAgency } from './helpers.js';
import { linkedDuplicateIds } from '../../../core/import/transfer-match.js';
import { canonicalIds } from '../../../core/import/merge.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

const A = 'DE89370400440532013000';
const B = 'NL91ABNA0417164300';
/** B's account in two MT940 pages that do not chain: 200.00 went missing between them. */
const PAGES = [
  ':20:STMT1', `:25:${B}`, ':28C:1', ':60F:C240301EUR1284,56', ':61:2403010301D50,00NTRFA', ':86:fee', ':62F:C240301EUR1234,56', '-',
  ':20:STMT2', `:25:${B}`, ':28C:2', ':60F:C240304EUR1034,56', ':61:2403040304C10,00NTRFB', ':86:interest', ':62F:C240304EUR1044,56', '-',
].join('\n') + '\n';
const PAYER = ['Date,Amount,Currency,Counterparty IBAN,Reference', `2024-03-05,-700.00,EUR,${B},E2E-1`, `2024-03-06,-80.00,EUR,${B},E2E-2`].join('\n') + '\n';
const PAYEE = ['Date,Amount,Currency,Counterparty IBAN,Reference', `2024-03-05,700.00,EUR,${A},E2E-1`, `2024-03-06,80.00,EUR,${A},E2E-2`].join('\n') + '\n';

describe('bank records travel in bundles', () => {
  it('carries statements (coverage and breaks), transfer links and merges: the receiver sees the same coverage, counts each transfer once, folds the same records', async () => {
    const a = tempCore('records-a');
    const b = tempCore('records-b');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's20-bank-records-'));
    cleanups.push(a.cleanup, b.cleanup, () => fs.rmSync(dir, { recursive: true, force: true }));
    const agency = await makeAgency(dir, 'Agency A');
    await b.core.call('keyring.add', { publicKey: fs.readFileSync(agency.pubFile, 'utf8'), agencyName: 'Agency A', confirmFingerprint: agency.trusted.fingerprint });

    const c = await a.core.call('cases.create', { number: 'TF-REC-1', title: 'Both sides', status: 'open' });
    const file = (name: string, text: string) => (fs.writeFileSync(path.join(dir, name), text), { path: path.join(dir, name) });
    await a.core.call('imports.run', { caseId: c.id, file: file('pages.sta', PAGES) }, { trusted: true });
    await a.core.call('imports.run', { caseId: c.id, file: file('payer.csv', PAYER), account: { identifier: A } }, { trusted: true });
    const payee = await a.core.call('imports.run', { caseId: c.id, file: file('payee.csv', PAYEE), account: { identifier: B } }, { trusted: true });
    expect(payee.transfersLinked).toBe(2);
    const masked = await a.core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: '****4300', currency: 'EUR' });
    const bId = (a.core.writer.sqlite.prepare('SELECT id FROM accounts WHERE identifier = ?').get(B) as { id: string }).id;
    await a.core.call('imports.merges.merge', { caseId: c.id, kind: 'account', survivorId: bId, mergedId: masked.id, reasons: ['masked'] });
    const coverage = await a.core.call('imports.coverage', { caseId: c.id });
    expect(coverage.find((x) => x.identifier === B)!.events.find((e) => e.kind === 'break')).toMatchObject({ amount: '-20000' });

    const out = path.join(dir, 'case.zip');
    const exported = await exportCase(a, c.id, agency, out);
    expect(exported.recordCounts).toMatchObject({ statements: 2, transfer_links: 2, entity_merges: 1 });
    const r = await b.core.call('bundles.import', { file: { path: out } }, { trusted: true });
    expect(r.outcome.inserted).toMatchObject({ statements: 2, transfer_links: 2, entity_merges: 1 });

    // The receiver's coverage is the sender's, break and amount included.
    expect(await b.core.call('imports.coverage', { caseId: c.id })).toEqual(coverage);
    expect(linkedDuplicateIds(b.core.writer.sqlite, c.id)).toEqual(linkedDuplicateIds(a.core.writer.sqlite, c.id));
    expect(canonicalIds(b.core.writer.sqlite, c.id, 'account')).toEqual(new Map([[masked.id, bId]]));
    // Each transfer once: the graph's flow from A to B is 780.00 over 2 transfers on both sides.
    const flow = async (core: typeof a.core) => {
      const g = await core.call('graph.flows', { caseId: c.id });
      return g.edges.filter((e) => e.kind === 'flow').map((e) => `${e.source}>${e.target} ${e.count} ${e.totalMinor} ${e.currency}`).sort();
    };
    const aId = (a.core.writer.sqlite.prepare('SELECT id FROM accounts WHERE identifier = ?').get(A) as { id: string }).id;
    expect(await flow(a.core)).toContain(`${aId}>${bId} 2 78000 EUR`);
    expect(await flow(b.core)).toEqual(await flow(a.core));
  });

  it('a bundle written before bank records travelled (no such files) reads what it has', async () => {
    const a = tempCore('records-c');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 's20-bank-records-'));
    cleanups.push(a.cleanup, () => fs.rmSync(dir, { recursive: true, force: true }));
    const { RECORD_TABLES, hasRecords, recordsPath } = await import('../../../core/bundle/format.js');
    // An older bundle (no bank-record files) still reads all it has; a newer one reads all of them.
    const older = RECORD_TABLES.filter((t) => hasRecords(RECORD_TABLES.filter((x) => !['statements', 'transfer_links', 'entity_merges'].includes(x)).map(recordsPath), t));
    expect(older).not.toContain('statements');
    expect(older).toContain('transactions');
    expect(RECORD_TABLES.filter((t) => hasRecords(RECORD_TABLES.map(recordsPath), t))).toEqual([...RECORD_TABLES]);
  });
});
