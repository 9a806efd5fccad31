import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { builtinModules } from 'node:module';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { methodNames } from '../../../core/core.js';
import { MessageClient } from '../../../core/transport/client.js';
import type { ServerMessage } from '../../../core/transport/protocol.js';
import { CHANNELS } from '../../../electron/channels.js';
import { buildElectron } from '../../../scripts/build-electron.mjs';
import { createElectronMock } from '../../electron/electron-mock.js';

// Inside the repository, so the core host bundle finds better-sqlite3 in node_modules as it will
// in the packaged app.
const outDir = path.resolve('dist', `electron-test-${process.pid}`);
let built: Awaited<ReturnType<typeof buildElectron>>;
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-bundles-'));

beforeAll(async () => {
  built = await buildElectron({ outDir, methodNames: methodNames() });
}, 120_000);
afterAll(() => {
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** What a bundle still loads at run time, by require(). */
function externals(meta: { outputs: Record<string, { imports: { path: string; external?: boolean }[] }> }, file: string): string[] {
  const out = Object.entries(meta.outputs).find(([k]) => path.resolve(k) === file)![1];
  return [...new Set(out.imports.filter((i) => i.external).map((i) => i.path))].sort();
}
const builtin = (m: string) => m.startsWith('node:') || builtinModules.includes(m);

describe('the Electron bundles', () => {
  it('leave only Electron and Node built-ins to main, only Electron to the preload, and better-sqlite3 to the core', () => {
    expect(externals(built.metafiles.main, built.files.main).filter((m) => !builtin(m))).toEqual(['electron']);
    expect(externals(built.metafiles.preload, built.files.preload)).toEqual(['electron']);
    expect(externals(built.metafiles.coreHost, built.files.coreHost).filter((m) => !builtin(m))).toEqual(['better-sqlite3']);
    expect(fs.readFileSync(built.files.main, 'utf8')).not.toMatch(/require\(["']better-sqlite3["']\)/);
  });

  it('the preload, run the way a sandboxed preload runs, exposes one function per contract method', async () => {
    const mock = createElectronMock();
    const required: string[] = [];
    const sandbox = {
      module: { exports: {} },
      require: (id: string) => {
        required.push(id);
        if (id === 'electron') return mock;
        throw new Error(`a sandboxed preload cannot require ${id}`);
      },
    };
    vm.runInNewContext(`(function (module, exports, require) {${fs.readFileSync(built.files.preload, 'utf8')}\n})(module, module.exports, require)`, sandbox);
    expect(required).toEqual(['electron']);
    const exposed = mock.state.exposed.proceeds;
    expect(Object.keys(exposed.api).sort()).toEqual([...methodNames()].sort());
    const sent: unknown[] = [];
    mock.ipcRenderer.target = { invoke: async (channel, args) => (sent.push([channel, ...args]), { ok: true, value: [] }), send: () => {} };
    expect(await exposed.api['cases.list']({})).toEqual([]);
    expect(sent).toEqual([[CHANNELS.call, { id: 'p1', method: 'cases.list', input: {} }]]);
  });

  it('the core host, run with a parent port, opens the database and serves calls over a transferred port', async () => {
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       const adapt = (p) => ({ on: (ev, fn) => ev === 'message' ? p.on('message', (data) => fn({ data, ports: [] })) : p.on(ev, fn),
         postMessage: (m) => p.postMessage(m), start: () => p.start(), close: () => p.close() });
       process.parentPort = { on: (ev, fn) => parentPort.on(ev, (m) => fn({ data: m.data, ports: (m.ports || []).map(adapt) })), postMessage: (m) => parentPort.postMessage(m) };
       require(workerData.entry);`,
      { eval: true, workerData: { entry: built.files.coreHost } },
    );
    const fromHost: unknown[] = [];
    const readyOrFatal = new Promise((resolve) => worker.on('message', (m) => (fromHost.push(m), resolve(m))));
    worker.postMessage({ data: { type: 'init', init: { dbPath: path.join(tmp, 'p.sqlite'), dataDir: path.join(tmp, 'data'), migrationsDir: path.resolve('db/migrations') } } });
    expect(await readyOrFatal).toEqual({ type: 'ready' });
    const { port1, port2 } = new MessageChannel();
    worker.postMessage({ data: { type: 'connect', trusted: false }, ports: [port2] }, [port2]);
    const client = new MessageClient((m) => port1.postMessage(m));
    port1.on('message', (m: ServerMessage) => client.receive(m));
    await client.call('cases.create', { number: 'TF-B1', title: 'From the bundle' });
    expect(((await client.call('cases.list', {})) as { number: string }[]).map((c) => c.number)).toEqual(['TF-B1']);
    const exited = new Promise((resolve) => worker.on('exit', resolve));
    worker.postMessage({ data: { type: 'shutdown' } });
    expect(await exited).toBe(0);
    port1.close();
  });
});
