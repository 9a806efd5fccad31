import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Builds the renderer bundle into dist/renderer (about a second). */
export async function buildRenderer(): Promise<string> {
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
  return path.join(root, 'dist/renderer');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await buildRenderer();
