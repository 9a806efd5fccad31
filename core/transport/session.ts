import type { Core } from '../core.js';
import type { MethodName } from '../api.js';
import { serializeError } from '../errors.js';
import { parseClientMessage, type ServerMessage } from './protocol.js';

/**
 * Serves one connected client (a renderer): runs its calls on the core, streams progress,
 * honours cancel. `trusted` is false for renderers: they may not pass file paths.
 */
export class Session {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly core: Core,
    private readonly send: (m: ServerMessage) => void,
    private readonly trusted = false,
  ) {
    this.unsubscribe = core.onChanges((changes) => this.send({ type: 'changed', id: '', changes }));
  }

  private readonly unsubscribe: () => void;

  async handle(raw: unknown): Promise<void> {
    const msg = parseClientMessage(raw);
    if (!msg) return;
    if (msg.type === 'cancel') {
      this.running.get(msg.id)?.abort();
      return;
    }
    const abort = new AbortController();
    this.running.set(msg.id, abort);
    try {
      const value = await this.core.call(msg.method as MethodName, msg.input, {
        trusted: this.trusted,
        signal: abort.signal,
        onProgress: (progress) => this.send({ type: 'progress', id: msg.id, progress }),
      });
      this.send({ type: 'result', id: msg.id, ok: true, value });
    } catch (e) {
      this.send({ type: 'result', id: msg.id, ok: false, error: serializeError(e) });
    } finally {
      this.running.delete(msg.id);
    }
  }

  /** The client went away: stop its long work. */
  close(): void {
    this.unsubscribe();
    for (const a of this.running.values()) a.abort();
    this.running.clear();
  }
}
