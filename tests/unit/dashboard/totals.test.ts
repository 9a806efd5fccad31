import { afterEach, describe, expect, it } from 'vitest';
import { callError, tempCore } from '../../helpers/core.js';
import { convertMinor } from '../../../core/dashboard/convert.js';
import { jointCase, vehicle } from '../assets/fixtures.js';

let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

const move = (core: typeof env.core, assetId: string, to: string, occurredOn: string, extra: Record<string, unknown> = {}) =>
  core.call('assets.transition', { assetId, to, occurredOn, orderReference: `ORD-${to}`, ...extra });

/** Two cases, three currencies, every status: the numbers below are worked out by hand from these. */
async function world() {
  const { core } = env;
  const one = await jointCase(core, 'TF-A', [600, 300, 100]);
  const two = await jointCase(core, 'TF-B', [1, 1, 0]);
  const cash = { type: 'cash', description: 'cash', seizedOn: '2026-01-10' };
  const a1 = await core.call('assets.create', { ...cash, caseId: one.caseId, currency: 'USD', valueSeized: '10000.00', seizingAgencyId: one.state.id });
  const a2 = await core.call('assets.create', vehicle(one.caseId, { seizedOn: '2026-02-05', valueSeized: '50000.00', valueAppraised: '48000.00', appraisedOn: '2026-02-20', appraiser: 'Copart', costs: '2000.00', deductions: '6000.00' }));
  const a3 = await core.call('assets.create', { ...cash, caseId: one.caseId, currency: 'USD', valueSeized: '700.00' });
  const a4 = await core.call('assets.create', { ...cash, caseId: two.caseId, currency: 'EUR', valueSeized: '900.50' });
  const a5 = await core.call('assets.create', { ...cash, caseId: two.caseId, currency: 'CLP', valueSeized: '1500000', seizedOn: '2026-03-01' });
  await move(core, a1.id, 'pending_forfeiture', '2026-01-20');
  await move(core, a1.id, 'forfeited', '2026-03-15');
  await move(core, a2.id, 'pending_forfeiture', '2026-02-10');
  await move(core, a2.id, 'forfeited', '2026-04-01');
  await move(core, a2.id, 'sold', '2026-05-02', { valueRealised: '45500.00' });
  await move(core, a3.id, 'returned', '2026-01-25', { returnedTo: 'owner' });
  await move(core, a4.id, 'pending_forfeiture', '2026-02-01');
  return { one, two, a1, a2, a3, a4, a5 };
}

