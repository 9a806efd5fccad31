import fs from 'node:fs';
import Database from 'better-sqlite3';
import { ProceedsError } from '../errors.js';
import { verifyLog, type CheckpointCheck } from '../audit/verify-log.js';
import { verifyAuditChain, type ChainReport } from '../audit/chain.js';
import { parseCheckpoint } from '../audit/checkpoint.js';
import { checkOpened } from '../../db/open-guard.js';
import { applyKey, looksEncrypted, type DbKey } from '../../db/cipher.js';
import { migrationState } from '../../db/migrate-lock.js';
import { migrationsFolder } from '../../db/connection.js';

export interface BackupCheck {
  ok: boolean;
  /** What is wrong, in words; empty when ok. */
  problems: string[];
  integrity: string[];
  chain?: ChainReport;
  /** The backup's Merkle tree recomputed from its rows, against the one it stores. */
  tree?: { ok: boolean; size: number; message?: string };
  /** The signed checkpoints the backup carries: each must still match its log. */
  checkpoints: CheckpointCheck[];
  /**
   * The backup against the last signed checkpoint of the database it would replace: an older
   * backup goes back before it (said, not refused: that is what a restore is for); a backup of
   * another log, or one that rewrote the entries signed, is told apart.
   */
  current?: { size: number; time: string; extends: boolean; message: string };
  /** Migrations the backup lacks: it is from an older version and is brought up to date when opened. */
  pendingMigrations: number;
}

/**
 * Checks a backup before anything is replaced with it: an SQLite file of ours, every page sound
 * (`integrity_check`), a schema this build knows, an intact audit chain and Merkle tree, and its
 * own signed checkpoints. `file` is the staged copy that would be installed, so what is checked is
 * byte for byte what is restored. `currentCheckpoint` is the newest checkpoint of the database it
 * would replace (a signed note), compared but never a reason to refuse.
 */
export function checkBackup(file: string, opts: { currentCheckpoint?: string; key?: DbKey } = {}): BackupCheck {
  const none = { checkpoints: [], pendingMigrations: 0 };
  const encrypted = looksEncrypted(file);
  if (encrypted && !opts.key) return { ok: false, problems: ['it is encrypted and this database is not: open it with the key it was made with'], integrity: [], ...none };
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    // Only an encrypted file is probed here; a plain one that is no database (a CSV uploaded by
    // mistake) is named by checkOpened below, as the backup it is, not as the open database.
    if (encrypted) {
      applyKey(sqlite, opts.key!, false);
      try {
        sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
      } catch (e) {
        if (String((e as { code?: string }).code).startsWith('SQLITE_NOTADB'))
          return { ok: false, problems: ['wrong passphrase or key: it is encrypted with another key than this database (a backup made before a passphrase change needs the passphrase of then)'], integrity: [], ...none };
        throw e;
      }
    }
    // Nothing may be written to the copy under test: it must stay byte-identical to the backup.
    sqlite.pragma('query_only = ON');
    checkOpened(sqlite, file, { deep: false });
    const integrity = (sqlite.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((m) => m !== 'ok');
    const problems: string[] = integrity.map((m) => `damaged: ${m}`);
    if (integrity.length) return { ok: false, problems, integrity, ...none };
    const state = migrationState(sqlite, migrationsFolder());
    if (state.unknown > 0) problems.push(`it was written by a newer version of Proceeds (${state.unknown} schema change(s) this version does not know)`);
    const has = (t: string) => Boolean(sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(t));
    if (!has('audit_log')) {
      problems.push('it has no audit log: not a Proceeds database');
      return { ok: false, problems, integrity, ...none, pendingMigrations: state.pending };
    }
    // Backups from before the Merkle tree or signed checkpoints get the chain check alone.
    const withTree = has('audit_tree') && has('audit_checkpoints') && has('keyring') && has('signing_keys');
    const given = withTree && opts.currentCheckpoint ? [{ source: 'the database it replaces', text: opts.currentCheckpoint }] : [];
    const log = withTree ? verifyLog(sqlite, { checkpoints: given }) : undefined;
    const chain: ChainReport = log ? { ok: !log.firstBroken, rows: log.rows, headHash: log.headHash, firstBroken: log.firstBroken } : verifyAuditChain(sqlite);
    if (!chain.ok) problems.push(`its audit chain is broken at row ${chain.firstBroken!.seq}: ${chain.firstBroken!.reason}`);
    const tree = log ? { ok: log.tree.ok, size: log.tree.size, message: log.tree.message } : undefined;
    // A tree behind its log is rebuilt at open (an old backup); a tree that disagrees with its rows is not.
    if (log && !log.tree.ok && log.tree.storedSize >= log.rows) problems.push(`its Merkle tree does not match its log: ${log.tree.message}`);
    const own = log ? log.checkpoints.filter((c) => !given.some((g) => g.source === c.source)) : [];
    for (const c of own.filter((x) => !x.ok)) problems.push(`its signed checkpoint of ${c.size} entries fails: ${c.message}`);
    const cur = log?.checkpoints.find((c) => given.some((g) => g.source === c.source));
    const current = cur ? describeCurrent(cur, chain.rows, opts.currentCheckpoint!) : undefined;
    return { ok: problems.length === 0, problems, integrity, chain, tree, checkpoints: own, current, pendingMigrations: state.pending };
  } catch (e) {
    if (e instanceof ProceedsError) return { ok: false, problems: [e.message], integrity: [], ...none };
    throw e;
  } finally {
    sqlite.close();
  }
}

function describeCurrent(c: CheckpointCheck, rows: number, note: string): NonNullable<BackupCheck['current']> {
  let time = '';
  try {
    time = parseCheckpoint(note).time;
  } catch {
    // A malformed note: c.message says so.
  }
  if (c.ok) return { size: c.size, time, extends: true, message: `the backup's log (${rows} entries) contains all ${c.size} entries signed in the current database's last checkpoint` };
  if (c.size > rows)
    return {
      size: c.size,
      time,
      extends: false,
      message: `the backup is older than the current database's last signed checkpoint: it has ${rows} of its ${c.size} entries; restoring goes back before it (the current file is kept aside, whole)`,
    };
  return { size: c.size, time, extends: false, message: `the backup's log does not contain the entries signed in the current database's last checkpoint (${c.message}): it is another case file or a rewritten log` };
}

/** The newest signed checkpoint of a database file, read without opening it for writing; undefined when none. */
export function currentCheckpointOf(dbPath: string): string | undefined {
  const beside = `${dbPath}.checkpoint`;
  if (fs.existsSync(beside)) return fs.readFileSync(beside, 'utf8');
  return undefined;
}
