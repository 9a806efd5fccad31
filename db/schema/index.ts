export * from './cases.js';
export * from './transactions.js';
export * from './traces.js';
export * from './assets.js';
export * from './exhibits.js';
export * from './bundles.js';
export * from './audit.js';
export * from './reconcile.js';
