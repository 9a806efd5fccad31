import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

/** Starts tests/helpers/db-holder.mjs on a database; `send` resolves with its one-line answer. */
export async function startHolder(dbPath: string) {
  const child = spawn(process.execPath, [path.resolve('tests/helpers/db-holder.mjs'), dbPath], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const queue: ((line: string) => void)[] = [];
  lines.on('line', (l) => queue.shift()?.(l));
  const next = () => new Promise<string>((resolve) => queue.push(resolve));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  expectLine(await next(), 'ready');
  return {
    pid: child.pid!,
    async send(cmd: string): Promise<string> {
      const answer = next();
      child.stdin!.write(cmd + '\n');
      return answer;
    },
    async stop(): Promise<void> {
      if (child.exitCode === null) child.stdin!.write('exit\n');
      await exited;
    },
  };
}

function expectLine(got: string, want: string) {
  if (got !== want) throw new Error(`db-holder said "${got}", expected "${want}"`);
}
