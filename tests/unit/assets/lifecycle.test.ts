import { afterEach, describe, expect, it } from 'vitest';
import { callError, tempCore } from '../../helpers/core.js';
import { jointCase, vehicle } from './fixtures.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

const step = (assetId: string, to: string, occurredOn: string, extra: Record<string, unknown> = {}) => ({
  assetId, to, occurredOn, orderReference: `ORD-${to}`, ...extra,
});

describe('asset lifecycle', () => {
  it('moves seized -> pending -> forfeited -> sold with the order behind each step, and audits it', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId, state } = await jointCase(core);
    const a = await core.call('assets.create', vehicle(caseId, { seizingAgencyId: state.id }));
    expect(a.status).toBe('seized');
    expect(a.valueSeizedMinor).toBe('6800000');
    expect(a.details.vin).toBe('WP1AA2AY5NDA12345');
    await core.call('assets.transition', step(a.id, 'pending_forfeiture', '2026-02-01'));
    await core.call('assets.transition', step(a.id, 'forfeited', '2026-05-10'));
    const sold = await core.call('assets.transition', step(a.id, 'sold', '2026-06-20', { valueRealised: '61250.00' }));
    expect(sold.status).toBe('disposed');
    expect(sold.disposition).toBe('sold');
    expect(sold.valueRealisedMinor).toBe('6125000');
    const full = await core.call('assets.get', { id: a.id });
    expect(full.statusEvents.map((e) => `${e.fromStatus}->${e.toStatus}@${e.occurredOn}:${e.orderReference}`)).toEqual([
      'null->seized@2026-01-15:SW-2026-0042',
      'seized->pending_forfeiture@2026-02-01:ORD-pending_forfeiture',
      'pending_forfeiture->forfeited@2026-05-10:ORD-forfeited',
      'forfeited->disposed@2026-06-20:ORD-sold',
    ]);
    expect(full.allowedNext).toEqual([]);
    const audit = await core.call('audit.list', { caseId });
    expect(audit.rows.filter((r) => r.entity === 'asset_status_event')).toHaveLength(4);
    expect((await core.call('audit.verify', {})).ok).toBe(true);
  });

  it('refuses invalid steps naming the allowed ones, and changes nothing', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core);
    const a = await core.call('assets.create', vehicle(caseId));
    await core.call('assets.transition', step(a.id, 'pending_forfeiture', '2026-02-01'));
    await core.call('assets.transition', step(a.id, 'forfeited', '2026-03-01'));
    const back = await callError(core, 'assets.transition', step(a.id, 'seized', '2026-03-02'));
    expect(back.code).toBe('Conflict');
    expect(back.message).toBe('cannot move an asset from forfeited to seized; allowed from forfeited: disposed (sold, destroyed, official_use, transferred), returned');

    const b = await core.call('assets.create', vehicle(caseId, { description: 'second car' }));
    await core.call('assets.transition', step(b.id, 'returned', '2026-02-01', { returnedTo: 'owner' }));
    const sold = await callError(core, 'assets.transition', step(b.id, 'sold', '2026-02-03'));
    expect(sold.message).toBe('cannot move an asset from returned to sold; returned is final: no further step is allowed');
    expect((await core.call('assets.get', { id: b.id })).status).toBe('returned');
    expect((await core.call('assets.get', { id: b.id })).statusEvents).toHaveLength(2);
  });

  it('asks for what each step needs: order, disposition, who it was returned to, a date not before the last step', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core);
    const a = await core.call('assets.create', vehicle(caseId));
    expect((await callError(core, 'assets.transition', { ...step(a.id, 'pending_forfeiture', '2026-02-01'), orderReference: '' })).issues[0].path).toBe('orderReference');
    expect((await callError(core, 'assets.transition', step(a.id, 'returned', '2026-02-01'))).issues[0].path).toBe('returnedTo');
    expect((await callError(core, 'assets.transition', step(a.id, 'disposed', '2026-02-01'))).issues[0].path).toBe('disposition');
    const early = await callError(core, 'assets.transition', step(a.id, 'pending_forfeiture', '2026-01-14'));
    expect(early.issues[0]).toEqual({ path: 'occurredOn', message: '2026-01-14 is before the previous step (seized on 2026-01-15)' });
  });

  it('validates per-type details and amounts with field paths', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core);
    const badVin = await callError(core, 'assets.create', vehicle(caseId, { details: { make: 'Ford', model: 'F-150', vin: 'WP1AA2AY5NDO12345' } }));
    expect(badVin.issues[0].path).toBe('details.vin');
    const noBank = await callError(core, 'assets.create', { ...vehicle(caseId), type: 'bank_funds', details: undefined });
    expect(noBank.issues.map((i) => i.path).sort()).toEqual(['details.accountNumber', 'details.institution']);
    const btc = { caseId, type: 'crypto', description: 'Ledger wallet', seizedOn: '2026-01-20', currency: 'USD', valueSeized: '125000.00' };
    expect((await callError(core, 'assets.create', { ...btc, details: { asset: 'BTC', amount: '1.123456789', wallet: 'bc1qxy2k' } })).issues[0])
      .toEqual({ path: 'details.amount', message: 'BTC has 8 decimal places, not 9' });
    const ok = await core.call('assets.create', { ...btc, details: { asset: 'btc', amount: '1.12345678', wallet: 'bc1qxy2k', exchange: 'Kraken' } });
    expect(ok.details).toMatchObject({ asset: 'BTC', amount: '1.12345678' });
    const cash = { caseId, type: 'cash', description: 'Duffel bag', seizedOn: '2026-01-20', currency: 'USD', valueSeized: '12500.00' };
    const wrongCount = await callError(core, 'assets.create', { ...cash, details: { denominations: [{ denomination: '100', count: 120 }, { denomination: '20', count: 20 }] } });
    expect(wrongCount.issues[0].path).toBe('details.denominations');
    const counted = await core.call('assets.create', { ...cash, details: { denominations: [{ denomination: '100', count: 121 }, { denomination: '20', count: 20 }] } });
    expect(counted.valueSeizedMinor).toBe('1250000');
    expect((await callError(core, 'assets.create', { ...cash, valueSeized: '12500.001' })).issues[0]).toEqual({ path: 'valueSeized', message: '"12500.001": USD has 2 decimal places, not 3' });
    expect((await callError(core, 'assets.create', { ...cash, currency: 'CLP', valueSeized: '1.234,5' })).issues[0].path).toBe('valueSeized');
    expect((await callError(core, 'assets.create', { ...cash, valueAppraised: '13000' })).issues.map((i) => i.path).sort()).toEqual(['appraisedOn', 'appraiser']);
    expect((await core.call('assets.list', { caseId })).map((a) => a.type).sort()).toEqual(['cash', 'crypto']);
  });

  it('updates values in the asset currency and keeps the appraisal complete', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core);
    const a = await core.call('assets.create', vehicle(caseId));
    const up = await core.call('assets.update', { id: a.id, valueAppraised: '64500.00', appraisedOn: '2026-02-10', appraiser: 'Copart Appraisals', costs: '1850.00', deductions: '12000.00' });
    expect([up.valueAppraisedMinor, up.costsMinor, up.deductionsMinor, up.netMinor]).toEqual(['6450000', '185000', '1200000', String(6_450_000 - 185_000 - 1_200_000)]);
    expect((await callError(core, 'assets.update', { id: a.id, costs: '-5' })).issues[0].path).toBe('costs');
    expect((await callError(core, 'assets.update', { id: a.id, details: { make: 'Porsche' } })).issues[0].path).toBe('details.model');
  });
});
