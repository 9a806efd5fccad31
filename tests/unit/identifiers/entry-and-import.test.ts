import { afterEach, describe, expect, it } from 'vitest';
import { callError, tempCore } from '../../helpers/core.js';
import { count, fixture, importFile, newCase } from '../import/helpers.js';

/**
 * Identifiers are checked where they come in: typed by a person (a subject's CPF, an account's IBAN
 * or CLABE) they are refused with the field and the reason, and nothing is written; read from a
 * bank file they are imported as the bank wrote them and flagged, never dropped.
 */
let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

describe('identifiers checked on entry and flagged on import', () => {
  it('refuses an account whose IBAN, CLABE or CBU fails its check digits, naming the field, and writes nothing', async () => {
    env = tempCore('s20-americas-id');
    const c = await newCase(env.core);
    const before = count(env.core, 'SELECT count(*) n FROM accounts');
    const e = await callError(env.core, 'accounts.create', { caseId: c.id, kind: 'bank', identifier: 'DE89 3704 0044 0532 0130 01', currency: 'EUR' });
    expect(e.code).toBe('Invalid');
    expect(e.issues).toEqual([{ path: 'identifier', message: 'IBAN "DE89 3704 0044 0532 0130 01" has a wrong check digit' }]);
    const clabe = await callError(env.core, 'accounts.create', { caseId: c.id, kind: 'bank', identifier: '032180000118359710', currency: 'MXN' });
    expect(clabe.issues[0]).toMatchObject({ path: 'identifier', message: expect.stringContaining('CLABE') });
    const cbu = await callError(env.core, 'accounts.create', { caseId: c.id, kind: 'bank', identifier: '2810590940090418135201', currency: 'ARS' });
    expect(cbu.issues[0]?.message).toContain('CBU');
    expect(count(env.core, 'SELECT count(*) n FROM accounts')).toBe(before);
    // valid ones, and identifiers whose shape names no scheme, go in
    await env.core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'DE89 3704 0044 0532 0130 00', currency: 'EUR' });
    await env.core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: '032180000118359719', currency: 'MXN' });
    await env.core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier: 'US-021000021-4401', currency: 'USD' });
    expect(count(env.core, 'SELECT count(*) n FROM accounts')).toBe(before + 3);
  });

  it("refuses a subject whose CPF, RFC or RUT fails, on that identifier's value, and keeps types it does not know", async () => {
    env = tempCore('s20-americas-id');
    const c = await newCase(env.core);
    const e = await callError(env.core, 'subjects.create', {
      caseId: c.id, kind: 'person', name: 'Ana Souza',
      identifiers: [{ type: 'passport', value: 'X1234567' }, { type: 'CPF', value: '231.002.999-00' }, { type: 'RUT', value: '12531909-3' }],
    });
    expect(e.code).toBe('Invalid');
    expect(e.issues.map((i) => i.path)).toEqual(['identifiers.1.value', 'identifiers.2.value']);
    expect(e.issues[0]?.message).toBe('CPF "231.002.999-00" has a wrong check digit');
    expect(count(env.core, 'SELECT count(*) n FROM subjects')).toBe(0);
    const s = await env.core.call('subjects.create', {
      caseId: c.id, kind: 'person', name: 'Ana Souza', identifiers: [{ type: 'passport', value: 'X1234567' }, { type: 'CPF', value: '390.533.447-05' }],
    });
    expect(s.identifiers).toHaveLength(2);
  });

  it('imports a real camt.053 whose account IBAN has a wrong check digit, and flags it in the report and on the account', async () => {
    env = tempCore('s20-americas-id');
    const c = await newCase(env.core);
    // camt_parser_053_valid_example_v8.xml (a public parser fixture) names the account CH1111111111111111111
    const r = await importFile(env.core, c.id, fixture('camt/camt_parser_053_valid_example_v8.xml'));
    expect(r.imported).toBe(3);
    expect(r.warnings).toContain('account identifier flagged: IBAN "CH1111111111111111111" has a wrong check digit');
    const notes = (env.core.writer.sqlite.prepare("SELECT notes FROM accounts WHERE identifier = 'CH1111111111111111111'").get() as { notes: string }).notes;
    expect(notes).toContain('FLAGGED: IBAN "CH1111111111111111111" has a wrong check digit');
  });
});
