// The layers of docs/architecture.md, checked by `npm test` (npm run lint:layers).
// A rule here is a sentence of that document a reviewer no longer has to check by eye.
/** db/ and the SQLite stack: never in the renderer's bundle (.dependency-cruiser.renderer.cjs reads it from schemas-no-db). */
const DB_STACK = '^db/|^node_modules/(better-sqlite3|drizzle-orm)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'renderer-not-db',
      comment: 'The renderer talks to the core only through the contract; db/ (drizzle, SQLite) never ships in its bundle.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^db/' },
    },
    {
      name: 'renderer-not-node',
      comment: 'The renderer runs in a browser (sandboxed Chromium or the web bridge): no Node built-ins.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-not-node-side',
      comment: 'Nor the Node-side folders that would drag Node into the browser bundle.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(cli|electron|scripts|bench)/' },
    },
    {
      name: 'core-not-ui-or-shell',
      comment: 'core/ is plain TypeScript served to every transport: no electron, no renderer, no CLI.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^(renderer|electron|cli)/|^node_modules/(electron|react|react-dom)/' },
    },
    {
      name: 'core-not-top-level-assets',
      comment: 'Top-level assets/ holds icons and build resources; code the core runs lives under core/.',
      severity: 'error',
      from: { path: '^core/' },
      to: { path: '^assets/' },
    },
    {
      name: 'schemas-no-node',
      comment: 'core/<domain>/schemas.ts is imported by the renderer: no Node built-ins, directly or through what it imports.',
      severity: 'error',
      from: { path: '^core/[^/]+/schemas\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'schemas-no-db',
      comment: 'core/<domain>/schemas.ts is imported by the renderer: no drizzle or SQLite.',
      severity: 'error',
      from: { path: '^core/[^/]+/schemas\\.ts$' },
      to: { path: DB_STACK },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes load order matter (a value read before its module ran is undefined).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    cache: { folder: 'node_modules/.cache/depcruise' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
