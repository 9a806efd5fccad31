import type { Sqlite } from '../../db/connection.js';

/**
 * Runs a read-only check against one snapshot of the file. In WAL mode each statement outside a
 * transaction sees the latest commit, so a check that reads the log, then the tree, then the tables
 * could count 18 log rows and 19 tree leaves when another process (the CLI beside the app) commits
 * in between, and report a forgery that is not there. A deferred BEGIN pins the snapshot at the
 * first read and takes no write lock. Inside a caller's transaction the caller's snapshot holds.
 * It ends with ROLLBACK: there is nothing to commit, and on a damaged file (which the check is
 * there to report) COMMIT itself can fail with "malformed" and hide the check's own answer.
 */
export function inReadSnapshot<T>(sqlite: Sqlite, check: () => T): T {
  if (sqlite.inTransaction) return check();
  sqlite.exec('BEGIN DEFERRED');
  try {
    return check();
  } finally {
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
  }
}
