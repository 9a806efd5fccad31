import { deserializeError } from '../core/errors.js';
import type { SecretProtector } from '../core/keys/protection.js';
import type { HostInit, HostToMain, MainToHost, ParentPortLike, SecretOp } from './host-protocol.js';

/**
 * The OS keychain as the core sees it in its utilityProcess. Electron's safeStorage exists only in
 * main, so sealing and opening go to main over the parent port (see CoreProcess.answerSecret);
 * whether the keychain is usable is known from start-up, so status() can answer at once.
 */
export class HostSecrets implements SecretProtector {
  readonly kind = 'safeStorage' as const;
  private seq = 0;
  private readonly pending = new Map<number, { resolve: (data: string) => void; reject: (e: Error) => void }>();

  constructor(
    private readonly parent: ParentPortLike,
    private readonly keychain: NonNullable<HostInit['keychain']>,
  ) {}

  status(): { available: boolean; reason?: string } {
    return this.keychain;
  }

  async protect(secret: Buffer): Promise<string> {
    return this.request('protect', secret.toString('base64'));
  }

  async unprotect(blob: string): Promise<Buffer> {
    return Buffer.from(await this.request('unprotect', blob), 'base64');
  }

  /** Feeds a secret-result from main; returns false for any other message. */
  receive(m: MainToHost): boolean {
    if (m.type !== 'secret-result') return false;
    const p = this.pending.get(m.id);
    if (!p) return true;
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m.data);
    else p.reject(deserializeError(m.error));
    return true;
  }

  private request(op: SecretOp, data: string): Promise<string> {
    const id = ++this.seq;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.parent.postMessage({ type: 'secret', id, op, data } satisfies HostToMain);
    });
  }
}
