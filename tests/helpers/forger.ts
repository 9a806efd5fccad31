import Database from 'better-sqlite3';
import { canonicalAuditRow, chainHash, GENESIS_HASH, type AuditRow } from '../../core/audit/chain.js';

/**
 * What a forger holding the file does with sqlite3: edits one audit entry, re-hashes the whole chain
 * so it verifies on its own, and drops the stored Merkle tree. Only a checkpoint kept elsewhere (a
 * receiver's, the hub's) can tell the rewritten history from the real one.
 */
export function rewriteAndRehash(dbPath: string, seq: number): void {
  const raw = new Database(dbPath);
  raw.exec('DROP TRIGGER audit_log_no_update; DELETE FROM audit_tree;');
  raw.prepare("UPDATE audit_log SET actor = 'nobody' WHERE seq = ?").run(seq);
  let prev = GENESIS_HASH;
  for (const r of raw.prepare('SELECT * FROM audit_log ORDER BY seq').all() as AuditRow[]) {
    const h = chainHash(prev, canonicalAuditRow(r));
    raw.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prev, h, r.seq);
    prev = h;
  }
  raw.close();
}
