import type { Command } from 'commander';
import type { CliContext, CommandNeeds } from '../context.js';
import { formatMinor } from '../../core/money.js';

export function registerCaseCommands(program: Command, cli: (needs?: CommandNeeds) => CliContext): void {
  const cmd = program.command('case').description('cases: create, list');

  cmd
    .command('create')
    .description('create a case')
    .requiredOption('--number <number>', 'case number, unique')
    .requiredOption('--title <title>', 'case title')
    .option('--status <status>', 'draft | open | closed | archived', 'open')
    .option('--lead-agency <code>', 'code (ORI) of an existing agency to lead the case')
    .action(async (o: { number: string; title: string; status: string; leadAgency?: string }) => {
      const c = cli({ creates: true });
      let leadAgencyId: string | undefined;
      if (o.leadAgency) {
        const agencies = await c.call('agencies.list', {});
        leadAgencyId = agencies.find((a) => a.code === o.leadAgency)?.id;
        if (!leadAgencyId) throw new Error(`no agency with code ${o.leadAgency}`);
      }
      const created = await c.call('cases.create', { number: o.number, title: o.title, status: o.status, leadAgencyId });
      c.print(created, `created case ${created.number} (${created.id})`);
    });

  cmd
    .command('list')
    .description('list cases')
    .action(async () => {
      const c = cli();
      const rows = await c.call('cases.list', {});
      c.print(rows, () =>
        rows.length === 0
          ? 'no cases'
          : rows
              .map((r) => {
                const seized = Object.entries(r.seizedByCurrency).map(([cur, v]) => `${formatMinor(v, cur)} ${cur}`).join(', ');
                return `${r.number.padEnd(16)} ${r.status.padEnd(8)} ${r.title}  [${r.transactions} tx, ${r.assets} assets${seized ? ', seized ' + seized : ''}]`;
              })
              .join('\n'),
      );
    });
}
