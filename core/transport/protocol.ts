import type { Progress } from '../contract.js';
import type { Change } from '../change.js';
import type { SerializedError } from '../errors.js';

/**
 * The one message protocol every transport carries (WebSocket of the web bridge, MessagePort
 * between Electron main and the core's utilityProcess). Plain JSON-able objects only.
 */
export type ClientMessage =
  | { type: 'call'; id: string; method: string; input: unknown }
  | { type: 'cancel'; id: string };

export type ServerMessage =
  | { type: 'result'; id: string; ok: true; value: unknown }
  | { type: 'result'; id: string; ok: false; error: SerializedError }
  | { type: 'progress'; id: string; progress: Progress }
  /** Pushed, not asked for: what committed changes touched, so open views refresh what depends on it. */
  | { type: 'changed'; id: ''; changes: Change[] };

const CALL_ID = /^[\w-]{1,64}$/;

/** Checks the shape of an incoming message; anything else is dropped by the session. */
export function parseClientMessage(raw: unknown): ClientMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const m = raw as Record<string, unknown>;
  if (typeof m.id !== 'string' || !CALL_ID.test(m.id)) return undefined;
  if (m.type === 'call' && typeof m.method === 'string' && m.method.length <= 100) return { type: 'call', id: m.id, method: m.method, input: m.input };
  if (m.type === 'cancel') return { type: 'cancel', id: m.id };
  return undefined;
}
