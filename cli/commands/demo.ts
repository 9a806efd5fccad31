import type { Command } from 'commander';
import type { CliContext } from '../context.js';

export function registerDemoCommands(program: Command, cli: () => CliContext): void {
  program
    .command('demo')
    .description('load the demo case (deterministic from the seed)')
    .option('--seed <n>', 'seed', '7')
    .action(async (o: { seed: string }) => {
      const c = cli();
      const r = await c.call('demo.load', { seed: Number(o.seed) });
      c.print(r, `loaded demo case ${r.number}`);
    });
}
