import { Command, CommanderError } from 'commander';
import { CliContext, errorText, type CommandNeeds } from './context.js';
import { registerCaseCommands } from './commands/cases.js';
import { registerAuditCommands, registerBackupCommand } from './commands/audit.js';
import { registerDemoCommands } from './commands/demo.js';
import { registerImportCommands } from './commands/import.js';
import { registerTraceCommands } from './commands/trace.js';
import { registerAssetCommands } from './commands/assets.js';
import { registerTotalsCommand } from './commands/totals.js';
import { registerKeyCommands } from './commands/keys.js';
import { registerKeyringCommands } from './commands/keyring.js';
import { registerBundleCommands } from './commands/bundle.js';
import { registerProfileCommands } from './commands/profile.js';
import { registerRestoreCommand } from './commands/restore.js';
import { registerDbCommands } from './commands/db.js';
import { registerDoctorCommand } from './commands/doctor.js';
import { registerInterchangeCommands } from './commands/interchange.js';
import { registerExportCommand } from './commands/export.js';
import { registerHubCommand } from './commands/hub.js';

/** Builds the `proceeds` program; each domain registers its own commands. */
export function buildProgram(cli: (needs?: CommandNeeds) => CliContext): Command {
  const program = new Command('proceeds')
    .description('Proceeds: follow the money in asset-forfeiture cases')
    .option('--db <path>', 'database file (default: the app data directory)')
    .option('--json', 'machine-readable output on stdout; errors on stderr')
    .option('--create', 'create the database if it does not exist (case create, demo and bundle import do so anyway)')
    .option('--wait <seconds>', 'how long to wait while another process writes to the database (default 600)')
    .option('--passphrase-fd <n>', 'read the database passphrase from this file descriptor (or set PROCEEDS_PASSPHRASE_FILE; on a terminal it is asked for)')
    .exitOverride()
    .showHelpAfterError();
  registerCaseCommands(program, cli);
  registerAuditCommands(program, cli);
  registerBackupCommand(program, cli);
  registerDemoCommands(program, cli);
  registerImportCommands(program, cli);
  registerTraceCommands(program, cli);
  registerAssetCommands(program, cli);
  registerTotalsCommand(program, cli);
  registerKeyCommands(program, cli);
  registerKeyringCommands(program, cli);
  registerBundleCommands(program, cli);
  registerProfileCommands(program, cli);
  registerRestoreCommand(program, cli);
  registerDbCommands(program, cli);
  registerDoctorCommand(program, cli);
  registerInterchangeCommands(program, cli);
  registerExportCommand(program, cli);
  registerHubCommand(program);
  return program;
}

/** Runs the CLI; returns the exit code (0 ok, 1 failure, 2 usage). */
export async function main(argv: string[]): Promise<number> {
  let ctx: CliContext | undefined;
  const program = buildProgram((needs) => {
    ctx ??= new CliContext(program.opts());
    if (needs?.creates) ctx.mayCreate = true;
    if (needs?.profile) ctx.aboutProfile = true;
    return ctx;
  });
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    const { text, json } = errorText(e);
    process.stderr.write((program.opts().json ? JSON.stringify(json) : text) + '\n');
    return 1;
  } finally {
    ctx?.close();
  }
}
