// What the renderer's bundle carries at run time: everything it reaches through value imports
// (type-only imports are erased and ship nothing, so this run leaves them out; the main config keeps them).
// Run by `npm run lint:layers` after .dependency-cruiser.cjs.
const base = require('./.dependency-cruiser.cjs');

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'renderer-reaches-no-db',
      comment: 'drizzle, SQLite and db/ never end up in the browser bundle, directly or through a core module.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^db/|^node_modules/(better-sqlite3|drizzle-orm)/', reachable: true },
    },
    {
      name: 'renderer-reaches-no-node',
      comment: 'No Node built-in is reachable from the renderer: the browser has none.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(node:)?(assert|buffer|child_process|crypto|dns|events|fs|fs/promises|http|https|module|net|os|path|process|readline|stream|stream/promises|string_decoder|tls|url|util|worker_threads|zlib)$', reachable: true },
    },
  ],
  options: { ...base.options, tsPreCompilationDeps: false, cache: { folder: 'node_modules/.cache/depcruise-renderer' } },
};
