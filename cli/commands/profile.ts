import type { Command } from 'commander';
import type { CliContext, CommandNeeds } from '../context.js';

/** Who is working: the name, agency and role written into every audit row and report. */
export function registerProfileCommands(program: Command, cli: (needs?: CommandNeeds) => CliContext): void {
  const cmd = program.command('profile').description('the person behind every entry: name, agency and role (changes are audited)');

  cmd
    .command('show')
    .description('print the profile; "not set" until someone has said who they are')
    .action(async () => {
      const c = cli({ profile: true });
      const p = await c.call('settings.profile', {});
      c.print(p, p.configured ? `${p.user}${p.role ? ` (${p.role})` : ''}, ${p.agency}` : `not set (entries would say "${p.user}", "${p.agency}"): run \`proceeds profile set\``);
    });

  cmd
    .command('set')
    .description('set the name, agency and role (an audited change)')
    .requiredOption('--name <name>', 'your full name')
    .requiredOption('--agency <agency>', 'your agency')
    .option('--role <role>', 'your role, e.g. "financial investigator"', '')
    .action(async (o: { name: string; agency: string; role: string }) => {
      // Saying who you are is a natural first step on a new machine: it may create the database.
      const c = cli({ creates: true, profile: true });
      const p = await c.call('settings.setProfile', { user: o.name, agency: o.agency, role: o.role });
      c.print(p, `profile set: ${p.user}${p.role ? ` (${p.role})` : ''}, ${p.agency}`);
    });
}
