import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Protocol } from 'electron';
import { APP_SCHEME_PRIVILEGES, appFileFor, registerAppProtocol } from '../../../electron/app-protocol.js';
import { DESKTOP_CSP } from '../../../electron/security.js';
import { createElectronMock } from '../../electron/electron-mock.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'proceeds-protocol-'));
const root = path.join(dir, 'renderer');
fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Proceeds</title>');
fs.writeFileSync(path.join(root, 'assets', 'index-1a2b.js'), 'console.log("app")');
fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside the renderer');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const mock = createElectronMock();
registerAppProtocol(mock.protocol as unknown as Protocol, root);

describe('the proceeds:// scheme', () => {
  it('is a standard, secure scheme (a real origin for the IPC guard and CSP)', () => {
    expect(APP_SCHEME_PRIVILEGES.scheme).toBe('proceeds');
    expect(APP_SCHEME_PRIVILEGES.privileges).toMatchObject({ standard: true, secure: true });
  });

  it('serves the built renderer with its content type and the CSP header', async () => {
    const page = await mock.fetchScheme('proceeds://app/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toBe(DESKTOP_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Proceeds</title>');
    const script = await mock.fetchScheme('proceeds://app/assets/index-1a2b.js');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(await script.text()).toBe('console.log("app")');
  });

  it('answers the single-page routes with index.html and missing assets with 404', async () => {
    expect(await (await mock.fetchScheme('proceeds://app/cases/019a-case')).text()).toContain('<title>Proceeds</title>');
    expect((await mock.fetchScheme('proceeds://app/assets/missing.js')).status).toBe(404);
    expect((await mock.fetchScheme('proceeds://app/index.html', 'POST')).status).toBe(405);
  });

  it('never serves a file outside the renderer directory', async () => {
    for (const url of ['proceeds://app/../secret.txt', 'proceeds://app/%2e%2e/secret.txt', 'proceeds://app/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 'proceeds://app/..%5csecret.txt', 'proceeds://other/index.html']) {
      const res = await mock.fetchScheme(url);
      expect(await res.text(), url).not.toContain('outside the renderer');
    }
    expect(appFileFor(root, 'proceeds://app/%2e%2e%2fsecret.txt')).not.toBe(path.join(dir, 'secret.txt'));
    expect(appFileFor(root, 'proceeds://other/index.html')).toBeUndefined();
    expect(appFileFor(root, 'proceeds://app/a%00.js')).toBeUndefined();
  });
});
