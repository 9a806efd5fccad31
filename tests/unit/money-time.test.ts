import { describe, expect, it } from 'vitest';
import { convertAtRate, formatMinor, MAX_MINOR, minorDigits, minorSchema, parseAmount } from '../../core/money.js';
import { parseBookedTime, timeKey } from '../../core/time.js';
import { stringifyExact } from '../../core/json-exact.js';
import { rng } from '../../bench/random.js';

describe('exact amounts at any size', () => {
  it('knows every currency at its full precision: fiat, hyperinflation sizes and crypto base units', () => {
    expect([minorDigits('USD'), minorDigits('CLP'), minorDigits('BHD'), minorDigits('VES'), minorDigits('IRR')]).toEqual([2, 0, 3, 2, 2]);
    expect([minorDigits('BTC'), minorDigits('ETH'), minorDigits('XMR'), minorDigits('USDT')]).toEqual([8, 18, 12, 6]);
  });

  it('parses 1,000,000 ETH to 10^24 wei and formats it back, exactly', () => {
    const p = parseAmount('1000000.000000000000000000', 'ETH');
    expect(p).toEqual({ ok: true, minor: 10n ** 24n });
    expect(formatMinor(10n ** 24n, 'ETH')).toBe('1000000.000000000000000000');
    expect(parseAmount('0.009', 'ETH')).toEqual({ ok: true, minor: 9n * 10n ** 15n });
    expect(parseAmount('9007.000000000001', 'XMR')).toEqual({ ok: true, minor: 9007000000000001n });
  });

  it('round-trips random amounts up to 10^30 minor units through text, in every precision', () => {
    const r = rng(5);
    for (let i = 0; i < 3000; i++) {
      const cur = ['USD', 'CLP', 'BHD', 'BTC', 'ETH', 'XMR'][i % 6];
      const m = (BigInt(Math.floor(r() * 1e15)) * 10n ** 15n + BigInt(Math.floor(r() * 1e15))) * (r() < 0.5 ? -1n : 1n);
      const text = formatMinor(m, cur);
      expect(parseAmount(text, cur)).toEqual({ ok: true, minor: m });
      expect(minorSchema.parse(m.toString())).toBe(m.toString());
    }
  });

  it('refuses more decimals than the currency has, never rounding, and amounts past the range', () => {
    expect(parseAmount('1.234', 'USD')).toMatchObject({ ok: false, error: expect.stringContaining('2 decimal places') });
    expect(parseAmount('1.5', 'CLP')).toMatchObject({ ok: false, error: expect.stringContaining('whole number') });
    expect(parseAmount('0.0000000000000000001', 'ETH')).toMatchObject({ ok: false });
    expect(parseAmount('1' + '0'.repeat(40), 'USD')).toMatchObject({ ok: false, error: expect.stringContaining('too large') });
    expect(minorSchema.safeParse(1.5).success).toBe(false);
    expect(minorSchema.safeParse(2 ** 53).success).toBe(false);
    expect(minorSchema.safeParse('012').success).toBe(false);
    expect(minorSchema.safeParse((MAX_MINOR + 1n).toString()).success).toBe(false);
  });

  it('converts at an exchange rate exactly, rounding half up', () => {
    // 1,000.00 USD bought 0.01500000 BTC: 333.33 USD of it is 499,995 sat exactly.
    expect(convertAtRate(33333n, 100000n, 1500000n)).toBe(499995n);
    expect(convertAtRate(1n, 2n, 1n)).toBe(1n); // 0.5 rounds up
    expect(convertAtRate(1n, 3n, 1n)).toBe(0n);
    expect(convertAtRate(10n ** 24n, 10n ** 24n, 3n)).toBe(3n);
  });

  it('never writes a BigInt that reaches machine output as a float', () => {
    expect(stringifyExact({ a: 10n ** 24n, b: '1', c: [-7n] })).toBe('{"a":1000000000000000000000000,"b":"1","c":[-7]}');
  });
});

describe('booked time and its ordering key', () => {
  const ok = (s: string) => {
    const p = parseBookedTime(s);
    if (!p.ok) throw new Error(p.error);
    return p.value;
  };

  it('keeps the booking as written and orders by the instant', () => {
    expect(ok('2024-03-01T10:00:00+02:00')).toMatchObject({ booked: '2024-03-01T10:00:00+02:00', key: '2024-03-01T08:00:00.000000000Z', date: '2024-03-01', offsetMinutes: 120 });
    expect(ok('2024-03-01T10:00:00+02:00').key < ok('2024-03-01T09:00:00Z').key).toBe(true);
    expect(ok('2024-01-02 12:20').booked).toBe('2024-01-02T12:20:00');
  });

  it('gives equal instants written differently the same key', () => {
    const same = ['2024-03-02T12:00:00', '2024-03-02T12:00', '2024-03-02T12:00:00Z', '2024-03-02T07:00-05:00', '2024-03-02T17:30:00.000+05:30', '2024-03-02T12:00:00,0Z'];
    expect(new Set(same.map(timeKey)).size).toBe(1);
  });

  it('places a date alone after every timed booking of its day and before the next day; it never becomes midnight UTC', () => {
    const d = ok('2024-03-02');
    expect(d).toMatchObject({ booked: '2024-03-02', hasTime: false, offsetMinutes: null });
    expect(timeKey('2024-03-02T23:59:59.999999999Z') < d.key).toBe(true);
    expect(d.key < timeKey('2024-03-03T00:00:00Z')).toBe(true);
    expect(d.key > timeKey('2024-03-02T00:00:00Z')).toBe(true);
  });

  it('refuses impossible offsets, dates and times, naming them', () => {
    for (const bad of ['2024-03-01T10:00:00+25:00', '2024-03-01T10:00+14:30', '2024-02-30', '2024-02-30T10:00', '2024-03-01T24:00', '2024-03-01T10:61', '2024-03-01T10:00:60', 'yesterday', '2024-13-01'])
      expect(parseBookedTime(bad).ok, bad).toBe(false);
    expect(parseBookedTime('2024-03-01T10:00:00+25:00')).toMatchObject({ error: expect.stringContaining('+25:00') });
  });
});
