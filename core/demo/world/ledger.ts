import type { AccountRow, TransactionRow } from './types.js';
import type { Rng } from './random.js';
import { bitcoinTxid } from './identifiers.js';

export type Method = TransactionRow['method'] & string;

export interface Payment {
  from?: AccountRow | null;
  to?: AccountRow | null;
  amount: number;
  method: Method;
  memo?: string;
  /** Who is on the other side when that side is not an account of the case (a victim, a shop). */
  counterparty?: string;
  /** Overrides the reference the ledger would number (a check number, an invoice). */
  reference?: string;
}

const PREFIX: Record<Method, string> = {
  wire: 'WIRE', ach: 'ACH', sepa: 'SEPA', cash: 'CASH', check: 'CHK', card: 'CARD', crypto: '', internal: 'XFER', other: 'REF',
};

/**
 * Bank-style references: one counter per method, advancing by a few each time because the bank
 * numbers other customers' payments in between ("WIRE-000123", "WIRE-000131").
 */
class References {
  private readonly counters = new Map<Method, number>();
  constructor(private readonly rng: Rng) {}

  next(method: Method): string {
    if (method === 'crypto') return bitcoinTxid(this.rng);
    const n = (this.counters.get(method) ?? this.rng.int(100, 900)) + this.rng.int(1, 17);
    this.counters.set(method, n);
    return `${PREFIX[method]}-${String(n).padStart(6, '0')}`;
  }
}

/**
 * Every transaction of the demo, with the running balance of each account of the case. An account of
 * a subject never goes below zero: outflows are sized from what is there, so tracing methods see a
 * consistent history. External accounts (employers, shops, a title company) are not tracked.
 */
export class Ledger {
  readonly transactions: TransactionRow[] = [];
  private readonly balances = new Map<string, number>();
  private readonly refs: References;

  constructor(
    private readonly caseId: string,
    private readonly newId: (at: string) => string,
    rng: Rng,
    private readonly createdAt: string,
  ) {
    this.refs = new References(rng);
  }

  balance(account: AccountRow): number {
    return this.balances.get(account.id) ?? 0;
  }

  /** What can be paid out of `account`, up to `wanted`. */
  affordable(account: AccountRow, wanted: number): number {
    return account.external ? wanted : Math.max(0, Math.min(wanted, this.balance(account)));
  }

  record(p: Payment, occurredAt: string): TransactionRow {
    const currency = p.from?.currency ?? p.to?.currency;
    if (!currency) throw new Error('demo ledger: a payment needs a from or a to account');
    if (p.from && p.to && p.from.currency !== p.to.currency)
      throw new Error(`demo ledger: ${p.from.identifier} is in ${p.from.currency}, ${p.to.identifier} in ${p.to.currency}`);
    if (!Number.isSafeInteger(p.amount) || p.amount <= 0) throw new Error(`demo ledger: bad amount ${p.amount}`);
    if (p.from && !p.from.external) {
      const left = this.balance(p.from) - p.amount;
      if (left < 0) throw new Error(`demo ledger: ${p.from.identifier} would be overdrawn on ${occurredAt}`);
      this.balances.set(p.from.id, left);
    }
    if (p.to && !p.to.external) this.balances.set(p.to.id, this.balance(p.to) + p.amount);
    const row: TransactionRow = {
      id: this.newId(occurredAt),
      caseId: this.caseId,
      fromAccountId: p.from?.id ?? null,
      toAccountId: p.to?.id ?? null,
      amountMinor: p.amount,
      currency,
      occurredAt,
      valueDate: occurredAt.slice(0, 10),
      method: p.method,
      reference: p.reference ?? this.refs.next(p.method),
      memo: p.memo ?? '',
      counterpartyName: p.counterparty ?? '',
      balanceAfterMinor: null,
      importId: null,
      seq: this.transactions.length + 1,
      fingerprint: null,
      createdAt: this.createdAt,
    };
    this.transactions.push(row);
    return row;
  }
}
