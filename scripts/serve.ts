/**
 * `npm run serve`: the app in a browser. Builds the renderer, opens the database in the app data
 * directory, and serves both through the loopback web bridge with a fresh token.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Core } from '../core/core.js';
import { startBridge } from '../core/bridge/server.js';
import { defaultDbPath } from '../cli/context.js';
import { buildRenderer } from './build-renderer.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function serve(opts: { dbPath?: string; port?: number; build?: boolean } = {}) {
  if (opts.build !== false) await buildRenderer();
  const dbPath = opts.dbPath ?? process.env.PROCEEDS_DB ?? defaultDbPath();
  // The default location may be made from nothing; a path the user typed must have its folder already.
  const core = new Core({ dbPath, createFolder: !opts.dbPath && !process.env.PROCEEDS_DB });
  if (core.created) console.log(`Created a new database at ${path.resolve(dbPath)}`);
  const check = core.verifyOnOpen();
  if (!check.ok) console.log(`Note: OPENED READ-ONLY: the database failed deep verification (${check.total} finding(s)):\n${check.findings.slice(0, 20).map((f) => `  ${f}`).join('\n')}`);
  if (core.readonlyReason) console.log(`Note: ${check.ok ? core.readonlyReason : 'nothing can be changed until the findings are resolved'}`);
  // Leftovers of a killed run (stale uploads, unfetched outputs, orphaned exhibit files): cleaned, audited.
  else await core.call('maintenance.clean', {}, { trusted: true }).catch((e: Error) => console.log(`Note: start-up clean-up skipped: ${e.message}`));
  const bridge = await startBridge({ core, staticDir: path.join(root, 'dist/renderer'), port: opts.port ?? Number(process.env.PROCEEDS_PORT ?? 0) });
  console.log(`Proceeds is running at ${bridge.appUrl}`);
  console.log(`Database: ${dbPath}`);
  console.log('Open that address in a browser on this computer. Press Ctrl+C to stop.');
  const stop = async () => {
    await bridge.close();
    core.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return { core, bridge };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  await serve({ dbPath: arg('--db'), port: arg('--port') ? Number(arg('--port')) : undefined });
}
