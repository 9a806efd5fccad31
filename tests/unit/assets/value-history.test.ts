import { afterEach, describe, expect, it } from 'vitest';
import { callError, tempCore } from '../../helpers/core.js';
import { jointCase, vehicle } from './fixtures.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

describe('asset value history', () => {
  it('lists each appraisal, cost, claim and sale as entered, from the audit log, oldest first', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core);
    const a = await core.call('assets.create', vehicle(caseId));
    await core.call('assets.update', { id: a.id, valueAppraised: '64500.00', appraisedOn: '2026-02-10', appraiser: 'Copart', costs: '1850.00' });
    await core.call('assets.update', { id: a.id, costs: '2100.00', deductions: '12000.00' });
    await core.call('assets.update', { id: a.id, description: 'renamed only' });
    const h = await core.call('assets.valueHistory', { id: a.id });
    expect(h.map((c) => [c.field, c.before, c.after])).toEqual([
      ['valueSeizedMinor', null, '6800000'],
      ['costsMinor', null, '0'],
      ['deductionsMinor', null, '0'],
      ['valueAppraisedMinor', null, '6450000'],
      ['appraisedOn', null, '2026-02-10'],
      ['appraiser', null, 'Copart'],
      ['costsMinor', '0', '185000'],
      ['costsMinor', '185000', '210000'],
      ['deductionsMinor', '0', '1200000'],
    ]);
    expect(h.every((c) => c.actor === 'tester')).toBe(true);
    expect([...new Set(h.map((c) => c.method))]).toEqual(['assets.create', 'assets.update']);
  });

  it('refuses a stale edit, naming what is saved and what the edit would write', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core);
    const a = await core.call('assets.create', vehicle(caseId));
    const opened = a.updatedAt; // null: never updated
    await core.call('assets.update', { id: a.id, costs: '2100.00', ifUnchangedSince: opened });
    const mine = await core.call('assets.get', { id: a.id });
    const stale = await callError(core, 'assets.update', { id: a.id, costs: '1500.00', ifUnchangedSince: opened });
    expect(stale.code).toBe('Conflict');
    expect(stale.message).toContain('costs: saved 2100.00, yours 1500.00');
    expect((await core.call('assets.get', { id: a.id })).costsMinor).toBe('210000');
    // Opened on the current version, the edit goes through.
    expect((await core.call('assets.update', { id: a.id, costs: '1500.00', ifUnchangedSince: mine.updatedAt })).costsMinor).toBe('150000');
  });
});
