import Database from 'better-sqlite3';
import { ProceedsError } from '../errors.js';
import { verifyAuditChain, type ChainReport } from '../audit/chain.js';
import { checkOpened } from '../../db/open-guard.js';
import { migrationState } from '../../db/migrate-lock.js';
import { migrationsFolder } from '../../db/connection.js';

export interface BackupCheck {
  ok: boolean;
  /** What is wrong, in words; empty when ok. */
  problems: string[];
  integrity: string[];
  chain?: ChainReport;
  /** Migrations the backup lacks: it is from an older version and is brought up to date when opened. */
  pendingMigrations: number;
}

/**
 * Checks a backup before anything is replaced with it: an SQLite file of ours, every page sound
 * (`integrity_check`), a schema this build knows, and an intact audit chain. `file` is the staged
 * copy that would be installed, so what is checked is byte for byte what is restored.
 */
export function checkBackup(file: string): BackupCheck {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    // Nothing may be written to the copy under test: it must stay byte-identical to the backup.
    sqlite.pragma('query_only = ON');
    checkOpened(sqlite, file, { deep: false });
    const integrity = (sqlite.pragma('integrity_check(20)') as { integrity_check: string }[]).map((r) => r.integrity_check).filter((m) => m !== 'ok');
    const problems: string[] = integrity.map((m) => `damaged: ${m}`);
    if (integrity.length) return { ok: false, problems, integrity, pendingMigrations: 0 };
    const state = migrationState(sqlite, migrationsFolder());
    if (state.unknown > 0) problems.push(`it was written by a newer version of Proceeds (${state.unknown} schema change(s) this version does not know)`);
    const hasAudit = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_log'").get();
    const chain = hasAudit ? verifyAuditChain(sqlite) : undefined;
    if (!chain) problems.push('it has no audit log: not a Proceeds database');
    else if (!chain.ok) problems.push(`its audit chain is broken at row ${chain.firstBroken!.seq}: ${chain.firstBroken!.reason}`);
    return { ok: problems.length === 0, problems, integrity, chain, pendingMigrations: state.pending };
  } catch (e) {
    if (e instanceof ProceedsError) return { ok: false, problems: [e.message], integrity: [], pendingMigrations: 0 };
    throw e;
  } finally {
    sqlite.close();
  }
}
