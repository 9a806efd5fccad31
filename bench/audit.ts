import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Core } from '../core/core.js';
import { appendAudit } from '../core/audit/chain.js';
import { rowsDigest } from '../core/audit/digest.js';
import { consistencyProof, leafHash, nodeHash, verifyConsistency, type Hash } from '../core/audit/merkle.js';
import { verifyDeep } from '../core/audit/replay.js';
import { DbTree, LEVEL_SPAN, nodeKey } from '../core/audit/tree.js';
import { setAuditedWrite } from '../db/connection.js';
import { newId } from '../core/ids.js';
import { timeKey } from '../core/time.js';

/**
 * bench:audit, ratios against baselines measured in the same run:
 *  1. `audit verify --deep` on a case of BENCH_AUDIT_TX transactions (default 200,000; the issue's
 *     target is 1,000,000 within 3x) against one ordered scan of the same tables;
 *  2. roots and consistency proofs on an audit tree of BENCH_AUDIT_LEAVES entries (default 2^19 + 4321;
 *     the target is 10,000,000 under 50 ms of CPU per proof), against reading every leaf once.
 */

// BENCH_AUDIT_FULL=1: the scale (1,000,000 transactions, a 10,000,000-entry log); several
// minutes on a quiet machine, so the default is smaller and every line says which scale it ran at.
const FULL = process.env.BENCH_AUDIT_FULL === '1';
const TX = Number(process.env.BENCH_AUDIT_TX ?? (FULL ? 1_000_000 : 200_000));
const LEAVES = Number(process.env.BENCH_AUDIT_LEAVES ?? (FULL ? 10_000_000 : 2 ** 19 + 4321));
const scale = (n: number, target: number) => (n >= target ? 'full scale' : `REDUCED scale: ${n.toLocaleString('en')} of the target's ${target.toLocaleString('en')}; BENCH_AUDIT_FULL=1 for all`);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-audit-'));

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
function time<T>(fn: () => T): { ms: number; cpuMs: number; value: T } {
  const c0 = cpu();
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, cpuMs: cpu() - c0, value };
}
const fmt = (n: number) => n.toFixed(n < 10 ? 2 : 0);

async function deepVerify() {
  const dbPath = path.join(dir, 'deep.sqlite');
  const core = new Core({ dbPath, actor: { user: 'bench', agency: 'Bench Agency', role: 'bench' } });
  const c = await core.call('cases.create', { number: 'BENCH-A', title: 'audit bench', status: 'open' });
  const db = core.writer.sqlite;
  db.exec('BEGIN');
  setAuditedWrite(db, true);
  const accounts = Array.from({ length: 20 }, () => newId());
  const acc = db.prepare("INSERT INTO accounts (id, case_id, kind, identifier, identifier_norm, currency) VALUES (?, ?, 'bank', ?, ?, 'EUR')");
  accounts.forEach((id, i) => {
    acc.run(id, c.id, `DE89370400440532013${i}`, `DE89370400440532013${i}`);
    appendAudit(db, core.actor(), 'accounts.create', { entity: 'account', entityId: id, caseId: c.id, after: { id, caseId: c.id, identifier: `DE89370400440532013${i}` } }, new Date().toISOString());
  });
  const importId = newId();
  db.prepare("INSERT INTO imports (id, case_id, file_name, file_sha256, file_size, format, actor, started_at) VALUES (?, ?, 'bench.csv', ?, 0, 'csv', 'bench', ?)").run(importId, c.id, '0'.repeat(64), new Date().toISOString());
  const tx = db.prepare("INSERT INTO transactions (id, case_id, from_account_id, to_account_id, amount_minor, currency, occurred_at, time_key, method, reference, memo, seq, import_id) VALUES (?, ?, ?, ?, ?, 'EUR', ?, ?, 'wire', ?, ?, ?, ?)");
  for (let i = 0; i < TX; i++) {
    const day = new Date(Date.UTC(2022, 0, 1) + (i % 900) * 86_400_000).toISOString().slice(0, 10);
    tx.run(newId(), c.id, accounts[i % 20], accounts[(i * 7 + 3) % 20 === i % 20 ? (i + 1) % 20 : (i * 7 + 3) % 20], String(100 + ((i * 7919) % 9_999_900)), day, timeKey(day), `REF-${i}`, `invoice ${i % 313} settlement`, i + 1, importId);
  }
  appendAudit(db, core.actor(), 'import.run', {
    entity: 'import', entityId: importId, caseId: c.id,
    after: { id: importId, caseId: c.id, rowsDigests: [rowsDigest(db, 'transactions', { import_id: importId }), rowsDigest(db, 'import_rejects', { import_id: importId })] },
  }, new Date().toISOString());
  setAuditedWrite(db, false);
  db.exec('COMMIT');

  const reader = new Database(dbPath, { readonly: true });
  // Warm the page cache for both, so neither pays for the first read from disk.
  reader.prepare('SELECT * FROM transactions ORDER BY id').raw().all();
  const scan = time(() => {
    let n = 0;
    for (const t of ['transactions', 'imports', 'cases', 'accounts', 'audit_log'])
      for (const _ of reader.prepare(`SELECT * FROM ${t} ORDER BY rowid`).raw().iterate()) n++;
    return n;
  });
  const deep = time(() => verifyDeep(core.reader.sqlite));
  reader.close();
  core.close();
  if (!deep.value.ok) throw new Error(`deep verify found ${deep.value.findings.length} findings on an honest database`);
  console.log(`deep verify, ${TX.toLocaleString('en')} transactions (${scale(TX, 1_000_000)}): ${fmt(deep.ms)} ms; one ordered scan of the same tables ${fmt(scan.ms)} ms; ratio ${(deep.ms / scan.ms).toFixed(2)}x (target <= 3x)`);
}

