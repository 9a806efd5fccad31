/**
 * How an installation's secret signing key is protected at rest. Passphrase protection is built in
 * (secret-key.ts). The OS keychain is pluggable: the Electron host registers a protector backed by
 * `safeStorage` (main process), the web bridge and the CLI register none and use a passphrase.
 */
export interface SecretProtector {
  kind: 'safeStorage';
  /** Whether it can be used here; `reason` says why not, in words a person can act on. */
  status(): { available: boolean; reason?: string };
  protect(secret: Buffer): Promise<string>;
  unprotect(blob: string): Promise<Buffer>;
}

let registered: SecretProtector | undefined;

/** Called once by the host at start-up (Electron); pass undefined to unregister (tests). */
export function registerSecretProtector(p: SecretProtector | undefined): void {
  registered = p;
}

export const secretProtector = (): SecretProtector | undefined => registered;

/** The subset of Electron's `safeStorage` this needs, so core never imports electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  getSelectedStorageBackend?(): string;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

/**
 * A protector over Electron's safeStorage. On Linux without a secret service, safeStorage falls back
 * to a hard-coded key ("basic_text"): that is plain text in disguise, so it is refused and the user
 * is asked for a passphrase instead.
 */
export function safeStorageProtector(ss: SafeStorageLike, platform: string = process.platform): SecretProtector {
  return {
    kind: 'safeStorage',
    status() {
      if (!ss.isEncryptionAvailable()) return { available: false, reason: 'the OS keychain is not available; protect the key with a passphrase' };
      const backend = platform === 'linux' ? ss.getSelectedStorageBackend?.() : undefined;
      if (platform === 'linux' && (backend === undefined || backend === 'basic_text' || backend === 'unknown'))
        return { available: false, reason: 'no OS keychain (secret service) on this Linux desktop; protect the key with a passphrase' };
      return { available: true };
    },
    protect(secret) {
      const s = this.status();
      if (!s.available) return Promise.reject(new Error(s.reason));
      return Promise.resolve(ss.encryptString(secret.toString('base64')).toString('base64'));
    },
    unprotect(blob) {
      return Promise.resolve(Buffer.from(ss.decryptString(Buffer.from(blob, 'base64')), 'base64'));
    },
  };
}
