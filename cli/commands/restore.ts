import path from 'node:path';
import type { Command } from 'commander';
import { defaultDbPath, type CliContext } from '../context.js';
// Key, bundle and restore modules are imported inside the actions: `proceeds --help` and every
// other command start without loading them.

export function registerRestoreCommand(program: Command, cli: () => CliContext): void {
  program
    .command('restore <backup>')
    .description('replace the database with a backup: checks it first, keeps the current file aside, refuses while the app has it open')
    .action(async (backup: string) => {
      const { restoreDatabase } = await import('../../core/restore/restore.js');
      // The database must not be opened by this process: the restore needs it closed everywhere.
      const c = cli();
      const dbPath = c.opts.db ?? defaultDbPath();
      const r = await restoreDatabase({ dbPath, backup, key: await c.databaseKey(dbPath, false) });
      c.print(r, () =>
        [
          `restored ${r.database} from ${r.backup} (sha256 ${r.backupSha256}; integrity ok, audit chain intact: ${r.check.chain?.rows ?? 0} rows${r.check.pendingMigrations ? `, brought up to date by ${r.check.pendingMigrations} schema change(s)` : ''})`,
          r.keptAs ? `the database as it was is kept as ${r.keptAs}` : `there was no database at ${path.resolve(r.database)} before`,
          `the restore is recorded in the audit log (row ${r.auditSeq})`,
        ].join('\n'),
      );
    });
}
