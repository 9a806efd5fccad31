/**
 * One measured run of the import benchmark, in its own process so its peak RSS is its own:
 *   import <file> <db> [account]       the real import through the core (streaming, all checks)
 *   import-encrypted <file> <db> [account]   the same into an encrypted database (SQLCipher 4, random key)
 *   raw-ledger <rows> <db>             baseline: prepared INSERTs of the same ledger rows, one transaction
 *   raw-statement <rows> <db>          baseline: the same for the statement rows
 * Prints one JSON line: {rows, ms, cpuMs, maxRssMB}.
 */
import { createHash } from 'node:crypto';
import { Core } from '../core/core.js';
import { openDatabase } from '../db/connection.js';
import { randomKey } from '../db/cipher.js';
import { newId } from '../core/ids.js';
import { INSERT_TRANSACTION_SQL } from '../core/import/writer.js';
import { LEDGER_ACCOUNTS, STATEMENT_COUNTERPARTIES, ledgerRecord } from './import-data.js';
import { rng } from './random.js';

const [mode, arg, db, account] = process.argv.slice(2);

let cpuStart = process.cpuUsage();
const startCpu = () => (cpuStart = process.cpuUsage());

/** Wall time, and CPU time (user + system) which other load on the machine disturbs less. */
function report(rows: number, ms: number) {
  const cpu = process.cpuUsage(cpuStart);
  const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(JSON.stringify({ rows, ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), maxRssMB }) + '\n');
}

async function realImport(encrypted = false) {
  const core = new Core({ dbPath: db, actor: { user: 'bench', agency: 'bench' }, key: encrypted ? randomKey() : undefined });
  if (encrypted !== core.encrypted) throw new Error('bench: the database is not encrypted as asked');
  const c = await core.call('cases.create', { number: 'BENCH-1', title: 'bench' });
  const t = performance.now();
  startCpu();
  const r = await core.call('imports.run', { caseId: c.id, file: { path: arg }, account: account ? { identifier: account } : undefined }, { trusted: true });
  const ms = performance.now() - t;
  core.close();
  if (r.rejectedCount) throw new Error(`bench: ${r.rejectedCount} rows rejected, e.g. ${JSON.stringify(r.rejected[0])}`);
  report(r.imported, ms);
}

/** A case, its accounts and an import record, as the import would have them, then timed inserts of the rows. */
function rawInserts(kind: 'ledger' | 'statement') {
  const rows = Number(arg);
  const conn = openDatabase(db);
  const s = conn.sqlite;
  const caseId = newId();
  s.prepare("INSERT INTO cases (id, number, title) VALUES (?, 'BENCH-1', 'bench')").run(caseId);
  const addAccount = s.prepare("INSERT INTO accounts (id, case_id, kind, identifier, identifier_norm, currency) VALUES (?, ?, 'bank', ?, ?, 'USD')");
  const accounts = Array.from({ length: kind === 'ledger' ? LEDGER_ACCOUNTS : STATEMENT_COUNTERPARTIES + 1 }, (_v, i) => {
    const id = newId();
    addAccount.run(id, caseId, `A-${i}`, `A${i}`);
    return id;
  });
  const importId = newId();
  s.prepare("INSERT INTO imports (id, case_id, file_name, file_sha256, format, started_at) VALUES (?, ?, 'bench', 'bench', ?, 'now')").run(importId, caseId, kind);
  const insert = s.prepare(INSERT_TRANSACTION_SQL);
  const now = new Date().toISOString();
  const next = rng(kind === 'ledger' ? 42 : 7);
  // Fingerprints are hashes in the real import too: the same random order into their index.
  const fp = (i: number) => createHash('sha1').update(String(i)).digest('hex').slice(0, 32) + '.0';
  const t = performance.now();
  startCpu();
  s.exec('BEGIN IMMEDIATE');
  for (let i = 0; i < rows; i++) {
    if (kind === 'ledger') {
      const r = ledgerRecord(i, next);
      insert.run(newId(), caseId, accounts[Number(r.from.slice(4))], accounts[Number(r.to.slice(4))], String(r.amountMinor), r.currency, null, null, r.date, `${r.date}T24`, null,
        r.method === 'sepa' ? 'sepa' : r.method, r.reference, r.memo, '', null, importId, i + 1, fp(i), now);
    } else {
      const cp = 1 + Math.floor(next() * STATEMENT_COUNTERPARTIES);
      const out = next() < 0.6;
      const amount = 100 + Math.floor(next() * 2_000_000);
      insert.run(newId(), caseId, out ? accounts[0] : accounts[cp], out ? accounts[cp] : accounts[0], String(amount), 'EUR', null, null, '2020-01-01', '2020-01-01T24', null, 'other',
        `E2E-${i}`, `Rechnung ${i} Kunde ${cp}`, `Firma ${cp} GmbH`, null, importId, i + 1, fp(i), now);
    }
  }
  s.exec('COMMIT');
  const ms = performance.now() - t;
  conn.close();
  report(rows, ms);
}

if (mode === 'import') await realImport();
else if (mode === 'import-encrypted') await realImport(true);
else if (mode === 'raw-ledger') rawInserts('ledger');
else if (mode === 'raw-statement') rawInserts('statement');
else throw new Error(`unknown mode ${mode}`);
