import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// electron-builder's own configuration loader and schema validator (the checks `electron-builder`
// runs first); packaging itself needs Electron's download server, which these machines cannot reach.
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config.js';

const quiet = { add() {}, isEnabled: false } as never;
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));

describe('electron-builder.yml', () => {
  it('passes electron-builder validation, which does reject a bad key', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    await expect(validateConfiguration(config, quiet)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, linux: { ...config.linux, notAnOption: 1 } as never }, quiet)).rejects.toThrow(/Invalid configuration/);
  });

  it('targets AppImage and deb, NSIS, dmg, and packs what the app loads', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    // getConfig normalises the list into file sets.
    const files = ([] as unknown[]).concat(config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : ((f as { filter?: string[] }).filter ?? [])));
    expect(files).toEqual(expect.arrayContaining(['package.json', 'dist/electron/**/*', 'dist/renderer/**/*', 'db/migrations/**/*']));
    expect(config.asarUnpack).toEqual(expect.arrayContaining(['**/node_modules/better-sqlite3/**/*', 'db/migrations/**/*']));
    expect(pkg.main).toBe('dist/electron/main.cjs');
    expect(pkg.optionalDependencies.electron).toBeDefined();
  });

  it('burns the fuses that would let the packaged binary run arbitrary code', async () => {
    const config = await getConfig(process.cwd(), 'electron-builder.yml', null);
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      onlyLoadAppFromAsar: true,
      enableEmbeddedAsarIntegrityValidation: true,
    });
  });

  it('unpacks migrations where the core host is told to find them', async () => {
    const { appPaths } = await import('../../../electron/app-paths.js');
    const resources = path.join('/opt', 'Proceeds', 'resources');
    const paths = appPaths({ bundleDir: path.join(resources, 'app.asar', 'dist', 'electron'), appPath: path.join(resources, 'app.asar'), userData: '/home/u/.config/Proceeds', env: {} });
    expect(paths.migrationsDir).toBe(path.join(resources, 'app.asar.unpacked', 'db', 'migrations'));
    expect(paths.rendererDir).toBe(path.join(resources, 'app.asar', 'dist', 'renderer'));
    expect(paths.dbPath).toBe('/home/u/.config/Proceeds/proceeds.sqlite');
  });
});
