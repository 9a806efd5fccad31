import { describe, expect, it } from 'vitest';
import { importBlocked } from '../../../renderer/src/views/import/blocked.js';
import type { Preview } from '../../../renderer/src/views/import/types.js';
import { maskAccount, sharedHolders, sideLabel } from '../../../renderer/src/views/transactions/account-label.js';

const preview = (extra: Partial<Preview>) => ({ fileName: 'x.csv', size: 10, encoding: 'utf-8', format: 'csv', ...extra }) as Preview;
const csv = (width: number) => ({ width }) as NonNullable<Preview['csv']>;

describe('why Import is off, said before the click', () => {
  it('a file imported before, by name, date and who (no internal id)', () => {
    const b = importBlocked(preview({ importedBefore: { fileName: 'umsatz.csv', on: '2026-03-02', by: 'Ana Torres' } }), undefined);
    expect(b).toEqual({ key: 'duplicate', values: { name: 'umsatz.csv', date: '2026-03-02', by: 'Ana Torres' } });
  });

  it('a text of one value per line is no statement; otherwise the mapping problems are listed, each once', () => {
    expect(importBlocked(preview({ csv: csv(1) }), ['amount: choose the amount column'])?.key).toBe('notStatement');
    expect(importBlocked(preview({ csv: csv(5) }), ['currency: required', 'currency: required', 'date: choose the date column'])).toEqual({
      key: 'mapping', values: { problems: 'currency: required; date: choose the date column' },
    });
    expect(importBlocked(preview({ csv: csv(5) }), [])).toBeUndefined();
  });
});

describe('the transactions grid tells two accounts of one holder apart', () => {
  const accounts = [
    { holderName: 'Ana Ruiz', identifier: 'DE75 5121 0800 1245 1261 99' },
    { holderName: 'Ana Ruiz', identifier: 'ES91 2100 0418 4502 0005 1332' },
    { holderName: 'Kiosk GmbH', identifier: 'DE44 5001 0517 5407 3249 31' },
  ];
  it('masks the number to its first and last four, only where the holder has two accounts', () => {
    const shared = sharedHolders(accounts);
    expect(sideLabel('Ana Ruiz', accounts[0].identifier, shared)).toBe('Ana Ruiz · DE75 •••• 6199');
    expect(sideLabel('Ana Ruiz', accounts[1].identifier, shared)).toBe('Ana Ruiz · ES91 •••• 1332');
    expect(sideLabel('Kiosk GmbH', accounts[2].identifier, shared)).toBe('Kiosk GmbH');
    expect(sideLabel(null, null, shared)).toBeNull();
    expect(maskAccount('CASH-1')).toBe('CASH-1');
  });
});