function tree() {
  const dbPath = path.join(dir, 'tree.sqlite');
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE audit_tree (node INTEGER PRIMARY KEY, hash BLOB NOT NULL)');
  // Synthetic leaves: the tree code under test is the same whatever the entries hold.
  const build = time(() => {
    const put = db.prepare('INSERT INTO audit_tree (node, hash) VALUES (?, ?)');
    const stack: { level: number; index: number; hash: Hash }[] = [];
    db.exec('BEGIN');
    for (let i = 0; i < LEAVES; i++) {
      let h = leafHash(`entry ${i}`);
      put.run(nodeKey(0, i), h);
      let level = 0;
      let index = i;
      while (index % 2 === 1) {
        h = nodeHash(stack.pop()!.hash, h);
        level++;
        index = (index - 1) / 2;
        put.run(nodeKey(level, index), h);
      }
      stack.push({ level, index, hash: h });
      if (i % 200_000 === 199_999) {
        db.exec('COMMIT');
        db.exec('BEGIN');
      }
    }
    db.exec('COMMIT');
  });
  db.close();

  // A fresh connection per measurement: nothing cached from the build.
  const ro = new Database(dbPath, { readonly: true });
  const leavesRead = time(() => {
    let n = 0;
    for (const _ of ro.prepare('SELECT hash FROM audit_tree WHERE node < ?').raw().iterate(LEVEL_SPAN)) n++;
    return n;
  });
  const t = new DbTree(ro);
  const root = time(() => t.root(LEAVES));
  const old = Math.floor(LEAVES * 0.6) + 7;
  const oldRoot = t.root(old);
  const proofs: number[] = [];
  let ok = true;
  for (let k = 0; k < 5; k++) {
    const m = old - k * 1013;
    const r = time(() => consistencyProof(new DbTree(ro), m, LEAVES));
    proofs.push(r.cpuMs);
    if (k === 0) ok = verifyConsistency(m, LEAVES, oldRoot, root.value, r.value);
  }
  ro.close();
  const worst = Math.max(...proofs);
  console.log(`audit tree of ${LEAVES.toLocaleString('en')} entries (${scale(LEAVES, 10_000_000)}) built in ${fmt(build.ms)} ms (bench setup)`);
  console.log(`root: ${fmt(root.cpuMs)} ms CPU; consistency proof ${old.toLocaleString('en')} -> ${LEAVES.toLocaleString('en')}: worst ${fmt(worst)} ms CPU of 5 (target < 50 ms), verifies: ${ok}`);
  console.log(`baseline, reading every leaf hash once: ${fmt(leavesRead.ms)} ms; proof/baseline ratio ${(worst / leavesRead.ms).toFixed(4)}x`);
}

try {
  await deepVerify();
  tree();
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
