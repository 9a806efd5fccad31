#!/usr/bin/env node
// The `proceeds` command. It runs the bundle dist/cli/proceeds.mjs (plain JavaScript: nothing to
// compile at start-up), which `npm ci` builds (the `prepare` script, scripts/build-cli.mjs); the
// first call builds it when it is missing.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/cli/proceeds.mjs', import.meta.url);
// The core finds the migrations beside db/connection.ts; bundled, that is dist/cli/: say where they are.
process.env.PROCEEDS_MIGRATIONS ??= fileURLToPath(new URL('../db/migrations', import.meta.url));
process.env.PROCEEDS_HUB_MIGRATIONS ??= fileURLToPath(new URL('../db/hub/migrations', import.meta.url));
if (!existsSync(bundle)) {
  const { buildCli } = await import('../scripts/build-cli.mjs');
  await buildCli();
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv);
