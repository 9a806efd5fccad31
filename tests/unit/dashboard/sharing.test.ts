import { describe, expect, it } from 'vitest';
import { computeSharing, type Participant } from '../../../core/dashboard/sharing.js';
import { SharingPolicy } from '../../../core/dashboard/policy.js';

const agency = (code: string, hours: number, role = 'participant'): Participant => ({ agencyId: `id-${code}`, name: code, code, role, hours });
const shares = (d: ReturnType<typeof computeSharing>) => Object.fromEntries(d.shares.map((s) => [s.code, s.shareMinor]));
/** The shares are decimal text; their sum is taken in BigInt, as the core does. */
const total = (d: ReturnType<typeof computeSharing>) => d.shares.reduce((n, s) => n + BigInt(s.shareMinor), 0n);

describe('equitable sharing (worked examples)', () => {
  it('uneven hours, no retained share: 1,000.00 over 7/5/3 hours; the odd cent goes to the largest remainder', () => {
    // quotas 466.666.., 333.333.., 200.00 -> floors 46666 + 33333 + 20000 = 99999; the cent left goes to .67
    const d = computeSharing(100_000n, [agency('FED', 7, 'lead'), agency('STATE', 5), agency('CITY', 3)], SharingPolicy.parse({}));
    expect(shares(d)).toEqual({ FED: '46667', STATE: '33333', CITY: '20000' });
    expect(total(d)).toBe(100_000n);
  });

  it('lead keeps 20%, others capped at 50% together, 5% minimum: 1,000,000.00 over 100/300/150/10 hours', () => {
    // top 200,000.00 to FED; pool 800,000.00; CITY's 10 hours give it 14,285.71 < 50,000.00 minimum, so it is
    // lifted; the others would then have 663,636.36 > cap 500,000.00, so the cap is divided 300:150:10 with
    // CITY lifted again to 50,000.00 and 450,000.00 split 300:150. FED keeps the rest: 500,000.00.
    const policy = SharingPolicy.parse({ keeperShareBps: 2000, capBps: 5000, minimumBps: 500 });
    const d = computeSharing(100_000_000n, [agency('FED', 100, 'lead'), agency('STATE', 300), agency('COUNTY', 150), agency('CITY', 10)], policy);
    expect(shares(d)).toEqual({ FED: '50000000', STATE: '30000000', COUNTY: '15000000', CITY: '5000000' });
    expect(d.capped).toBe(true);
    expect(d.shares.find((s) => s.code === 'CITY')!.raisedToMinimum).toBe(true);
    expect(d.keeperAgencyId).toBe('id-FED');
  });

  it('a cap that splits a cent: the remainder goes to the larger basis and the cap still holds', () => {
    // net 10.00, top 2.00, pool 8.00 over 2/3/1 -> others 5.33 > cap 4.50; 4.50 split 3:1 = 3.375 / 1.125 -> 3.38 / 1.12
    const d = computeSharing(1000n, [agency('FED', 2, 'lead'), agency('STATE', 3), agency('CITY', 1)], SharingPolicy.parse({ keeperShareBps: 2000, capBps: 4500 }));
    expect(shares(d)).toEqual({ FED: '550', STATE: '338', CITY: '112' });
    expect(total(d)).toBe(1000n);
  });

  it('ties in the remainder go by agency code when bases are equal', () => {
    const d = computeSharing(100n, [agency('ZULU', 1), agency('ALPHA', 1), agency('MIKE', 1)], SharingPolicy.parse({ basis: 'equal' }));
    expect(shares(d)).toEqual({ ALPHA: '34', MIKE: '33', ZULU: '33' });
  });

  it('without a cap, the uncapped pool follows hours after the retained share', () => {
    // 20% of 500.00 = 100.00 kept; 400.00 over 1/1/2 -> 100 / 100 / 200
    const d = computeSharing(50_000n, [agency('FED', 1, 'lead'), agency('STATE', 1), agency('CITY', 2)], SharingPolicy.parse({ keeperShareBps: 2000 }));
    expect(shares(d)).toEqual({ FED: '20000', STATE: '10000', CITY: '20000' });
  });

  it('refuses what cannot be shared, naming the policy field', () => {
    const parts = [agency('FED', 1, 'lead'), agency('STATE', 1), agency('CITY', 1)];
    expect(() => computeSharing(1000n, parts, SharingPolicy.parse({ minimumBps: 6000 }))).toThrow(/policy.minimumBps: the minimum shares add up to more/);
    expect(() => computeSharing(1000n, [agency('A', 0, 'lead'), agency('B', 0)], SharingPolicy.parse({}))).toThrow(/policy.basis: no hours/);
    expect(() => computeSharing(1000n, [agency('A', 1), agency('B', 1)], SharingPolicy.parse({ keeperShareBps: 100 }))).toThrow(/policy.keeper/);
    expect(() => SharingPolicy.parse({ capBps: 12000 })).toThrow(/cannot exceed 10000/);
  });

  it('shares nothing when costs and claims eat the proceeds', () => {
    const d = computeSharing(-500n, [agency('FED', 1, 'lead'), agency('STATE', 1)], SharingPolicy.parse({}));
    expect(d.shares.map((s) => s.shareMinor)).toEqual(['0', '0']);
  });
});
