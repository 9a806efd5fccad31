/**
 * 100,000 transactions as the grid receives them from `transactions.list`: a few hundred accounts,
 * some holders with two accounts, counterparties outside the case, dates with and without a time.
 */
import type { TransactionRow } from '../core/transactions/methods.js';
import { rng } from './random.js';

const METHODS = ['wire', 'ach', 'card', 'cash', 'check', ''];

export function gridRows(count = 100_000): TransactionRow[] {
  const r = rng(100_000);
  const holders = Array.from({ length: 300 }, (_, i) => `Holder ${i} ${['Ltd', 'LLC', 'S.A.', 'GmbH'][i % 4]}`);
  const accounts = Array.from({ length: 400 }, (_, i) => ({ id: `acc${i}`, label: holders[i % 300], identifier: `US${String(1e12 + i * 7919).padStart(14, '0')}` }));
  const rows: TransactionRow[] = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(Date.UTC(2021, 0, 1) + Math.floor(i / 60) * 86_400_000).toISOString().slice(0, 10);
    const timed = r() < 0.6;
    const from = r() < 0.85 ? accounts[Math.floor(r() * accounts.length)] : null;
    const to = r() < 0.85 ? accounts[Math.floor(r() * accounts.length)] : null;
    rows.push({
      id: `t${i}`,
      occurredAt: timed ? `${day}T${String(8 + (i % 10)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00-05:00` : day,
      amountMinor: String(Math.floor(100 * Math.exp(r() * 12))),
      currency: 'USD',
      toAmountMinor: null,
      toCurrency: null,
      method: METHODS[i % METHODS.length],
      reference: `REF-${String(i).padStart(8, '0')}`,
      memo: `Payment ${i % 97} for invoice ${Math.floor(r() * 1e6)}`,
      counterpartyName: from && to ? '' : `Counterparty ${i % 500}`,
      fromAccountId: from?.id ?? null,
      toAccountId: to?.id ?? null,
      fromIdentifier: from?.identifier ?? null,
      fromLabel: from?.label ?? null,
      toIdentifier: to?.identifier ?? null,
      toLabel: to?.label ?? null,
      importId: null,
      seq: i,
    });
  }
  return rows;
}
