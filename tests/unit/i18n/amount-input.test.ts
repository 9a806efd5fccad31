import { describe, expect, it } from 'vitest';
import { readAmount } from '../../../core/amount-input';
import { localeDatePattern, readDate } from '../../../core/date-input';

const ok = (text: string, currency: string, locale?: string) => {
  const r = readAmount(text, currency, locale);
  if (r.kind !== 'ok') throw new Error(`${text}: ${JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
  return r.minor;
};

describe('reading amounts as people type them (core/amount-input.ts)', () => {
  it('reads US, continental, Brazilian and French-Canadian conventions into exact minor units', () => {
    expect(ok('68,500.00', 'USD')).toBe(6850000n);
    expect(ok('68.500,00', 'EUR')).toBe(6850000n);
    expect(ok('12,30', 'BRL', 'pt-BR')).toBe(1230n);
    expect(ok('1 234,56', 'CAD', 'fr-CA')).toBe(123456n);
    expect(ok('1\u00a0234,56', 'CAD')).toBe(123456n); // no-break space
    expect(ok('1\u202f234,56', 'CAD')).toBe(123456n); // narrow no-break space, as fr-CA Intl writes it
    expect(ok("1'234.50", 'CHF')).toBe(123450n);
    expect(ok('12,34,567.89', 'INR', 'en-IN')).toBe(123456789n);
    expect(ok('0,05', 'EUR')).toBe(5n);
    expect(ok('68500', 'USD')).toBe(6850000n);
  });

  it("uses the currency's exponent: none for CLP, three for BHD, eighteen for ETH, exact past 2^53", () => {
    expect(ok('1.234.567', 'CLP', 'es-CL')).toBe(1234567n);
    expect(ok('1,234.567', 'BHD')).toBe(1234567n);
    expect(ok('1,000,000.000000000000000001', 'ETH')).toBe(1000000000000000000000001n);
  });

  it('reads signs and accounting parentheses', () => {
    expect(ok('-1.234,56', 'EUR')).toBe(-123456n);
    expect(ok('(1,234.56)', 'USD')).toBe(-123456n);
    expect(ok('−12,30', 'BRL')).toBe(-1230n);
  });

  it('takes three digits after a mark as a group when the currency has fewer decimals', () => {
    expect(ok('1,234', 'USD')).toBe(123400n);
    expect(ok('1.500', 'BRL', 'pt-BR')).toBe(150000n);
    expect(ok('1.50000', 'USD')).toBe(150n); // trailing zeros beyond cents, and nothing else reads it
  });

  it('reports an entry that reads two ways with both readings, the locale’s first, and never picks', () => {
    const us = readAmount('1,234', 'BTC', 'en-US');
    expect(us.kind).toBe('ambiguous');
    if (us.kind !== 'ambiguous') return;
    expect(us.readings.map((r) => r.canonical)).toEqual(['1234.00000000', '1.23400000']);
    const br = readAmount('1,234', 'BTC', 'pt-BR');
    expect(br.kind === 'ambiguous' && br.readings.map((r) => r.canonical)).toEqual(['1.23400000', '1234.00000000']);
    const bhd = readAmount('1.234', 'BHD', 'es-ES');
    expect(bhd.kind === 'ambiguous' && bhd.readings.map((r) => r.minor)).toEqual([1234000n, 1234n]);
  });

  it('refuses what is not an amount, with a code and the parameters to say why in any language', () => {
    expect(readAmount('abc', 'USD')).toMatchObject({ kind: 'error', code: 'notANumber', params: { text: 'abc' } });
    expect(readAmount('1,2,3', 'USD')).toMatchObject({ kind: 'error', code: 'notANumber' });
    expect(readAmount('12 34', 'EUR')).toMatchObject({ kind: 'error', code: 'notANumber' });
    expect(readAmount('1.234 567', 'EUR')).toMatchObject({ kind: 'error', code: 'notANumber' });
    expect(readAmount('1,5', 'CLP')).toMatchObject({ kind: 'error', code: 'tooManyDecimals', params: { digits: 0, currency: 'CLP' } });
    expect(readAmount('1.2345', 'USD')).toMatchObject({ kind: 'error', code: 'tooManyDecimals', params: { digits: 2 } });
    expect(readAmount('   ', 'USD')).toMatchObject({ kind: 'error', code: 'empty' });
    expect(readAmount('10', 'ZZZ')).toMatchObject({ kind: 'error', code: 'unknownCurrency' });
    expect(readAmount('1' + '0'.repeat(40), 'USD')).toMatchObject({ kind: 'error', code: 'tooLarge' });
  });

  it('hands the contract the plain decimal text it takes', () => {
    const r = readAmount('68.500,00', 'EUR', 'es-ES');
    expect(r.kind === 'ok' && r.canonical).toBe('68500.00');
    const c = readAmount('1.234.567', 'CLP');
    expect(c.kind === 'ok' && c.canonical).toBe('1234567');
  });
});

describe('reading dates as people type them (core/date-input.ts)', () => {
  it("follows the locale's order and always accepts ISO", () => {
    expect(readDate('01/03/2024', 'es-MX')).toEqual({ kind: 'ok', iso: '2024-03-01' });
    expect(readDate('01/03/2024', 'pt-BR')).toEqual({ kind: 'ok', iso: '2024-03-01' });
    expect(readDate('01/03/2024', 'en-US')).toEqual({ kind: 'ok', iso: '2024-01-03' });
    expect(readDate('1.3.2024', 'es-ES')).toEqual({ kind: 'ok', iso: '2024-03-01' });
    expect(readDate('2024-03-01', 'en-US')).toEqual({ kind: 'ok', iso: '2024-03-01' });
    expect(readDate('2024-03-01', 'pt-BR')).toEqual({ kind: 'ok', iso: '2024-03-01' });
    expect(readDate('2024-03-01T10:00-05:00', 'es-MX')).toEqual({ kind: 'ok', iso: '2024-03-01T10:00-05:00' });
  });

  it('reads day-first in fr-CA, whose numeric dates are otherwise year-first', () => {
    expect(localeDatePattern('fr-CA')).toBe('YYYY-MM-DD');
    expect(readDate('01/03/2024', 'fr-CA')).toEqual({ kind: 'ok', iso: '2024-03-01' });
  });

  it('refuses days that do not exist and two-digit years instead of guessing', () => {
    expect(readDate('31/02/2024', 'es-MX')).toMatchObject({ kind: 'error', code: 'noSuchDay' });
    expect(readDate('29/02/2023', 'pt-BR')).toMatchObject({ kind: 'error', code: 'noSuchDay' });
    expect(readDate('29/02/2024', 'pt-BR')).toEqual({ kind: 'ok', iso: '2024-02-29' });
    expect(readDate('01/03/24', 'es-MX')).toMatchObject({ kind: 'error', code: 'shortYear', params: { pattern: 'DD/MM/YYYY' } });
    expect(readDate('marzo', 'es-MX')).toMatchObject({ kind: 'error', code: 'notADate' });
  });
});
