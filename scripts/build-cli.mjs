#!/usr/bin/env node
// Bundles the `proceeds` command into dist/cli/proceeds.mjs: one ES module of our own code, so a
// call starts without compiling TypeScript (tsx) and without resolving hundreds of source files.
// Packages stay in node_modules (better-sqlite3 is native; pdfkit reads its fonts beside itself).
// Run by `npm ci`/`npm install` (the `prepare` script), by vitest's global setup when a source is
// newer than the bundle, and by cli/proceeds.mjs itself when the bundle is missing.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const CLI_BUNDLE = path.join(root, 'dist/cli/proceeds.mjs');
/** The folders whose sources end up in the bundle. */
const SOURCES = ['cli', 'core', 'db/schema', 'db'].map((d) => path.join(root, d));

export async function buildCli({ outfile = CLI_BUNDLE } = {}) {
  fs.rmSync(path.join(path.dirname(outfile), 'chunks'), { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, 'cli/main.ts')],
    outdir: path.dirname(outfile),
    entryNames: path.basename(outfile, '.mjs'),
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    // Dynamic imports become chunks loaded when first used (the core behind `--help` is never loaded).
    splitting: true,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // iconv-lite and mime-types: large tables their own CommonJS loads lazily or as JSON, cheaper than parsing them bundled.
    // exceljs: its dependencies call the deprecated Buffer(); Node warns about that only for code outside
    // node_modules, so bundled it would print a DeprecationWarning on the CLI's stderr.
    // @electric-sql/pglite loads its WebAssembly and data files from beside itself; pg is the hub's driver.
    external: ['better-sqlite3', 'pdfkit', 'iconv-lite', 'mime-types', 'exceljs', '@electric-sql/pglite', 'pg'],
    sourcemap: 'linked',
    logLevel: 'warning',
    minify: true,
    // Bundled CommonJS packages call require() for Node built-ins: give the module one.
    banner: { js: "import { createRequire as __proceedsRequire } from 'node:module'; const require = __proceedsRequire(import.meta.url);" },
    // Our sources find files beside themselves (db/migrations, package.json) through import.meta.url,
    // which in the bundle points at dist/cli/: cli/proceeds.mjs tells the core where they are.
  });
  return outfile;
}

/** Newest modification time among the bundle's sources (and this script). */
function newestSource() {
  let newest = fs.statSync(fileURLToPath(import.meta.url)).mtimeMs;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name === 'migrations') continue;
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(ts|mjs|js|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
    }
  };
  for (const d of SOURCES) if (fs.existsSync(d)) walk(d);
  return newest;
}

/** Builds the bundle when it is missing or older than a source; returns whether it built. */
export async function ensureCli({ outfile = CLI_BUNDLE } = {}) {
  const built = fs.existsSync(outfile) ? fs.statSync(outfile).mtimeMs : 0;
  if (built >= newestSource()) return false;
  await buildCli({ outfile });
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const t = performance.now();
  await buildCli();
  console.log(`built ${path.relative(root, CLI_BUNDLE)} in ${Math.round(performance.now() - t)} ms`);
}
