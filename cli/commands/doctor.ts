import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export function registerDoctorCommand(program: Command, cli: () => CliContext): void {
  program
    .command('doctor')
    .description('check the database file and audit chain; remove stale leftovers of killed processes, quarantine orphaned exhibit files')
    .option('--check-only', 'report, change nothing')
    .action(async (o: { checkOnly?: boolean }) => {
      const c = cli();
      const r = await c.call('maintenance.check', {});
      const cleaned = o.checkOnly ? undefined : await c.call('maintenance.clean', {});
      const l = r.leftovers;
      const count = (list: { stale: boolean }[]) => `${list.length} (${list.filter((x) => x.stale).length} stale)`;
      c.print({ ...r, cleaned }, () =>
        [
          r.fileProblems.length ? `file damaged: ${r.fileProblems.join('; ')}; restore it from a backup: proceeds restore BACKUP` : 'database file: sound (quick_check ok)',
          r.chain.ok ? `audit chain intact: ${r.chain.rows} rows` : `audit chain BROKEN at row ${r.chain.firstBroken!.seq}: ${r.chain.firstBroken!.reason}`,
          `leftovers: staged uploads ${count(l.staging)}, outbox ${count(l.outbox)}, half-copied exhibits ${count(l.incoming)}, orphaned exhibit files ${count(l.orphans)}`,
          ...l.orphans.map((x) => `  orphan ${x.path} (${x.bytes} bytes)`),
          ...(cleaned
            ? [
                `removed ${cleaned.removed.staging} staged, ${cleaned.removed.outbox} outbox and ${cleaned.removed.incoming} half-copied item(s) (${cleaned.removed.bytes} bytes); quarantined ${cleaned.quarantined.length} orphan(s)${cleaned.keptYoung ? `; ${cleaned.keptYoung} recent item(s) left alone` : ''}`,
                ...cleaned.quarantined.map((q) => `  moved ${q.sha256} to ${q.to}`),
              ]
            : []),
        ].join('\n'),
      );
      if (!r.ok) process.exitCode = 1;
    });
}
