import { EventEmitter } from 'node:events';
import crypto from 'node:crypto';

type PermissionRequest = (contents: unknown, permission: string, callback: (granted: boolean) => void, details?: unknown) => void;
type PermissionCheck = (contents: unknown, permission: string, origin?: string, details?: unknown) => boolean;
type BeforeRequest = (details: { url: string }, callback: (r: { cancel?: boolean }) => void) => void;
type HeadersReceived = (
  details: { url: string; responseHeaders?: Record<string, string[]> },
  callback: (r: { cancel?: boolean; responseHeaders?: Record<string, string | string[]> }) => void,
) => void;

/** A session: records the handlers main installs; helpers ask them what Chromium would ask. */
export class MockSession extends EventEmitter {
  permissionRequest?: PermissionRequest | null;
  permissionCheck?: PermissionCheck | null;
  beforeRequest?: BeforeRequest;
  headersReceived?: HeadersReceived;
  readonly webRequest = {
    onBeforeRequest: (l: BeforeRequest) => void (this.beforeRequest = l),
    onHeadersReceived: (l: HeadersReceived) => void (this.headersReceived = l),
  };
  setPermissionRequestHandler(h: PermissionRequest | null): void {
    this.permissionRequest = h;
  }
  setPermissionCheckHandler(h: PermissionCheck | null): void {
    this.permissionCheck = h;
  }
  /** What a page asking for `permission` gets: true granted, false denied, undefined if never answered. */
  requestPermission(permission: string): boolean | undefined {
    let answer: boolean | undefined;
    this.permissionRequest?.({}, permission, (granted) => (answer = granted), {});
    return answer;
  }
  /** Whether a request for `url` would go out (true) or be cancelled. */
  requestAllowed(url: string): boolean {
    let cancel: boolean | undefined;
    this.beforeRequest?.({ url }, (r) => (cancel = r.cancel));
    return cancel === false;
  }
  responseHeaders(url: string, headers: Record<string, string[]> = {}): Record<string, string | string[]> | undefined {
    let out: Record<string, string | string[]> | undefined;
    this.headersReceived?.({ url, responseHeaders: headers }, (r) => (out = r.responseHeaders));
    return out;
  }
  /** A download the page started; true if main cancelled it. */
  download(): boolean {
    let prevented = false;
    this.emit('will-download', { preventDefault: () => (prevented = true) }, {}, {});
    return prevented;
  }
}

/**
 * safeStorage stand-in. Seals with real AES-256-GCM under a per-instance key, so a test can see
 * that sealed bytes do not contain the secret; `backend` plays the Linux keyring situation.
 */
export class MockSafeStorage {
  available = true;
  backend: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' = 'gnome_libsecret';
  calls = 0;
  private readonly key = crypto.randomBytes(32);
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  getSelectedStorageBackend() {
    return this.backend;
  }
  encryptString(text: string): Buffer {
    this.calls++;
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([c.update(text, 'utf8'), c.final()]);
    return Buffer.concat([iv, c.getAuthTag(), body]);
  }
  decryptString(sealed: Buffer): string {
    this.calls++;
    const d = crypto.createDecipheriv('aes-256-gcm', this.key, sealed.subarray(0, 12));
    d.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([d.update(sealed.subarray(28)), d.final()]).toString('utf8');
  }
}
