import type Database from 'better-sqlite3';

/**
 * The evidence guards of migration 0008_evidence_guards, re-created at every start if missing:
 * a later migration that rebuilds one of these tables (drizzle's copy-and-rename for a changed
 * column type) drops its triggers with it, and the guard must not silently go away.
 */
export const GUARDED: readonly [table: string, ops: readonly ('UPDATE' | 'DELETE')[]][] = [
  ['transactions', ['UPDATE', 'DELETE']],
  ['imports', ['UPDATE', 'DELETE']],
  ['import_rejects', ['UPDATE', 'DELETE']],
  ['exhibits', ['UPDATE', 'DELETE']],
  ['traces', ['UPDATE', 'DELETE']],
  ['bundles', ['UPDATE', 'DELETE']],
  ['custody_events', ['DELETE']],
  ['asset_status_events', ['DELETE']],
];

export function guardSql(table: string, op: 'UPDATE' | 'DELETE'): string {
  return `CREATE TRIGGER IF NOT EXISTS ${table}_guard_${op.toLowerCase()} BEFORE ${op} ON ${table} WHEN proceeds_audited_write() IS NOT 1
BEGIN SELECT RAISE(ABORT, '${table} holds evidence: it changes only through Proceeds, which audits every change'); END;`;
}

/** Returns the triggers it had to re-create (empty when all were there). */
export function ensureEvidenceGuards(sqlite: Database.Database): string[] {
  const present = new Set(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all() as string[]);
  const tables = new Set(sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").pluck().all() as string[]);
  const made: string[] = [];
  for (const [table, ops] of GUARDED) {
    if (!tables.has(table)) continue;
    for (const op of ops) {
      const name = `${table}_guard_${op.toLowerCase()}`;
      if (present.has(name)) continue;
      sqlite.exec(guardSql(table, op));
      made.push(name);
    }
  }
  return made;
}
