// What the renderer's bundle carries at run time: everything it reaches through value imports
// (type-only imports are erased and ship nothing, so this run leaves them out; the main config keeps them).
// Run by `npm run lint:layers` after .dependency-cruiser.cjs.
const { builtinModules } = require('node:module');
const base = require('./.dependency-cruiser.cjs');
const DB_STACK = base.forbidden.find((r) => r.name === 'schemas-no-db').to.path;

/** Every Node built-in, as Node itself lists them (a rule with `reachable` cannot test dependency types). */
const NODE_BUILTINS = `^(node:)?(${builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})$`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'renderer-reaches-no-db',
      comment: 'drizzle, SQLite and db/ never end up in the browser bundle, directly or through a core module.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: DB_STACK, reachable: true },
    },
    {
      name: 'renderer-reaches-no-node',
      comment: 'No Node built-in is reachable from the renderer: the browser has none.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: NODE_BUILTINS, reachable: true },
    },
  ],
  options: { ...base.options, tsPreCompilationDeps: false, cache: { folder: 'node_modules/.cache/depcruise-renderer' } },
};
