import type { TRANSACTION_METHODS } from '../transactions/kinds.js';
import type { Minor } from '../money.js';
import type { ErrorKey, MessageParams } from '../errors.js';

/** One booked line of a bank statement, as the bank saw it: positive money in, negative money out. */
export interface StatementRow {
  line: number;
  raw: string;
  /** The booking as the bank wrote it: a date, or a date-time with its offset when the source gives one (core/time.ts). */
  occurredAt: string;
  valueDate: string | null;
  /** Signed: money in is positive. */
  amountMinor: Minor;
  currency: string;
  /**
   * An exchange the source states: the counterparty's side in its own currency (positive): what the
   * payee got for money out, what the payer paid for money in.
   */
  counterAmountMinor?: Minor;
  counterCurrency?: string;
  counterpartyName: string;
  counterpartyAccount: string;
  reference: string;
  memo: string;
  balanceAfterMinor: Minor | null;
  method: (typeof TRANSACTION_METHODS)[number];
}

/** One transfer of the investigator's ledger: from one account to another. */
export interface LedgerRow {
  line: number;
  raw: string;
  occurredAt: string;
  from: string;
  to: string;
  amountMinor: Minor;
  currency: string;
  /** An exchange: what `to` received, in its currency (ledger columns to_amount, to_currency). */
  toAmountMinor?: Minor;
  toCurrency?: string;
  reference: string;
  memo: string;
  method: (typeof TRANSACTION_METHODS)[number];
}

/** A row that could not be read, with why. */
export interface RowProblem {
  line: number;
  raw: string;
  /** English, as stored with the import and printed by the CLI; `key` and `params` say it in the reader's language. */
  reason: string;
  kind: 'rejected' | 'skipped';
  key?: ErrorKey;
  params?: MessageParams;
}

/** The account a statement (one section of an OFX, camt or MT940 file) is about. */
export interface StatementAccount {
  identifier: string;
  currency: string;
  holderName?: string;
  institution?: string;
}

/** A parsed statement of a structured file: its account and its rows, in file order. */
export interface ParsedStatement {
  account: StatementAccount;
  rows: (StatementRow | RowProblem)[];
  /** Balances the statement states (MT940 :60F:/:62F:, camt OPBD/CLBD, OFX LEDGERBAL), for reconciliation. */
  opening?: StatedBalance;
  closing?: StatedBalance;
}

/** A balance as the statement states it: signed minor units of the statement's currency, on a date. */
export interface StatedBalance {
  minor: Minor;
  date: string;
  line: number;
}

export const isProblem = (r: StatementRow | LedgerRow | RowProblem): r is RowProblem => 'reason' in r;

/** Raw text kept for a reject is capped so one absurd line cannot bloat the database. */
export const clip = (s: string, max = 4000) => (s.length > max ? s.slice(0, max) + '…' : s);

/** Maps an offset in a text to its line number (1-based), by binary search over the line starts. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}