describe('supervisor dashboard', () => {
  it('totals per status and currency, with net proceeds of forfeited and disposed assets', async () => {
    env = tempCore();
    await world();
    const t = await env.core.call('dashboard.totals', {});
    expect(t.rows.map((r) => `${r.currency} ${r.status} ${r.count} ${r.seizedMinor}`)).toEqual([
      'CLP seized 1 1500000', 'EUR pending_forfeiture 1 90050', 'USD disposed 1 5000000', 'USD forfeited 1 1000000', 'USD returned 1 70000',
    ]);
    const usd = t.byCurrency.USD;
    expect(usd).toMatchObject({ count: 3, seizedMinor: '6070000', appraisedMinor: '4800000', appraisedCount: 1, realisedMinor: '4550000', costsMinor: '200000', deductionsMinor: '600000' });
    // net proceeds: cash 10,000.00 + car sold 45,500.00 - 2,000.00 costs - 6,000.00 lien = 47,500.00; the returned cash is not proceeds
    expect(usd.netProceedsMinor).toBe('4750000');
    expect(usd.byStatus).toEqual({ disposed: 1, forfeited: 1, returned: 1 });
  });

  it('filters by agency, case, status, type, currency and period; the drill-down lists the same assets', async () => {
    env = tempCore();
    const w = await world();
    const { core } = env;
    const count = async (filters: object) => (await core.call('dashboard.totals', { filters })).rows.reduce((n, r) => n + r.count, 0);
    expect(await count({ caseId: w.two.caseId })).toBe(2);
    // "Seized by" and "participating" are two filters: FED takes part in both cases but seized nothing itself;
    // STATE seized one asset (a1) and takes part in TF-A's three.
    expect(await count({ participantAgencyId: w.two.fed.id })).toBe(2);
    expect(await count({ seizingAgencyId: w.two.fed.id })).toBe(0);
    expect(await count({ seizingAgencyId: w.one.state.id })).toBe(1);
    expect(await count({ participantAgencyId: w.one.state.id })).toBe(3);
    expect(await count({ seizingAgencyId: w.one.state.id, participantAgencyId: w.two.fed.id })).toBe(0);
    expect(await count({ statuses: ['forfeited', 'disposed'] })).toBe(2);
    expect(await count({ types: ['vehicle'] })).toBe(1);
    expect(await count({ currencies: ['eur', 'CLP'] })).toBe(2);
    expect(await count({ from: '2026-02-01', to: '2026-02-28' })).toBe(1);
    expect(await count({ from: '2026-03-01', to: '2026-03-31', dateBasis: 'status' })).toBe(2);
    const drill = await core.call('dashboard.assets', { filters: { statuses: ['forfeited', 'disposed'] }, sort: 'net', desc: true });
    expect(drill.total).toBe(2);
    expect(drill.rows.map((r) => [r.caseNumber, r.netMinor])).toEqual([['TF-A', '3750000'], ['TF-A', '1000000']]);
    expect((await callError(core, 'dashboard.totals', { filters: { from: '2026-03-01', to: '2026-01-01' } })).issues[0].path).toBe('filters.to');
    expect((await callError(core, 'dashboard.totals', { filters: { currencies: ['XYZ'] } })).issues[0].path).toBe('filters.currencies.0');
  });

  it('converts only at rates the user gives, and keeps the rates with the result', async () => {
    env = tempCore();
    await world();
    const { core } = env;
    const missing = await callError(core, 'dashboard.totals', { convert: { to: 'USD', rates: [{ from: 'EUR', rate: '1.08' }] } });
    expect(missing.issues[0]).toEqual({ path: 'convert.rates', message: 'no rate given from CLP to USD' });
    const rates = [{ from: 'EUR', rate: '1.08' }, { from: 'CLP', rate: '0.00105' }];
    const t = await core.call('dashboard.totals', { convert: { to: 'USD', rates } });
    // 6,070,000 + 900.50 EUR * 1.08 = 972.54 USD + 1,500,000 CLP * 0.00105 = 1,575.00 USD
    expect(t.conversion!.totals.seizedMinor).toBe(String(6_070_000 + 97_254 + 157_500));
    expect(t.conversion!.rates).toEqual(rates);
    expect(convertMinor(1n, 'USD', 'CLP', '950')).toBe(10n); // 0.01 USD = 9.5 CLP -> 10 (half to even)
    expect(convertMinor(3n, 'USD', 'CLP', '950')).toBe(28n); // 28.5 -> 28
    expect(convertMinor(1000n, 'KWD', 'USD', '3.25')).toBe(325n); // 1.000 KWD = 3.25 USD
  });

  it('series by month from the lifecycle; sharing per agency, recorded with its policy', async () => {
    env = tempCore();
    const w = await world();
    const { core } = env;
    const series = await core.call('dashboard.series', { filters: { currencies: ['USD'] } });
    expect(series.filter((p) => p.status === 'forfeited').map((p) => [p.period, p.count, p.valueMinor])).toEqual([
      ['2026-03', 1, '1000000'], ['2026-04', 1, '4550000'],
    ]);
    // project: a1 net 10,000.00 over 600/300/100 hours; a2 net 37,500.00 likewise
    const projected = await core.call('dashboard.sharing', {});
    expect(projected.projectedAssets).toBe(2);
    expect(projected.byAgency.map((s) => [s.code, s.shareMinor])).toEqual([['FED-TF-A', '2850000'], ['STATE-TF-A', '1425000'], ['CITY-TF-A', '475000']]);
    await core.call('sharing.setPolicy', { policy: { keeperShareBps: 2000, capBps: 5000 } });
    const rec = await core.call('sharing.compute', { assetId: w.a1.id });
    expect(rec.shares.map((s) => [s.code, s.shareMinor])).toEqual([['CITY-TF-A', '80000'], ['FED-TF-A', '680000'], ['STATE-TF-A', '240000']]);
    const stored = await core.call('sharing.list', { assetId: w.a1.id });
    expect(stored[0].policy).toMatchObject({ keeperShareBps: 2000, capBps: 5000, rounding: 'largest-remainder' });
    expect(stored[0].policy.text).toContain('the lead agency keeps 20% first');
    // the policy changes later: the recorded distribution stays as decided
    await core.call('sharing.setPolicy', { policy: {} });
    const after = await core.call('dashboard.sharing', {});
    expect([after.recordedAssets, after.projectedAssets]).toEqual([1, 1]);
    expect(after.byAgency.find((s) => s.code === 'CITY-TF-A')!.shareMinor).toBe(String(80_000 + 375_000));
    // Recorded and projected stay apart per agency: a1's decided 800.00 for CITY, a2's projected 3,750.00.
    expect(after.byAgency.find((s) => s.code === 'CITY-TF-A')).toMatchObject({ recordedMinor: '80000', projectedMinor: '375000', recordedAssets: 1, projectedAssets: 1 });
    expect(projected.byAgency.every((s) => s.recordedMinor === '0' && s.recordedAssets === 0)).toBe(true);
    expect((await callError(core, 'sharing.compute', { assetId: w.a4.id })).message).toBe('only a forfeited asset is shared; this one is pending_forfeiture');
  });
});
