import type Database from 'better-sqlite3';
import { newId } from '../core/ids.js';
import { timeKey } from '../core/time.js';

/**
 * One case's accounts and `transactions` wires between them, written straight into SQLite (no
 * contract, no audit): the bundle and hub benchmarks' data, the same shape in both. The caller
 * holds the transaction. `memo` names each transaction's memo.
 */
export function writeSyntheticLedger(
  db: Database.Database,
  c: { caseId: string; number: string; title: string },
  accounts: { id: string; identifier: string }[],
  transactions: number,
  memo: (t: number) => string,
): void {
  db.prepare("INSERT INTO cases (id, number, title, status) VALUES (?, ?, ?, 'open')").run(c.caseId, c.number, c.title);
  const acc = db.prepare("INSERT INTO accounts (id, case_id, kind, identifier, identifier_norm, currency) VALUES (?, ?, 'bank', ?, ?, 'EUR')");
  for (const a of accounts) acc.run(a.id, c.caseId, a.identifier, a.identifier);
  const tx = db.prepare(
    "INSERT INTO transactions (id, case_id, from_account_id, to_account_id, amount_minor, currency, occurred_at, time_key, method, reference, memo, seq) VALUES (?, ?, ?, ?, ?, 'EUR', ?, ?, 'wire', ?, ?, ?)",
  );
  for (let t = 0; t < transactions; t++) {
    const from = accounts[t % accounts.length].id;
    const to = accounts[(t * 7 + 3) % accounts.length].id;
    const day = new Date(Date.UTC(2022, 0, 1) + (t % 900) * 86_400_000).toISOString().slice(0, 10);
    tx.run(newId(), c.caseId, from, to === from ? accounts[(t + 1) % accounts.length].id : to, String(100 + ((t * 7919) % 9_999_900)), day, timeKey(day), `REF-${t}`, memo(t), t + 1);
  }
}
