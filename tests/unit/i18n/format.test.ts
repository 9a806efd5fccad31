import { describe, expect, it } from 'vitest';
import { formatBytes, formatCount, formatDate, formatMoney } from '../../../renderer/src/i18n/format';
import { formattingLocale, languageOf, pickLanguage } from '../../../renderer/src/i18n/language';

/** Spaces as a reader sees them: CLDR puts no-break (U+00A0) and narrow no-break (U+202F) spaces in numbers. */
const sp = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('money shown the local way (renderer/src/i18n/format.ts)', () => {
  it('groups and marks decimals as each locale does, with the currency in its place', () => {
    expect(sp(formatMoney('1234567890', 'EUR', 'es-ES'))).toBe('12.345.678,90 €');
    expect(sp(formatMoney('1234567890', 'MXN', 'es-MX'))).toBe('$12,345,678.90');
    expect(sp(formatMoney('1234567890', 'BRL', 'pt-BR'))).toBe('R$ 12.345.678,90');
    expect(sp(formatMoney('1234567890', 'CAD', 'fr-CA'))).toBe('12 345 678,90 $');
    expect(sp(formatMoney('1234567890', 'INR', 'en-IN'))).toBe('₹1,23,45,678.90');
  });

  it('keeps the locale rules Intl knows: es-ES leaves four-digit amounts ungrouped, fr-CA groups with a no-break space', () => {
    expect(sp(formatMoney('123456', 'EUR', 'es-ES'))).toBe('1234,56 €');
    expect(formatMoney('123456', 'CAD', 'fr-CA')).toMatch(/^1[\u00a0\u202f]234,56[\u00a0\u202f]\$$/);
  });

  it("uses the currency's own exponent: none for CLP, three for BHD, eight for BTC, eighteen for ETH", () => {
    expect(sp(formatMoney('123456789', 'CLP', 'es-ES'))).toBe('123.456.789 CLP');
    expect(sp(formatMoney('1234567', 'BHD', 'en-IN'))).toBe('BHD 1,234.567');
    expect(sp(formatMoney('1', 'BTC', 'pt-BR'))).toBe('BTC 0,00000001');
    expect(sp(formatMoney('-1', 'ETH', 'fr-CA'))).toBe('-0,000000000000000001 ETH');
  });

  it('is exact past 2^53 and 2^63 (the integer part goes to Intl as a BigInt, never a float)', () => {
    // 10^24 wei + 1: a float would print 1,000,000.000000000000000000
    expect(sp(formatMoney('1000000000000000000000001', 'ETH', 'en-US'))).toBe('ETH 1,000,000.000000000000000001');
    // 2^63 + 7 cents in USD: a float rounds the last digits away
    expect(sp(formatMoney(9223372036854775815n, 'USD', 'es-MX'))).toBe('USD 92,233,720,368,547,758.15');
    expect(sp(formatMoney('-9223372036854775815', 'EUR', 'es-ES'))).toBe('-92.233.720.368.547.758,15 €');
  });

  it('shows negative amounts below one unit with their sign', () => {
    expect(sp(formatMoney('-5', 'USD', 'en-US'))).toBe('-$0.05');
    expect(sp(formatMoney('-5', 'BRL', 'pt-BR'))).toBe('-R$ 0,05');
  });

  it('formats counts and booked dates in the locale', () => {
    expect(sp(formatCount(1234567, 'en-IN'))).toBe('12,34,567');
    expect(sp(formatCount(1234567n, 'fr-CA'))).toBe('1 234 567');
    expect(formatDate('2024-03-01', 'es-MX')).toBe('1 mar 2024');
    expect(formatDate('2024-03-01', 'pt-BR')).toBe('1 de mar. de 2024');
    expect(formatDate('2024-03-01', 'fr-CA')).toBe('1 mars 2024');
    expect(formatDate('2024-03-01', 'en-US')).toBe('Mar 1, 2024');
  });

  it('names file sizes in the locale (ko in French)', () => {
    expect(sp(formatBytes(1536, 'fr-CA'))).toBe('1,5 ko');
    expect(sp(formatBytes(1536, 'en-US'))).toBe('1.5 kB');
    expect(sp(formatBytes(12, 'pt-BR'))).toBe('12 bytes');
  });
});

describe('the language of the interface (renderer/src/i18n/language.ts)', () => {
  it('maps the system languages: es-* -> es, pt-* -> pt-BR, fr-* -> fr', () => {
    expect(languageOf('es-MX')).toBe('es');
    expect(languageOf('es-419')).toBe('es');
    expect(languageOf('pt-PT')).toBe('pt-BR');
    expect(languageOf('fr-HT')).toBe('fr');
    expect(languageOf('de-DE')).toBeUndefined();
  });

  it('takes the choice made in Settings first, then the first system language it speaks, then English', () => {
    expect(pickLanguage('fr', ['es-MX', 'en-US'])).toBe('fr');
    expect(pickLanguage(null, ['de-DE', 'pt-BR', 'en-US'])).toBe('pt-BR');
    expect(pickLanguage('klingon', ['es-CO'])).toBe('es');
    expect(pickLanguage(null, ['de-DE'])).toBe('en');
  });

  it("formats in the system's region when it speaks the chosen language, else the language's region of the Americas", () => {
    expect(formattingLocale('es', ['es-MX'])).toBe('es-MX');
    expect(formattingLocale('en', ['en-IN'])).toBe('en-IN');
    expect(formattingLocale('fr', ['en-US'])).toBe('fr-CA');
    expect(formattingLocale('es', ['en-US'])).toBe('es-419');
    expect(formattingLocale('pt-BR', ['pt-PT', 'en'])).toBe('pt-PT');
  });
});
