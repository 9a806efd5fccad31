import type Database from 'better-sqlite3';

const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Switches a file to WAL. On a new file several processes opening at once each hold a shared lock
 * while asking for the exclusive one the switch needs; SQLite sees the deadlock and answers
 * SQLITE_BUSY at once, without its busy handler. So the switch is retried here, briefly.
 */
export function enableWal(sqlite: Database.Database, maxWaitMs = 10_000): void {
  const started = Date.now();
  for (let delay = 2; ; delay = Math.min(delay * 2, 50)) {
    try {
      sqlite.pragma('journal_mode = WAL');
      return;
    } catch (e) {
      if (!String((e as { code?: string }).code).startsWith('SQLITE_BUSY') || Date.now() - started > maxWaitMs) throw e;
    }
    sleepSync(delay + Math.random() * delay);
  }
}
