import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { electronUnavailableReason, findElectron, tryStartElectron } from '../../../scripts/electron-launch.mjs';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-launch-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A checkout whose node_modules/electron is in the given state. */
function checkout(name: string, electron: 'absent' | 'no-binary' | 'binary'): string {
  const root = path.join(dir, name);
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, 'package.json'), '{"name":"x"}');
  if (electron === 'absent') return root;
  const pkg = path.join(root, 'node_modules', 'electron');
  fs.mkdirSync(pkg, { recursive: true });
  fs.writeFileSync(path.join(pkg, 'package.json'), '{"name":"electron","main":"index.js"}');
  // The real package's index.js: the path of the downloaded binary, or a throw if it never came.
  if (electron === 'no-binary') fs.writeFileSync(path.join(pkg, 'index.js'), "throw new Error('Electron failed to install correctly');");
  else {
    fs.writeFileSync(path.join(pkg, 'electron'), '');
    fs.writeFileSync(path.join(pkg, 'index.js'), "module.exports = require('path').join(__dirname, 'electron');");
  }
  return root;
}

/** A stand-in Electron binary: records how it was started, then behaves as told. */
function fakeElectron(name: string, body: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(file + '.json')}, JSON.stringify({ argv: process.argv.slice(2), env: process.env }));\n${body}\n`, { mode: 0o755 });
  return file;
}

describe('finding Electron', () => {
  it('says in one phrase why the desktop window cannot open', () => {
    expect(findElectron(checkout('absent', 'absent')).reason).toMatch(/^the optional electron package is not installed/);
    expect(findElectron(checkout('nobin', 'no-binary')).reason).toMatch(/binary was never downloaded.*cannot reach Electron's download server/);
    const root = checkout('ok', 'binary');
    expect(findElectron(root).path).toBe(path.join(root, 'node_modules/electron/electron'));
    expect(electronUnavailableReason({ root, env: {}, platform: 'linux', uid: 1000 })).toMatch(/no graphical display/);
    expect(electronUnavailableReason({ root, env: { DISPLAY: ':0' }, platform: 'linux', uid: 0 })).toMatch(/does not run as root/);
    expect(electronUnavailableReason({ root, env: { DISPLAY: ':0' }, platform: 'linux', uid: 1000 })).toBeUndefined();
    expect(electronUnavailableReason({ root, env: {}, platform: 'win32' })).toBeUndefined();
  });

  it('reports the reason instead of starting when Electron is missing', async () => {
    expect(await tryStartElectron({ root: checkout('absent2', 'absent'), env: { DISPLAY: ':0' }, build: false })).toEqual({
      started: false,
      reason: expect.stringMatching(/^the optional electron package is not installed/),
    });
  });
});

describe('starting Electron', () => {
  it('resolves once the window is up, passes the app directory, and hands back the exit code', async () => {
    const bin = fakeElectron('electron-ok', "console.log('log line'); console.log('PROCEEDS_READY'); setTimeout(() => process.exit(3), 50);");
    const exits: number[] = [];
    const sigints = process.listenerCount('SIGINT');
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const result = await tryStartElectron({ root: dir, electronPath: bin, build: false, env: { PATH: process.env.PATH, ELECTRON_RUN_AS_NODE: '1' }, onExit: (c) => exits.push(c) });
      expect(result).toEqual({ started: true });
      await vi.waitFor(() => expect(exits).toEqual([3]));
      expect(write.mock.calls.map((c) => String(c[0]))).toEqual(['log line\n']);
    } finally {
      write.mockRestore();
    }
    const seen = JSON.parse(fs.readFileSync(bin + '.json', 'utf8'));
    expect(seen.argv).toEqual([dir]);
    expect(seen.env.PROCEEDS_LAUNCHER).toBe('1');
    expect(seen.env.ELECTRON_RUN_AS_NODE).toBeUndefined();
    expect(process.listenerCount('SIGINT')).toBe(sigints);
  });

  it('falls back when Electron dies before showing its window', async () => {
    // As Electron does when a shared library it needs is missing.
    const bin = fakeElectron('electron-dies', 'process.exit(127);');
    expect(await tryStartElectron({ root: dir, electronPath: bin, build: false, env: { PATH: process.env.PATH } })).toEqual({
      started: false,
      reason: 'Electron exited (code 127) before its window opened',
    });
  });
});
