import { describe, expect, it } from 'vitest';
import type { Session, WebContents } from 'electron';
import { DESKTOP_CSP, hardenContents, hardenSession, isAllowedRequest, isAppUrl, mainWindowOptions } from '../../../electron/security.js';
import { MockSession, MockWebContents } from '../../electron/electron-mock.js';

const directives = (csp: string) => new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));

describe('the window', () => {
  it('isolates the page from Node and from the preload', () => {
    const web = mainWindowOptions('/app/dist/electron/preload.cjs').webPreferences!;
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.spellcheck).toBe(false);
    expect(web.preload).toBe('/app/dist/electron/preload.cjs');
  });
});

describe('the Content-Security-Policy', () => {
  const csp = directives(DESKTOP_CSP);

  it('allows only the app itself, and no eval or inline script', () => {
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    for (const none of ['object-src', 'frame-src', 'child-src', 'base-uri', 'form-action', 'frame-ancestors'])
      expect(csp.get(none), none).toEqual(["'none'"]);
  });

  it('names no remote host, wildcard or scheme that reaches the network', () => {
    for (const [name, values] of csp)
      for (const v of values) expect(v, `${name} ${v}`).toMatch(/^('self'|'none'|'unsafe-inline'|data:|blob:)$/);
    expect(csp.get('style-src')).toContain("'unsafe-inline'");
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  });
});

describe('the session', () => {
  const session = new MockSession();
  hardenSession(session as unknown as Session);

  it('denies every permission a page can ask for', () => {
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'display-capture', 'midiSysex', 'fileSystem', 'unknown'])
      expect(session.requestPermission(p), p).toBe(false);
    expect(session.permissionCheck?.({}, 'media')).toBe(false);
    expect(session.permissionCheck?.({}, 'clipboard-read')).toBe(false);
  });

  it('lets no request leave the app', () => {
    expect(session.requestAllowed('proceeds://app/index.html')).toBe(true);
    expect(session.requestAllowed('proceeds://app/assets/index-3f2a.js')).toBe(true);
    expect(session.requestAllowed('data:image/png;base64,iVBORw0KGgo=')).toBe(true);
    for (const url of ['https://example.com/x.js', 'http://127.0.0.1:8080/api', 'ws://127.0.0.1:5000/ws', 'file:///etc/passwd', 'proceeds://evil/index.html', 'ftp://example.com/'])
      expect(session.requestAllowed(url), url).toBe(false);
  });

  it('puts the CSP on every response and cancels downloads the page starts', () => {
    const headers = session.responseHeaders('proceeds://app/index.html', { 'content-type': ['text/html'] });
    expect(headers?.['Content-Security-Policy']).toEqual([DESKTOP_CSP]);
    expect(headers?.['content-type']).toEqual(['text/html']);
    expect(session.download()).toBe(true);
  });
});

describe('the page', () => {
  const contents = new MockWebContents('proceeds://app/index.html');
  hardenContents(contents as unknown as WebContents);

  it('cannot navigate away from the app', () => {
    for (const kind of ['will-navigate', 'will-frame-navigate', 'will-redirect'] as const) {
      expect(contents.navigate(kind, 'https://example.com/phish'), kind).toBe(true);
      expect(contents.navigate(kind, 'file:///home/user/.ssh/id_ed25519'), kind).toBe(true);
      expect(contents.navigate(kind, 'proceeds://app.evil.com/'), kind).toBe(true);
      expect(contents.navigate(kind, 'proceeds://app/index.html#/cases/1'), kind).toBe(false);
    }
  });

  it('opens no new window and attaches no webview', () => {
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    expect(contents.windowOpenHandler?.({ url: 'proceeds://app/index.html' })).toEqual({ action: 'deny' });
    expect(contents.attachWebview()).toBe(true);
  });
});

describe('app URLs', () => {
  it('are the proceeds://app origin and nothing that looks like it', () => {
    expect(isAppUrl('proceeds://app/')).toBe(true);
    expect(isAppUrl('proceeds://app/index.html?x=1#/a')).toBe(true);
    expect(isAppUrl('proceeds://user:pw@app/')).toBe(false);
    expect(isAppUrl('proceeds://app.example.com/')).toBe(false);
    expect(isAppUrl('https://app/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
    expect(isAllowedRequest('javascript:alert(1)')).toBe(false);
  });
});
