#!/usr/bin/env node
// Bundles the Electron side into dist/electron/: main.cjs (package.json "main"), preload.cjs
// (sandboxed: one self-contained file, `electron` its only import) and core-host.cjs (the core in
// its utilityProcess; better-sqlite3 stays a real node_modules dependency for its native binary).
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

// Electron 39 runs Node 22 and Chromium 142.
const NODE_TARGET = 'node22';
const RENDERER_TARGET = 'chrome142';

// Bundled into one CommonJS file, import.meta.url would be empty: point it at the bundle instead.
// (The core host is told where the migrations are; see electron/app-paths.ts.)
const importMetaShim = {
  banner: { js: "const __bundle_url = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__bundle_url', 'import.meta.dirname': '__dirname', 'import.meta.filename': '__filename' },
};

/** The contract's method names, read from core/api.ts, for the preload's one-function-per-method API. */
export async function contractMethodNames() {
  const { tsImport } = await import('tsx/esm/api');
  const mod = await tsImport(pathToFileURL(path.join(root, 'core/api.ts')).href, import.meta.url);
  return Object.keys(mod.api).sort();
}

/**
 * Builds the three bundles; returns their paths and esbuild's metafiles (which the tests read to
 * check what each bundle still imports at run time).
 */
export async function buildElectron({ outDir = path.join(root, 'dist/electron'), methodNames, minify = false } = {}) {
  const names = methodNames ?? (await contractMethodNames());
  const common = { bundle: true, format: 'cjs', sourcemap: 'linked', metafile: true, logLevel: 'warning', minify, absWorkingDir: root };
  const node = { ...common, platform: 'node', target: NODE_TARGET, ...importMetaShim };
  const out = (name) => path.join(outDir, name);
  const [main, preload, coreHost] = await Promise.all([
    build({ ...node, entryPoints: [path.join(root, 'electron/main.ts')], outfile: out('main.cjs'), external: ['electron'] }),
    build({
      ...common,
      entryPoints: [path.join(root, 'electron/preload.ts')],
      outfile: out('preload.cjs'),
      // A sandboxed preload can require only 'electron' and a few polyfilled modules: nothing of Node.
      platform: 'browser',
      target: RENDERER_TARGET,
      external: ['electron'],
      define: { PROCEEDS_METHOD_NAMES: JSON.stringify(names) },
    }),
    build({ ...node, entryPoints: [path.join(root, 'electron/core-host-entry.ts')], outfile: out('core-host.cjs'), external: ['electron', 'better-sqlite3'] }),
  ]);
  return {
    outDir,
    methodNames: names,
    files: { main: out('main.cjs'), preload: out('preload.cjs'), coreHost: out('core-host.cjs') },
    metafiles: { main: main.metafile, preload: preload.metafile, coreHost: coreHost.metafile },
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const result = await buildElectron({ minify: process.argv.includes('--minify') });
  console.log(`built ${Object.values(result.files).map((f) => path.relative(root, f)).join(', ')} (${result.methodNames.length} contract methods)`);
}
