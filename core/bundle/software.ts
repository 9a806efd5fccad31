import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Name and version of this program, for the signed statement; read once from package.json. */
export const SOFTWARE = (() => {
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), '../../package.json'), 'utf8')) as { name?: string; version?: string };
    return { name: pkg.name ?? 'proceeds', version: pkg.version ?? '0.0.0' };
  } catch {
    return { name: 'proceeds', version: '0.0.0' };
  }
})();
