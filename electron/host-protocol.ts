import type { SerializedError } from '../core/errors.js';

/**
 * Messages between Electron main and the core's utilityProcess over its parent port.
 * Contract calls do not travel here: each client gets its own MessagePort (see core-host.ts).
 */
export interface HostInit {
  dbPath: string;
  dataDir: string;
  /** Where drizzle's migrations are, when the bundle cannot find them beside itself (asar). */
  migrationsDir?: string;
  /** Whether main's OS keychain (safeStorage) can protect signing keys; absent: no keychain at all. */
  keychain?: { available: boolean; reason?: string };
  /** The database key (hex), unsealed by main's OS keychain (core/encryption/desktop-key.ts); absent: a plain database. */
  dbKey?: string;
}

export type SecretOp = 'protect' | 'unprotect';

export type MainToHost =
  | { type: 'init'; init: HostInit }
  /** Carries one MessagePort; `trusted` is true only for main's own calls, never for a renderer. */
  | { type: 'connect'; trusted: boolean }
  /** For protect: the sealed blob; for unprotect: the secret, base64. */
  | { type: 'secret-result'; id: number; ok: true; data: string }
  | { type: 'secret-result'; id: number; ok: false; error: SerializedError }
  | { type: 'shutdown' };

export type HostToMain =
  /** `filesKey`: the file key of an encrypted database (hex), for staging uploads and saving outputs in main. */
  | { type: 'ready'; filesKey?: string }
  | { type: 'fatal'; message: string }
  /** The core asks main to seal a secret (base64) or open a sealed blob with the OS keychain. */
  | { type: 'secret'; id: number; op: SecretOp; data: string };

/** The structural subset of Electron's MessagePortMain / ParentPort both sides rely on. */
export interface PortMessage {
  data: unknown;
  ports?: HostPort[];
}

export interface HostPort {
  on(event: 'message', listener: (e: PortMessage) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  postMessage(message: unknown): void;
  start(): void;
  close(): void;
}

export interface ParentPortLike {
  on(event: 'message', listener: (e: PortMessage) => void): unknown;
  postMessage(message: unknown): void;
}
