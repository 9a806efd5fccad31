import type { FileCipher } from '../core/encryption/file-cipher.js';
import type { MessagePortMain, UtilityProcess } from 'electron';
import { MessageClient } from '../core/transport/client.js';
import type { ServerMessage } from '../core/transport/protocol.js';
import { serializeError } from '../core/errors.js';
import type { HostInit, HostToMain, MainToHost } from './host-protocol.js';
import type { SecretProtector } from '../core/keys/protection.js';

export interface CoreProcessDeps {
  utilityProcess: { fork(modulePath: string, args?: string[], options?: { serviceName?: string; stdio?: 'inherit' | 'pipe' | 'ignore' }): UtilityProcess };
  MessageChannelMain: new () => { port1: MessagePortMain; port2: MessagePortMain };
  /** dist/electron/core-host.cjs */
  entry: string;
  init: HostInit;
  /** safeStorage in main (core/keys/protection.ts); its status travels to the core at start. */
  keychain?: SecretProtector;
  /** What the core pushes after each committed change (ours, the CLI's): main relays it to the windows. */
  onChanges?: (changes: unknown) => void;
  /** The core stopped without being asked to (crash, out of memory). */
  onUnexpectedExit?: (code: number) => void;
}

/**
 * Main's handle on the core's utilityProcess: starts it, hands it one MessagePort per client and
 * relays the core's keychain requests to safeStorage. Renderer calls go through `renderer`
 * (untrusted: no file paths); main's own calls through `trusted`.
 */
export class CoreProcess {
  private child?: UtilityProcess;
  private stopping = false;
  private clients?: { renderer: MessageClient; trusted: MessageClient };

  /** The file key of an encrypted database, as the core said when it opened it. */
  private filesKey?: FileCipher;

  constructor(private readonly deps: CoreProcessDeps) {}

  /** For main's staging of uploads and saving of outputs (electron/uploads.ts, files.ts). */
  get fileCipher(): FileCipher | undefined {
    return this.filesKey;
  }

  get renderer(): MessageClient {
    if (!this.clients) throw new Error('the core is not running');
    return this.clients.renderer;
  }

  get trusted(): MessageClient {
    if (!this.clients) throw new Error('the core is not running');
    return this.clients.trusted;
  }

  /** Starts (or restarts) the core; resolves once its database is open. */
  start(): Promise<void> {
    this.stopping = false;
    const child = this.deps.utilityProcess.fork(this.deps.entry, [], { serviceName: 'Proceeds core', stdio: 'inherit' });
    this.child = child;
    // Change notices from the renderer's connection only: the trusted one would deliver each twice.
    this.clients = { renderer: this.connect(child, false, this.deps.onChanges), trusted: this.connect(child, true) };
    const clients = this.clients;
    return new Promise((resolve, reject) => {
      let settled = false;
      child.on('message', (m: HostToMain) => {
        if (m?.type === 'ready' && !settled) {
          settled = true;
          this.filesKey = m.filesKey ? { key: Buffer.from(m.filesKey, 'hex') } : undefined;
          resolve();
        } else if (m?.type === 'fatal' && !settled) {
          settled = true;
          reject(new Error(`the Proceeds core could not open its database: ${m.message}`));
        } else if (m?.type === 'secret') void this.answerSecret(child, m);
      });
      child.on('exit', (code: number) => {
        const why = this.stopping ? 'the Proceeds core was stopped' : `the Proceeds core stopped unexpectedly (exit code ${code})`;
        clients.renderer.failAll(why);
        clients.trusted.failAll(why);
        if (this.child === child) this.child = undefined;
        if (!settled) {
          settled = true;
          reject(new Error(why));
        } else if (!this.stopping) this.deps.onUnexpectedExit?.(code);
      });
      this.post(child, { type: 'init', init: { ...this.deps.init, keychain: this.deps.keychain?.status() } });
    });
  }

  /** Asks the core to close its database cleanly; kills it if it does not exit in time. */
  stop(timeoutMs = 5000): Promise<void> {
    const child = this.child;
    if (!child) return Promise.resolve();
    this.stopping = true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        child.kill();
        resolve();
      }, timeoutMs);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      this.post(child, { type: 'shutdown' });
    });
  }

  private connect(child: UtilityProcess, trusted: boolean, onChanges?: (changes: unknown) => void): MessageClient {
    const { port1, port2 } = new this.deps.MessageChannelMain();
    const client = new MessageClient((m) => port1.postMessage(m), onChanges);
    port1.on('message', (e) => client.receive(e.data as ServerMessage));
    port1.start();
    child.postMessage({ type: 'connect', trusted } satisfies MainToHost, [port2]);
    return client;
  }

  private async answerSecret(child: UtilityProcess, m: Extract<HostToMain, { type: 'secret' }>): Promise<void> {
    try {
      const keychain = this.deps.keychain;
      if (!keychain) throw new Error('no OS keychain in this process');
      const data = m.op === 'protect' ? await keychain.protect(Buffer.from(m.data, 'base64')) : (await keychain.unprotect(m.data)).toString('base64');
      this.post(child, { type: 'secret-result', id: m.id, ok: true, data });
    } catch (e) {
      this.post(child, { type: 'secret-result', id: m.id, ok: false, error: serializeError(e) });
    }
  }

  private post(child: UtilityProcess, m: MainToHost): void {
    child.postMessage(m);
  }
}
