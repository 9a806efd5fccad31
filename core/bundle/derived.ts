import { ProceedsError } from '../errors.js';
import { isMinorText } from '../money.js';
import { parseBookedTime } from '../time.js';

/** Money columns of the record tables: decimal text of minor units (docs/money-and-time.md). */
const MONEY_COLUMNS = new Set([
  'amount_minor', 'to_amount_minor', 'balance_after_minor', 'value_seized_minor', 'value_appraised_minor', 'value_realised_minor',
  'costs_minor', 'deductions_minor', 'net_minor', 'opening_minor', 'closing_minor', 'moved_minor',
]);

const refuse = (where: string, column: string, message: string) =>
  new ProceedsError('Invalid', `${where}: ${column}: ${message}`, [{ path: `${where}.${column}`, message }]);

/**
 * What a receiver derives itself rather than trusting a sender: the ordering key of a transaction
 * comes from its booked time (a forged key would reorder the trace), and every amount must be the
 * canonical text of an integer (an integer from a bundle written before amounts became text is
 * taken as such while it is exact).
 */
export function deriveColumns(table: string, row: Record<string, unknown>, where: string): void {
  for (const [k, v] of Object.entries(row)) {
    if (!MONEY_COLUMNS.has(k) || v === null || v === undefined) continue;
    if (typeof v === 'number' && Number.isSafeInteger(v)) row[k] = String(v);
    else if (typeof v !== 'string' || !isMinorText(v)) throw refuse(where, k, `${JSON.stringify(v)} is not an amount in minor units`);
  }
  if (table !== 'transactions') return;
  const booked = parseBookedTime(typeof row.occurred_at === 'string' ? row.occurred_at : '');
  if (!booked.ok) throw refuse(where, 'occurred_at', booked.error);
  row.occurred_at = booked.value.booked;
  row.time_key = booked.value.key;
}
