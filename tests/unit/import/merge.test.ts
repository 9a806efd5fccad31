import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { canonicalIds, foldName } from '../../../core/import/merge.js';
import { newCase } from './helpers.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

describe('merge what is one', () => {
  it('folds names: case, accents, punctuation and legal forms of the Americas and Europe', () => {
    expect(foldName('Lindqvist Capital Partners LLC')).toBe('LINDQVIST CAPITAL PARTNERS');
    expect(foldName('Grupo Ñandú, S.A. de C.V.')).toBe('GRUPO NANDU');
    expect(foldName('Comércio Atlântico Ltda.')).toBe('COMERCIO ATLANTICO');
    expect(foldName('Nordhafen Handels GmbH')).toBe('NORDHAFEN HANDELS');
  });

  it('suggests subjects written with and without their legal form (S.A. de C.V., Ltda.) and subjects of other names sharing an identifier', async () => {
    env = tempCore('merge-subjects');
    const { core } = env;
    const c = await newCase(core);
    const sub = (name: string, identifiers: { type: string; value: string }[] = []) => core.call('subjects.create', { caseId: c.id, kind: 'organisation', name, identifiers });
    const g1 = await sub('Grupo Ñandú, S.A. de C.V.');
    const g2 = await sub('GRUPO NANDU');
    const b1 = await sub('Comércio Atlântico Ltda.');
    const b2 = await sub('Comercio Atlantico');
    // Other trading names, one passport number written two ways.
    const t1 = await sub('Servicios Boreal', [{ type: 'passport', value: 'G 1234-5678' }]);
    const t2 = await sub('Consultoría Norte', [{ type: 'passport', value: 'g12345678' }]);
    const s = await core.call('imports.merges.suggest', { caseId: c.id });
    const pair = (x: { id: string }, y: { id: string }) => s.find((m) => (m.a.id === x.id && m.b.id === y.id) || (m.a.id === y.id && m.b.id === x.id));
    expect(pair(g1, g2)).toMatchObject({ kind: 'subject', score: 85 });
    expect(pair(b1, b2)).toMatchObject({ kind: 'subject', score: 85 });
    expect(pair(t1, t2)).toMatchObject({ kind: 'subject', score: 95, reasons: [expect.stringMatching(/^shared identifier passport /)] });
    // Nothing across the three companies.
    expect(pair(g1, b1) ?? pair(g1, t1) ?? pair(b2, t2)).toBeUndefined();
  });

  it('suggests accounts (IBAN, BBAN, domestic and masked numbers) and subjects (variants, word order, second surname, shared ids) with reasons; merge and unmerge are audited, nothing deleted', async () => {
    env = tempCore('merge');
    const { core } = env;
    const c = await newCase(core);
    const acc = (identifier: string) => core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier, currency: 'EUR' });
    const iban = await acc('NL91 ABNA 0417 1643 00');
    const bban = await acc('ABNA0417164300');
    const masked = await acc('…4300');
    const de = await acc('DE89 3704 0044 0532 0130 00');
    const domestic = await acc('37040044 / 0532013000');
    await acc('GB29NWBK60161331926819'); // unrelated
    const sub = (name: string, extra: Record<string, unknown> = {}) => core.call('subjects.create', { caseId: c.id, kind: 'organisation', name, ...extra });
    const l1 = await sub('Lindqvist Capital Partners LLC');
    const l2 = await sub('LINDQVIST CAPITAL PARTNERS');
    const p1 = await core.call('subjects.create', { caseId: c.id, kind: 'person', name: 'Juan Pérez García' });
    const p2 = await core.call('subjects.create', { caseId: c.id, kind: 'person', name: 'García Pérez, Juan' });
    const p3 = await core.call('subjects.create', { caseId: c.id, kind: 'person', name: 'Juan Perez' });
    await sub('Capital One Bank'); // shares a word, nothing more

    const s = await core.call('imports.merges.suggest', { caseId: c.id });
    const pair = (x: { id: string }, y: { id: string }) => s.find((m) => (m.a.id === x.id && m.b.id === y.id) || (m.a.id === y.id && m.b.id === x.id));
    expect(pair(iban, bban)).toMatchObject({ kind: 'account', score: 90, reasons: ['ABNA0417164300 is the BBAN inside IBAN NL91ABNA0417164300'] });
    // Bank code and account number written apart are the German BBAN.
    expect(pair(de, domestic)).toMatchObject({ score: 90, reasons: ['370400440532013000 is the BBAN inside IBAN DE89370400440532013000'] });
    expect(pair(iban, masked)).toMatchObject({ score: 55, reasons: [expect.stringMatching(/masked number ending like NL91ABNA0417164300/)] });
    expect(pair(l1, l2)).toMatchObject({ kind: 'subject', score: 85 });
    expect(pair(p1, p2)).toMatchObject({ score: 80, reasons: [expect.stringMatching(/same words in another order/)] });
    expect(pair(p1, p3)).toMatchObject({ score: 60, reasons: [expect.stringMatching(/second surname/)] });
    // Nothing about the unrelated records.
    expect(s.every((m) => !/GB29|Capital One/.test(m.a.label + m.b.label))).toBe(true);
    expect(s.map((m) => m.score)).toEqual([...s.map((m) => m.score)].sort((a, b) => b - a));

    const merged = await core.call('imports.merges.merge', { caseId: c.id, kind: 'account', survivorId: iban.id, mergedId: bban.id, reasons: pair(iban, bban)!.reasons });
    await core.call('imports.merges.merge', { caseId: c.id, kind: 'account', survivorId: bban.id, mergedId: masked.id });
    // Chains fold to the last survivor; both records are still there.
    expect(canonicalIds(core.writer.sqlite, c.id, 'account')).toEqual(new Map([[bban.id, iban.id], [masked.id, iban.id]]));
    expect((core.writer.sqlite.prepare('SELECT count(*) AS n FROM accounts WHERE id IN (?, ?, ?)').get(iban.id, bban.id, masked.id) as { n: number }).n).toBe(3);
    // A merged pair is not suggested again.
    expect(pair({ id: iban.id }, { id: bban.id }) && (await core.call('imports.merges.suggest', { caseId: c.id })).some((m) => m.a.id === bban.id && m.b.id === iban.id || m.a.id === iban.id && m.b.id === bban.id)).toBe(false);
    await core.call('imports.merges.unmerge', { id: merged.id });
    expect(canonicalIds(core.writer.sqlite, c.id, 'account')).toEqual(new Map([[masked.id, bban.id]]));
    const audit = core.writer.sqlite.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'entity_merge'").get() as { n: number };
    expect(audit.n).toBe(3);
  });
});
