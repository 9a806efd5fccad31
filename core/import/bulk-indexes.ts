import type { Database } from 'better-sqlite3';

/** Below this many expected rows, keeping the indexes up to date row by row costs less than rebuilding them. */
const MIN_ROWS = 50_000;
/** A CSV row is rarely shorter than this: the file size over it bounds the rows to come. */
const MIN_ROW_BYTES = 40;

/**
 * For a large import into a table that holds fewer rows than are coming, the secondary indexes of
 * `transactions` are dropped inside the import's transaction and rebuilt from their own stored SQL
 * before it commits: one sort per index instead of a million random B-tree inserts (most of an
 * import's time at that size). A rollback (reject under --strict, cancel, crash) restores them with
 * everything else. The duplicate-lookup index stays when the case already has rows to look up.
 * Returns the function that rebuilds them (a no-op when nothing was dropped).
 */
export function suspendIndexes(sqlite: Database, fileBytes: number, keepFingerprint: boolean): () => void {
  const expected = Math.floor(fileBytes / MIN_ROW_BYTES);
  if (expected < MIN_ROWS) return () => {};
  const existing = (sqlite.prepare('SELECT coalesce(max(rowid), 0) AS n FROM transactions').get() as { n: number }).n;
  if (existing > expected) return () => {};
  const indexes = (
    sqlite.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'transactions' AND sql IS NOT NULL").all() as { name: string; sql: string }[]
  ).filter((i) => !(keepFingerprint && i.name === 'transactions_fingerprint'));
  for (const i of indexes) sqlite.exec(`DROP INDEX "${i.name}"`);
  return () => {
    for (const i of indexes) sqlite.exec(i.sql);
  };
}
