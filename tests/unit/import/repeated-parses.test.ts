import { describe, expect, it } from 'vitest';
import { parseBookedTime, parseBookedTimeRepeated } from '../../../core/time.js';
import { parseDate } from '../../../core/import/dates.js';

/**
 * The import parses a date once for a run of rows that repeat it (core/time.ts, core/import/dates.ts):
 * the remembered answer must be the answer for that input, never the previous input's.
 */
describe('parses remembered across repeated rows', () => {
  it('a booked time alternating with another, an impossible one and a timed one gives each its own answer', () => {
    const inputs = ['2024-03-31', '2024-03-31', '2024-02-30', '2024-03-31', '2024-03-31T10:00+02:00', '2024-03-31T10:00+02:00', '2024-03-31'];
    for (const text of inputs) expect(parseBookedTimeRepeated(text)).toEqual(parseBookedTime(text));
    expect(parseBookedTimeRepeated('2024-03-31T10:00+02:00')).toMatchObject({ ok: true, value: { key: '2024-03-31T08:00:00.000000000Z' } });
    expect(parseBookedTimeRepeated('2024-02-30').ok).toBe(false);
  });

  it('the same text read in another date format is read again', () => {
    expect(parseDate('03/04/2024', 'DD/MM/YYYY')).toBe('2024-04-03');
    expect(parseDate('03/04/2024', 'DD/MM/YYYY')).toBe('2024-04-03');
    expect(parseDate('03/04/2024', 'MM/DD/YYYY')).toBe('2024-03-04');
    expect(parseDate('31/04/2024', 'DD/MM/YYYY')).toBeUndefined();
    expect(parseDate('31/04/2024', 'DD/MM/YYYY')).toBeUndefined();
    expect(parseDate('30/04/2024', 'DD/MM/YYYY')).toBe('2024-04-30');
  });
});
