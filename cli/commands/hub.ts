import path from 'node:path';
import type { Command } from 'commander';

interface HubOptions {
  port: string;
  host: string;
  dataDir: string;
  databaseUrl?: string;
  keyring: string[];
  supervisors: string[];
  name: string;
  keyFile?: string;
  drop?: string;
}

const collect = (v: string, all: string[]) => [...all, v];

/** `proceeds hub`: the regional hub server (docs/hub.md). Runs until interrupted. */
export function registerHubCommand(program: Command): void {
  program
    .command('hub')
    .description('run a regional hub: agencies push signed bundles; totals and cross-agency matches across them (docs/hub.md)')
    .option('--port <n>', 'port to listen on', '8717')
    .option('--host <address>', 'address to listen on (put a TLS proxy in front for anything but loopback)', '127.0.0.1')
    .option('--data-dir <dir>', 'bundle files, the hub key and (without --database-url) the embedded PGlite database', 'proceeds-hub')
    .option('--database-url <url>', 'a PostgreSQL server (default: $DATABASE_URL; without either, the embedded PGlite)')
    .option('--keyring <file>', 'keyring file of agencies that may push bundles (repeatable)', collect, [])
    .option('--supervisors <file>', 'keyring file of supervisors, who read every agency\'s totals (repeatable)', collect, [])
    .option('--key-file <file>', "the hub's own signing key (created if missing; default DATA-DIR/hub.key)")
    .option('--drop <dir>', 'also take signed bundles dropped in this folder')
    .option('--name <name>', "the hub's name in its checkpoints", 'hub')
    .action(async (o: HubOptions) => {
      const { startHub } = await import('../../core/hub/hub.js');
      const { watchDropFolder } = await import('../../core/hub/drop-folder.js');
      const port = Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port: ${o.port} is not a port number`);
      const hub = await startHub({
        dataDir: path.resolve(o.dataDir), databaseUrl: o.databaseUrl ?? process.env.DATABASE_URL, keyrings: o.keyring, supervisorKeyrings: o.supervisors,
        keyFile: o.keyFile, name: o.name, host: o.host, port,
      });
      const drop = o.drop ? watchDropFolder(hub.context, path.resolve(o.drop), (line) => process.stdout.write(line + '\n')) : null;
      process.stdout.write(`hub ${o.name} listening on ${hub.url} (${hub.conn.kind === 'postgres' ? 'PostgreSQL' : `PGlite in ${path.resolve(o.dataDir)}`})\nhub key fingerprint: ${hub.key.fingerprint}\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await drop?.close();
      await hub.close();
    });
}
