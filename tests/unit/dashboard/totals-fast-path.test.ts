import { afterEach, describe, expect, it } from 'vitest';
import { tempCore } from '../../helpers/core.js';
import { jointCase } from '../assets/fixtures.js';

/**
 * The totals take SQLite's native integer sum while every amount fits 64 bits, and fall back to the
 * exact msum aggregate otherwise. These are the two ways out of the fast path: a sum that overflows
 * although each amount fits, and an amount that is itself too wide.
 */
let env: ReturnType<typeof tempCore>;
afterEach(() => env?.cleanup());

const NINES = '999999999999999999'; // 18 digits: fits 64 bits alone

describe('dashboard totals: fast path and exact fallback', () => {
  it('falls back to exact sums when 64-bit sums would overflow or an amount is too wide', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core, 'TF-WIDE', [1, 1, 1]);
    const add = (valueSeized: string, currency = 'CLP') =>
      core.call('assets.create', { caseId, type: 'other', description: 'x', seizedOn: '2026-01-10', currency, valueSeized });
    await add('1');
    expect((await core.call('dashboard.totals', {})).byCurrency.CLP.seizedMinor).toBe('1');
    // Eleven of them pass 2^63 - 1 (9.22 x 10^18): SQLite's sum() would raise "integer overflow".
    for (let i = 0; i < 11; i++) await add(NINES);
    const eleven = (BigInt(NINES) * 11n + 1n).toString();
    const t = await core.call('dashboard.totals', {});
    expect(t.byCurrency.CLP).toMatchObject({ count: 12, seizedMinor: eleven, netMinor: eleven, grossMinor: eleven });
    // One 19-digit amount in another currency: too wide to cast, so the exact aggregate runs for all.
    await add('1000000000000000000', 'JPY');
    const both = await core.call('dashboard.totals', {});
    expect(both.byCurrency.JPY.seizedMinor).toBe('1000000000000000000');
    expect(both.byCurrency.CLP.seizedMinor).toBe(eleven);
  });

  it('adds per-currency totals in doubles only where they stay exact: 14-digit rows in every status, net far below zero', async () => {
    env = tempCore();
    const { core } = env;
    const { caseId } = await jointCase(core, 'TF-EDGE', [1, 1, 1]);
    const V = '99999999999999'; // 14 digits
    const paths: string[][] = [[], ['pending_forfeiture'], ['pending_forfeiture', 'forfeited'], ['pending_forfeiture', 'forfeited', 'sold'], ['returned'], ['released']];
    for (const steps of paths) {
      const a = await core.call('assets.create', { caseId, type: 'other', description: 'x', seizedOn: '2026-01-10', currency: 'CLP', valueSeized: V, costs: V, deductions: V });
      for (const [i, to] of steps.entries())
        await core.call('assets.transition', { assetId: a.id, to, occurredOn: `2026-0${i + 2}-01`, orderReference: 'O', returnedTo: to === 'returned' ? 'owner' : undefined, valueRealised: to === 'sold' ? V : undefined });
    }
    const v = BigInt(V);
    const t = (await core.call('dashboard.totals', {})).byCurrency.CLP;
    expect(t).toMatchObject({ count: 6, seizedMinor: String(6n * v), costsMinor: String(6n * v), deductionsMinor: String(6n * v), netMinor: String(-6n * v), netProceedsMinor: String(-2n * v) });
  });
});
