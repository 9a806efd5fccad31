import type { CallOptions, Progress } from '../contract.js';
import type { Change } from '../change.js';
import { deserializeError } from '../errors.js';
import type { ClientMessage, ServerMessage } from './protocol.js';

/**
 * The caller's side of the protocol, independent of the wire: give it a way to send and feed it
 * what arrives. Used by the renderer over WebSocket and by Electron main towards the core.
 */
export class MessageClient {
  private seq = 0;
  private readonly pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void; onProgress?: (p: Progress) => void }>();

  constructor(
    private readonly send: (m: ClientMessage) => void,
    /** Pushed change notices (no call of ours asked for them). */
    private readonly onChanged?: (changes: Change[]) => void,
  ) {}

  call(method: string, input: unknown, opts: CallOptions = {}): Promise<unknown> {
    const id = `c${++this.seq}-${Date.now().toString(36)}`;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, onProgress: opts.onProgress });
      opts.signal?.addEventListener('abort', () => this.send({ type: 'cancel', id }), { once: true });
      this.send({ type: 'call', id, method, input });
    });
  }

  receive(m: ServerMessage): void {
    if (m.type === 'changed') return this.onChanged?.(m.changes);
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') return p.onProgress?.(m.progress);
    this.pending.delete(m.id);
    if (m.ok) p.resolve(m.value);
    else p.reject(deserializeError(m.error));
  }

  /** The connection dropped: fail everything in flight. */
  failAll(message: string): void {
    for (const p of this.pending.values()) p.reject(new Error(message));
    this.pending.clear();
  }
}
