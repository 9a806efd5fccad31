/**
 * A deterministic case for the transfer-matching benchmark: 1,000,000 imported transactions over
 * 50,000 accounts, each account's rows from its own statement (import). 200,000 payments between
 * accounts of the case appear twice, in the payer's statement and in the payee's (booked 0-2 days
 * later); 70% name each other and carry an end-to-end id, 30% of the payees' rows name nobody. The
 * other 600,000 rows have a counterparty outside the case. Written straight into a migrated database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db/connection.js';
import { timeKey } from '../core/time.js';
import { rng } from './random.js';

export const MATCH_CASE_ID = '00000000-0000-7000-8000-00000000000a';
const VERSION = 1;

export interface MatchSize {
  transactions: number;
  accounts: number;
  transfers: number;
}
export const MATCH_FULL: MatchSize = { transactions: 1_000_000, accounts: 50_000, transfers: 200_000 };

const uuid = (kind: number, n: number) => `00000000-0000-7000-${(0x8000 + kind).toString(16)}-${n.toString(16).padStart(12, '0')}`;

/** Builds (or reuses) the database; returns its path and how many pairs were named (certain) and anonymous (doubtful). */
export function matchCase(size: MatchSize = MATCH_FULL, dir = os.tmpdir()): { dbPath: string; named: number; anonymous: number } {
  const dbPath = path.join(dir, `proceeds-bench-match-v${VERSION}-${size.transactions}-${size.accounts}-${size.transfers}.sqlite`);
  const r = rng(20260310);
  const pick = (n: number) => Math.floor(r() * n);
  const days = 730;
  const start = Date.UTC(2023, 0, 2) / 86400000;
  interface Tx { day: number; from: number; to: number; cents: number; ref: string; imp: number }
  const txs: Tx[] = [];
  let named = 0;
  for (let i = 0; i < size.transfers; i++) {
    const a = pick(size.accounts);
    let b = pick(size.accounts - 1);
    if (b >= a) b++;
    const day = start + pick(days);
    const cents = 100 + pick(5_000_000);
    const certain = r() < 0.7;
    if (certain) named++;
    txs.push({ day, from: a, to: b, cents, ref: certain ? `E2E-${i}` : '', imp: a });
    txs.push({ day: day + pick(3), from: certain ? a : -1, to: b, cents, ref: certain ? `E2E-${i}` : '', imp: b });
  }
  while (txs.length < size.transactions) {
    const a = pick(size.accounts);
    const out = r() < 0.5;
    txs.push({ day: start + pick(days), from: out ? a : -1, to: out ? -1 : a, cents: 100 + pick(5_000_000), ref: '', imp: a });
  }
  const made = { dbPath, named, anonymous: size.transfers - named };
  if (fs.existsSync(dbPath)) return made;
  txs.sort((x, y) => x.day - y.day);
  const tmp = `${dbPath}.building`;
  fs.rmSync(tmp, { force: true });
  const conn = openDatabase(tmp);
  const db = conn.sqlite;
  db.pragma('synchronous = OFF');
  db.transaction(() => {
    db.prepare("INSERT INTO cases (id, number, title, status) VALUES (?, 'BENCH-MATCH', 'Matching benchmark', 'open')").run(MATCH_CASE_ID);
    const acc = db.prepare("INSERT INTO accounts (id, case_id, kind, identifier, identifier_norm, currency, holder_name) VALUES (?, ?, 'bank', ?, ?, 'EUR', ?)");
    const imp = db.prepare("INSERT INTO imports (id, case_id, file_name, file_sha256, format, account_id, started_at) VALUES (?, ?, ?, ?, 'csv', ?, '2026-01-01T00:00:00Z')");
    for (let a = 0; a < size.accounts; a++) {
      const id = `ACCT${String(a).padStart(6, '0')}`;
      acc.run(uuid(1, a), MATCH_CASE_ID, id, id, `Holder ${a}`);
      imp.run(uuid(2, a), MATCH_CASE_ID, `${id}.csv`, id.padEnd(64, '0'), uuid(1, a));
    }
    const tx = db.prepare(
      `INSERT INTO transactions (id, case_id, from_account_id, to_account_id, amount_minor, currency, occurred_at, time_key, reference, import_id, seq)
       VALUES (?, ?, ?, ?, ?, 'EUR', ?, ?, ?, ?, ?)`,
    );
    txs.forEach((t, i) => {
      const at = new Date(t.day * 86400000).toISOString().slice(0, 10);
      tx.run(uuid(3, i), MATCH_CASE_ID, t.from < 0 ? null : uuid(1, t.from), t.to < 0 ? null : uuid(1, t.to), String(t.cents), at, timeKey(at), t.ref, uuid(2, t.imp), i + 1);
    });
  })();
  conn.close();
  fs.renameSync(tmp, dbPath);
  for (const ext of ['-wal', '-shm']) fs.rmSync(tmp + ext, { force: true });
  return made;
}
