import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export function registerAuditCommands(program: Command, cli: () => CliContext): void {
  program
    .command('audit')
    .description('the hash-chained audit log')
    .command('verify')
    .description('re-compute every link of the audit chain; exit 1 at the first broken link')
    .action(async () => {
      const c = cli();
      const report = await c.call('audit.verify', {});
      c.print(report, () =>
        report.fileProblems.length
          ? `file damaged: ${report.fileProblems.join('; ')}\nrestore it from a backup: proceeds restore BACKUP`
          : report.ok
            ? `audit chain intact: ${report.rows} rows, head ${report.headHash}`
            : `audit chain BROKEN at row ${report.firstBroken!.seq} (${report.firstBroken!.id}): ${report.firstBroken!.reason}`,
      );
      if (!report.ok) process.exitCode = 1;
    });
}

export function registerBackupCommand(program: Command, cli: () => CliContext): void {
  program
    .command('backup')
    .description('write a consistent copy of the database (SQLite backup API; safe while the app runs)')
    .requiredOption('--out <file>', 'destination file')
    .action(async (o: { out: string }) => {
      const c = cli();
      const r = await c.call('db.backup', { to: o.out });
      c.print(r, `backup written to ${r.path}`);
    });
}
