import { invalid } from '../errors.js';
import type { CsvColumns } from './formats.js';

/**
 * A column mapping written by hand (the CLI's `--map date=Buchungstag,amount=Betrag,description=Text+Info`):
 * role names, each naming a header cell (case and accents ignored) or a 1-based column number.
 * Turned into the same CsvColumns the wizard produces, against the file's header.
 */
export type ColumnMap = Record<string, string[]>;

/** The roles a CSV column can play, with the spellings people type for them. */
const ROLES: Record<string, keyof CsvColumns> = {
  date: 'date', booking_date: 'date', bookingdate: 'date',
  time: 'time',
  valuedate: 'valueDate', value_date: 'valueDate', value: 'valueDate',
  amount: 'amount',
  debit: 'debit', credit: 'credit',
  currency: 'currency',
  name: 'counterpartyName', counterparty: 'counterpartyName', counterpartyname: 'counterpartyName', counterparty_name: 'counterpartyName',
  account: 'counterpartyAccount', iban: 'counterpartyAccount', counterpartyaccount: 'counterpartyAccount', counterparty_account: 'counterpartyAccount',
  reference: 'reference', ref: 'reference',
  description: 'description', memo: 'description', desc: 'description',
  balance: 'balance',
  direction: 'direction', marker: 'direction',
};

export const COLUMN_ROLES = [...new Set(Object.values(ROLES))];

/** Parses `date=Buchungstag,amount=Betrag,description=Text+Info` (also `;`-separated, for headers with commas use quotes). */
export function parseColumnMap(text: string): ColumnMap {
  const out: ColumnMap = {};
  for (const part of text.split(/[,;](?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    if (!part.trim()) continue;
    const eq = part.indexOf('=');
    if (eq < 1) throw invalid('map', `"${part.trim()}" is not role=column (e.g. date=Buchungstag)`);
    const role = part.slice(0, eq).trim().toLowerCase();
    const cols = part
      .slice(eq + 1)
      .split('+')
      .map((c) => c.trim().replace(/^"|"$/g, ''))
      .filter(Boolean);
    if (cols.length === 0) throw invalid('map', `${role}: no column named`);
    out[role] = [...(out[role] ?? []), ...cols];
  }
  return out;
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/^\ufeff/, '').trim().toLowerCase();

/** Resolves a hand-written map against the header: column indices by role, every unknown role or column an error naming it. */
export function resolveColumnMap(map: ColumnMap, header: string[] | undefined, width: number): Partial<CsvColumns> & { description?: number[] } {
  const out: Partial<Record<keyof CsvColumns, number | number[]>> = {};
  const names = (header ?? []).map(fold);
  for (const [rawRole, cols] of Object.entries(map)) {
    const role = ROLES[rawRole.toLowerCase().replace(/[\s-]/g, '_')] ?? ROLES[rawRole.toLowerCase().replace(/[\s_-]/g, '')];
    if (!role) throw invalid(`map.${rawRole}`, `unknown role "${rawRole}" (roles: ${Object.keys(ROLES).join(', ')})`);
    const indices = cols.map((c) => {
      if (/^#?\d+$/.test(c)) {
        const n = Number(c.replace('#', ''));
        if (n < 1 || n > width) throw invalid(`map.${rawRole}`, `column ${n} is not in the file (it has ${width} columns; numbers start at 1)`);
        return n - 1;
      }
      const i = names.indexOf(fold(c));
      if (i === -1) throw invalid(`map.${rawRole}`, header ? `no column "${c}" in the header (${header.join(', ')})` : `the file has no header: name columns by number (#1, #2, ...)`);
      return i;
    });
    if (role === 'description') out.description = [...((out.description as number[] | undefined) ?? []), ...indices];
    else if (indices.length > 1) throw invalid(`map.${rawRole}`, `${rawRole} takes one column, not ${indices.length}`);
    else out[role] = indices[0];
  }
  return out as Partial<CsvColumns> & { description?: number[] };
}
