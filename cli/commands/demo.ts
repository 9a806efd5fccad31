import type { Command } from 'commander';
import type { CliContext, CommandNeeds } from '../context.js';

export function registerDemoCommands(program: Command, cli: (needs?: CommandNeeds) => CliContext): void {
  program
    .command('demo')
    .description('load the demo case (deterministic from the seed)')
    .option('--seed <n>', 'seed', '7')
    .option('--scale <n>', 'multiply victims, mules and ordinary trade (for benchmarks)', '1')
    .action(async (o: { seed: string; scale: string }) => {
      const c = cli({ creates: true });
      const r = await c.call('demo.load', { seed: Number(o.seed), scale: Number(o.scale) });
      const n = r.counts;
      c.print(r, `loaded demo case ${r.number} (${r.title}): ${n.subjects} subjects, ${n.accounts} accounts, ${n.transactions} transactions, ${n.assets} seized assets`);
    });
}
