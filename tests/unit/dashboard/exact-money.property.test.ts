import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { formatMinor } from '../../../core/money.js';
import { rng } from '../../../bench/random.js';
import { jointCase } from '../assets/fixtures.js';

/**
 * Property: amounts up to 10^30 minor units (past 2^53 and past SQLite's INTEGER) go through asset
 * create and update, the lifecycle, the dashboard totals, the drill-down's sort and the equitable
 * sharing without losing a unit. The expected figures are worked out independently in BigInt.
 * Deterministic (seeded), so a failure reproduces; the seed is in the test name.
 */
let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

const SEED = 20261202;
const CURRENCIES = ['USD', 'ETH', 'CLP', 'BTC', 'XMR'];
const LIMIT = 10n ** 30n;

/** A non-negative BigInt below `below`, drawn digit by digit with a random length, so small and huge amounts both come up. */
function drawMinor(rand: () => number, below = LIMIT): bigint {
  const maxDigits = below.toString().length;
  const digits = 1 + Math.floor(rand() * maxDigits);
  let s = '';
  for (let i = 0; i < digits; i++) s += String(Math.floor(rand() * 10));
  const v = BigInt(s);
  return v < below ? v : v % below;
}

interface Expected {
  status: string;
  currency: string;
  seized: bigint;
  appraised: bigint | null;
  realised: bigint | null;
  costs: bigint;
  deductions: bigint;
}

const netOf = (a: Expected) => (a.realised ?? a.appraised ?? a.seized) - a.costs - a.deductions;
const move = (core: typeof env.core, assetId: string, to: string, occurredOn: string, extra: Record<string, unknown> = {}) =>
  core.call('assets.transition', { assetId, to, occurredOn, orderReference: `ORD-${to}`, ...extra });

describe(`exact money through assets, totals and sharing (property, seed ${SEED})`, () => {
  it('totals, net proceeds, the drill-down order and every distribution are exact for amounts up to 10^30 minor units', async () => {
    env = tempCore();
    const { core } = env;
    const rand = rng(SEED);
    const kase = await jointCase(core, 'TF-BIG', [1 + Math.floor(rand() * 900), 1 + Math.floor(rand() * 900), 1 + Math.floor(rand() * 900)]);
    const expected = new Map<string, Expected>();
    for (let i = 0; i < 36; i++) {
      const currency = CURRENCIES[i % CURRENCIES.length];
      const seized = drawMinor(rand);
      const created = await core.call('assets.create', {
        caseId: kase.caseId, type: 'other', description: `asset ${i}`, seizedOn: '2026-01-10', currency,
        valueSeized: formatMinor(seized, currency), seizingAgencyId: kase.state.id,
      });
      expect(created.valueSeizedMinor).toBe(seized.toString());
      const e: Expected = { status: 'seized', currency, seized, appraised: null, realised: null, costs: 0n, deductions: 0n };
      // Keep the asset current: an appraisal, costs and liens, each entered as text in the currency.
      if (rand() < 0.7) {
        e.appraised = drawMinor(rand);
        e.costs = drawMinor(rand, (e.appraised / 4n) + 1n);
        e.deductions = rand() < 0.3 ? drawMinor(rand) : 0n; // sometimes larger than the value: a net below zero
        const up = await core.call('assets.update', {
          id: created.id, valueAppraised: formatMinor(e.appraised, currency), appraisedOn: '2026-01-20', appraiser: 'Appraiser',
          costs: formatMinor(e.costs, currency), deductions: formatMinor(e.deductions, currency),
        });
        expect(up.netMinor).toBe(netOf(e).toString());
      }
      const path = rand();
      if (path < 0.75) {
        await move(core, created.id, 'pending_forfeiture', '2026-02-01');
        e.status = 'pending_forfeiture';
      }
      if (path < 0.6) {
        await move(core, created.id, 'forfeited', '2026-03-01');
        e.status = 'forfeited';
      }
      if (path < 0.3) {
        e.realised = drawMinor(rand);
        await move(core, created.id, 'sold', '2026-04-01', { valueRealised: formatMinor(e.realised, currency) });
        e.status = 'disposed';
      }
      expected.set(created.id, e);
    }
    const all = [...expected.values()];

    // Totals per status and currency, and per currency, against sums in BigInt.
    const t = await core.call('dashboard.totals', {});
    for (const r of t.rows) {
      const mine = all.filter((a) => a.status === r.status && a.currency === r.currency);
      expect(r.count).toBe(mine.length);
      expect(r.seizedMinor).toBe(mine.reduce((s, a) => s + a.seized, 0n).toString());
      expect(r.netMinor).toBe(mine.reduce((s, a) => s + netOf(a), 0n).toString());
    }
    for (const cur of CURRENCIES) {
      const mine = all.filter((a) => a.currency === cur);
      const proceeds = mine.filter((a) => a.status === 'forfeited' || a.status === 'disposed');
      expect(t.byCurrency[cur].seizedMinor).toBe(mine.reduce((s, a) => s + a.seized, 0n).toString());
      expect(t.byCurrency[cur].costsMinor).toBe(mine.reduce((s, a) => s + a.costs, 0n).toString());
      expect(t.byCurrency[cur].netProceedsMinor).toBe(proceeds.reduce((s, a) => s + netOf(a), 0n).toString());
    }

    // The drill-down sorts by the exact net, negatives first, however many digits.
    const drill = await core.call('dashboard.assets', { sort: 'net', limit: 100 });
    const byNet = [...expected.entries()].sort(([ia, a], [ib, b]) => (netOf(a) < netOf(b) ? -1 : netOf(a) > netOf(b) ? 1 : ia < ib ? -1 : 1));
    expect(drill.rows.map((r) => r.netMinor)).toEqual(byNet.map(([, a]) => netOf(a).toString()));

    // Projected sharing per currency adds up to the positive nets of the shared assets, to the unit.
    const shared = all.filter((a) => a.status === 'forfeited' || a.status === 'disposed');
    const positive = (cur: string) => shared.filter((a) => a.currency === cur).reduce((s, a) => s + (netOf(a) > 0n ? netOf(a) : 0n), 0n);
    const sumShares = (rows: { currency: string; shareMinor: string }[], cur: string) =>
      rows.filter((r) => r.currency === cur).reduce((s, r) => s + BigInt(r.shareMinor), 0n);
    const projected = await core.call('dashboard.sharing', {});
    for (const cur of CURRENCIES) expect(sumShares(projected.byAgency, cur)).toBe(positive(cur));

    // Each recorded distribution adds up exactly to its net, with no negative share.
    for (const [id, a] of expected) {
      if (a.status !== 'forfeited' && a.status !== 'disposed') continue;
      const d = await core.call('sharing.compute', { assetId: id });
      expect(d.netMinor).toBe(netOf(a).toString());
      const shares = d.shares.map((s) => BigInt(s.shareMinor));
      expect(shares.every((s) => s >= 0n)).toBe(true);
      expect(shares.reduce((s, x) => s + x, 0n)).toBe(netOf(a) > 0n ? netOf(a) : 0n);
    }
    const recorded = await core.call('dashboard.sharing', {});
    for (const cur of CURRENCIES) expect(sumShares(recorded.byAgency, cur)).toBe(positive(cur));
  }, 60_000);
});
