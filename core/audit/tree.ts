import type Database from 'better-sqlite3';
import type { Sqlite } from '../../db/connection.js';
import { canonicalAuditRow, type AuditRow } from './row.js';
import { leafHash, nodeHash, rootHash, type Hash, type NodeSource } from './merkle.js';

/**
 * The audit log's Merkle tree kept in `audit_tree`: one row per complete aligned subtree.
 * A leaf is SHA-256(0x00 || the audit row's canonical JSON), the very bytes its chain hash covers,
 * so a third party holding the rows recomputes every leaf without Proceeds.
 */

/** Room for 2^40 entries per level: node ids stay exact in a double. */
export const LEVEL_SPAN = 2 ** 40;
export const nodeKey = (level: number, index: number) => level * LEVEL_SPAN + index;

/** The bytes a leaf hashes: the canonical row (RFC 8785 JSON) in UTF-8. */
export const entryBytes = (r: Omit<AuditRow, 'hash' | 'prev_hash'>): Buffer => Buffer.from(canonicalAuditRow(r), 'utf8');

interface Stmts {
  get: Database.Statement;
  put: Database.Statement;
  size: Database.Statement;
}
const statements = new WeakMap<Sqlite, Stmts>();
function stmts(sqlite: Sqlite): Stmts {
  let s = statements.get(sqlite);
  if (!s) {
    s = {
      get: sqlite.prepare('SELECT hash FROM audit_tree WHERE node = ?').pluck(),
      put: sqlite.prepare('INSERT INTO audit_tree (node, hash) VALUES (?, ?)'),
      size: sqlite.prepare('SELECT max(node) FROM audit_tree WHERE node < ?').pluck(),
    };
    statements.set(sqlite, s);
  }
  return s;
}

/**
 * Complete subtrees never change once written, so they are cached per connection (the core's
 * reader lives as long as the app). Not per file name: a file restored from a backup at the same
 * path must not be answered from the old file's cache. Only hashes read outside a write
 * transaction are cached: an uncommitted node could be rolled back and its index reused.
 */
const caches = new WeakMap<Sqlite, Map<number, Hash>>();
const CACHE_MAX = 200_000;

export class DbTree implements NodeSource {
  private readonly s: Stmts;
  private readonly cache: Map<number, Hash>;
  constructor(private readonly sqlite: Sqlite) {
    this.s = stmts(sqlite);
    let c = caches.get(sqlite);
    if (!c) caches.set(sqlite, (c = new Map<number, Hash>()));
    this.cache = c;
  }

  /** Number of leaves in the stored tree. */
  get size(): number {
    const max = this.s.size.get(LEVEL_SPAN) as number | null;
    return max === null ? 0 : max + 1;
  }

  node(level: number, index: number): Hash {
    const key = nodeKey(level, index);
    const hit = this.cache.get(key);
    if (hit) return hit;
    const h = this.s.get.get(key) as Buffer | undefined;
    if (!h) throw new Error(`the audit tree has no node at level ${level}, index ${index}: run \`proceeds audit verify --deep\``);
    if (!this.sqlite.inTransaction) {
      if (this.cache.size >= CACHE_MAX) this.cache.clear();
      this.cache.set(key, h);
    }
    return h;
  }

  root(size = this.size): Hash {
    return rootHash(this, size);
  }

  /** Adds leaf number `index` (which must be the next one) and every subtree it completes. */
  append(index: number, leaf: Hash): void {
    this.s.put.run(nodeKey(0, index), leaf);
    let h = leaf;
    let level = 0;
    let idx = index;
    while (idx % 2 === 1) {
      h = nodeHash(this.node(level, idx - 1), h);
      level++;
      idx = (idx - 1) / 2;
      this.s.put.run(nodeKey(level, idx), h);
    }
  }
}

/**
 * Brings the stored tree up to the audit log: for databases made before the tree existed, and for
 * rows appended by a version that did not keep it. The caller holds the write transaction.
 */
export function syncTree(sqlite: Sqlite): number {
  const tree = new DbTree(sqlite);
  let size = tree.size;
  // In batches: better-sqlite3 cannot write while a read on the same connection is open.
  const batch = sqlite.prepare('SELECT * FROM audit_log WHERE seq > ? ORDER BY seq LIMIT 5000');
  for (;;) {
    const rows = batch.all(size) as AuditRow[];
    if (rows.length === 0) return size;
    for (const r of rows) {
      if (r.seq !== size + 1) throw new Error(`audit row ${size + 1} is missing (next row is ${r.seq}): the tree cannot be extended`);
      tree.append(size, leafHash(entryBytes(r)));
      size++;
    }
  }
}
