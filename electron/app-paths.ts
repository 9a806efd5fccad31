import path from 'node:path';

export interface AppPaths {
  dbPath: string;
  dataDir: string;
  rendererDir: string;
  preload: string;
  coreHost: string;
  migrationsDir: string;
}

/**
 * Where everything is. The database lives where the CLI looks by default (userData, named
 * "Proceeds"), so `proceeds --db` is not needed to script against the desktop app's data.
 * Migrations are read from app.asar.unpacked in a packaged build (see electron-builder.yml).
 */
export function appPaths(opts: { bundleDir: string; appPath: string; userData: string; env: NodeJS.ProcessEnv }): AppPaths {
  const dbPath = opts.env.PROCEEDS_DB ? path.resolve(opts.env.PROCEEDS_DB) : path.join(opts.userData, 'proceeds.sqlite');
  const appRoot = opts.appPath.replace(/app\.asar$/, 'app.asar.unpacked');
  return {
    dbPath,
    // The same default as Core's: beside the database.
    dataDir: path.join(path.dirname(dbPath), 'proceeds-data'),
    rendererDir: path.join(opts.bundleDir, '..', 'renderer'),
    preload: path.join(opts.bundleDir, 'preload.cjs'),
    coreHost: path.join(opts.bundleDir, 'core-host.cjs'),
    migrationsDir: path.join(appRoot, 'db', 'migrations'),
  };
}
