import type { Api, Client, MethodName } from '../../../core/api';
import type { CallOptions, Progress } from '../../../core/contract';
import { MessageClient } from '../../../core/transport/client';
import { deserializeError, type SerializedError } from '../../../core/errors';
import type { ServerMessage } from '../../../core/transport/protocol';

/** What the Electron preload exposes on window.proceeds (one function per method, nothing else). */
interface PreloadApi {
  api: Record<string, (input: unknown, onProgress?: (p: Progress) => void, callId?: string) => Promise<unknown>>;
  /** Cancels the call started with that callId. */
  cancel?: (callId: string) => void;
  /** Opens a native file dialog in main and stages the chosen file; resolves to a FileRef or null. */
  pickFile?: (opts?: { filters?: { name: string; extensions: string[] }[] }) => Promise<{ staged: string; name: string; size: number } | null>;
  /** Asks main to save an output of the core (outbox id) where the user chooses. */
  saveOutput?: (outputId: string, suggestedName: string) => Promise<boolean>;
  /** What the core says changed, relayed by main (desktop counterpart of the WebSocket's `changed`). */
  onChanges?: (listener: (changes: Change[]) => void) => () => void;
  /** Sends a file the page holds to main, which stages it for the core (desktop counterpart of uploadFile). */
  stageFile?: (file: File, onProgress?: (sent: number, total: number) => void) => Promise<{ staged: string; name: string; size: number }>;
}

declare global {
  interface Window {
    proceeds?: PreloadApi;
  }
}

type Caller = (method: string, input: unknown, opts?: CallOptions) => Promise<unknown>;

import type { Change } from '../../../core/change';

export type { Change };
const changeListeners = new Set<(changes: Change[]) => void>();

/** What the core pushes after any committed change (ours, the CLI's, another window's). */
export function onChanges(listener: (changes: Change[]) => void): () => void {
  changeListeners.add(listener);
  return () => changeListeners.delete(listener);
}

/** The token arrives in the URL fragment (never sent to a server); keep it for reloads, drop it from the URL. */
function bridgeToken(): string {
  const m = /token=([\w-]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem('proceeds.token', m[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return m[1];
  }
  return sessionStorage.getItem('proceeds.token') ?? '';
}

let token = '';

/** A one-time ticket for a WebSocket or a download: the token itself never goes into a URL. */
async function ticketFor(path: string): Promise<string> {
  const res = await fetch('/tickets', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ path }) });
  if (!res.ok) throw new Error(`the Proceeds core refused a ticket (${res.status})`);
  return ((await res.json()) as { value: { ticket: string } }).value.ticket;
}

function webSocketCaller(): Caller {
  token = bridgeToken();
  let socket: WebSocket | undefined;
  let ready: Promise<WebSocket> | undefined;
  const client = new MessageClient((m) => {
    void connect().then((ws) => ws.send(JSON.stringify(m)));
  }, (changes) => { for (const l of changeListeners) l(changes); });
  function connect(): Promise<WebSocket> {
    if (ready && socket && socket.readyState <= WebSocket.OPEN) return ready;
    ready = ticketFor('/ws').then((ticket) => new Promise<WebSocket>((resolve, reject) => {
      const ws = new WebSocket(`ws://${window.location.host}/ws?ticket=${encodeURIComponent(ticket)}`);
      socket = ws;
      ws.onopen = () => resolve(ws);
      ws.onerror = () => reject(new Error('cannot reach the Proceeds core: is `npm run serve` still running?'));
      ws.onclose = () => client.failAll('the connection to the Proceeds core was closed');
      ws.onmessage = (ev) => client.receive(JSON.parse(String(ev.data)) as ServerMessage);
    }));
    return ready;
  }
  return (method, input, opts) => client.call(method, input, opts);
}

function preloadCaller(p: PreloadApi): Caller {
  let seq = 0;
  return (method, input, opts) => {
    const fn = p.api[method];
    if (!fn) return Promise.reject(new Error(`unknown method ${method}`));
    // Cancellation crosses the bridge as a call of its own, naming the call.
    const callId = `r${++seq}`;
    opts?.signal?.addEventListener('abort', () => p.cancel?.(callId), { once: true });
    // contextBridge hands errors over as plain {code, message, issues}: make them ProceedsErrors again.
    return fn(input, opts?.onProgress, callId).catch((e: unknown) => {
      throw e && typeof e === 'object' && 'code' in e && 'message' in e ? deserializeError(e as SerializedError) : e;
    });
  };
}

const caller: Caller = window.proceeds ? preloadCaller(window.proceeds) : webSocketCaller();
// In the desktop app the notices come over IPC from main, for as long as the page lives.
window.proceeds?.onChanges?.((changes) => { for (const l of changeListeners) l(changes); });

/** The typed client of the contract: `client['cases.create']({...})`. */
export const client = new Proxy({} as Client, {
  get: (_t, method: string) => (input: unknown, opts?: CallOptions) => caller(method, input, opts),
});


export type { Api, MethodName };

/** Sends a file the user chose in the browser to the core's staging area; returns its FileRef. */
export async function uploadFile(file: File, onProgress?: (sent: number, total: number) => void): Promise<{ staged: string; name: string; size: number }> {
  if (window.proceeds?.stageFile) return window.proceeds.stageFile(file, onProgress);
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', `/files?name=${encodeURIComponent(file.name)}`);
    xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (e) => onProgress?.(e.loaded, e.total);
    xhr.onload = () => (xhr.status === 200 ? resolve(JSON.parse(xhr.responseText)) : reject(new Error(`upload failed (${xhr.status})`)));
    xhr.onerror = () => reject(new Error('upload failed: the core is unreachable'));
    xhr.send(file);
  });
}

/** Lets the user save a file the core wrote (bundle, CSV, PDF). */
export async function downloadOutput(outputId: string, name: string): Promise<void> {
  if (window.proceeds?.saveOutput) {
    await window.proceeds.saveOutput(outputId, name);
    return;
  }
  const a = document.createElement('a');
  const p = `/outbox/${outputId}/${encodeURIComponent(name)}`;
  a.href = `${p}?ticket=${encodeURIComponent(await ticketFor(p))}`;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

export const isDesktop = () => Boolean(window.proceeds);
