import type { Progress } from '../core/contract.js';
import type { Change } from '../core/change.js';
import type { SerializedError } from '../core/errors.js';
import { CALL_ID, CHANNELS } from './channels.js';
import type { Reply } from './ipc.js';

/** The slice of ipcRenderer the preload uses; it never leaves this module. */
export interface PreloadIpc {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  send(channel: string, ...args: unknown[]): void;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

type OnProgress = (p: Progress) => void;
type MethodFn = (input: unknown, onProgress?: OnProgress, callId?: string) => Promise<unknown>;

/**
 * A contract error as it reaches the page: a plain object, because contextBridge strips custom
 * properties from Error objects. The renderer's client turns it back into a ProceedsError.
 */
export interface PreloadError extends SerializedError {
  name: string;
}

export interface PreloadApi {
  /** Every method of the contract, by name. */
  readonly methods: readonly string[];
  /** One function per contract method: api['cases.create'](input, onProgress?, callId?). */
  readonly api: Readonly<Record<string, MethodFn>>;
  call(method: string, input: unknown, onProgress?: OnProgress, callId?: string): Promise<unknown>;
  /** Cancels a long call started with that callId. */
  cancel(callId: string): void;
  /** Native open dialog in main; the chosen file is staged for the core. */
  pickFile(opts?: { title?: string; filters?: { name: string; extensions: string[] }[] }): Promise<{ staged: string; name: string; size: number } | null>;
  /** Native save dialog in main for a file the core wrote to its outbox. */
  saveOutput(outputId: string, suggestedName: string): Promise<boolean>;
  /** Listens for what the core says changed; returns the way to stop listening. */
  onChanges(listener: (changes: Change[]) => void): () => void;
  /** Stages a file the page holds (from <input type=file> or a drop) for the core, by its bytes. */
  stageFile(file: Blob & { name?: string }, onProgress?: (sent: number, total: number) => void): Promise<StagedFile>;
}

export interface StagedFile {
  staged: string;
  name: string;
  size: number;
}

/** The same size main expects (electron/uploads.ts), kept here so the sandboxed bundle stays small. */
const CHUNK = 1 << 20;

const preloadError = (e: SerializedError): PreloadError => ({ name: e.code, code: e.code, message: e.message, issues: e.issues ?? [] });

/** Rejects with the plain-object error the page's client expects (see PreloadError). */
function fail(e: SerializedError): never {
  // eslint-disable-next-line @typescript-eslint/only-throw-error -- contextBridge strips an Error's own properties: the page gets this plain object and rebuilds the ProceedsError
  throw preloadError(e);
}

async function unwrap<T>(reply: Promise<unknown>): Promise<T> {
  const r = (await reply) as Reply<T>;
  if (r.ok) return r.value;
  return fail(r.error);
}

/** Builds what the preload exposes as window.proceeds: the contract's client, two dialogs and file staging, nothing else. */
export function buildPreloadApi(ipc: PreloadIpc, methodNames: readonly string[]): PreloadApi {
  const known = new Set(methodNames);
  const listeners = new Map<string, OnProgress>();
  let seq = 0;
  ipc.on(CHANNELS.progress, (_event, id, progress) => {
    if (typeof id === 'string') listeners.get(id)?.(progress as Progress);
  });
  const changeListeners = new Set<(changes: Change[]) => void>();
  // One IPC listener for all: the page's subscriptions come and go without touching ipcRenderer.
  ipc.on(CHANNELS.changed, (_event, changes: unknown) => {
    const list = changeList(changes);
    if (list) for (const l of changeListeners) l(list);
  });

  async function call(method: string, input: unknown, onProgress?: OnProgress, callId?: string): Promise<unknown> {
    if (typeof method !== 'string' || !known.has(method)) fail({ code: 'NotFound', message: `unknown method "${String(method)}"`, issues: [] });
    if (callId !== undefined && (typeof callId !== 'string' || !CALL_ID.test(callId)))
      fail({ code: 'Invalid', message: 'callId: letters, digits, - and _ only (at most 64)', issues: [{ path: 'callId', message: 'malformed' }] });
    const id = callId ?? `p${++seq}`;
    if (typeof onProgress === 'function') listeners.set(id, onProgress);
    try {
      return await unwrap(ipc.invoke(CHANNELS.call, { id, method, input }));
    } finally {
      listeners.delete(id);
    }
  }

  async function stageFile(file: Blob & { name?: string }, onProgress?: (sent: number, total: number) => void): Promise<StagedFile> {
    const size = file.size;
    const { upload } = await unwrap<{ upload: string }>(ipc.invoke(CHANNELS.uploadBegin, { name: file.name || 'upload', size }));
    try {
      for (let offset = 0; offset < size; offset += CHUNK) {
        const bytes = new Uint8Array(await file.slice(offset, offset + CHUNK).arrayBuffer());
        await unwrap(ipc.invoke(CHANNELS.uploadChunk, { upload, bytes }));
        if (typeof onProgress === 'function') onProgress(Math.min(offset + CHUNK, size), size);
      }
      return await unwrap<StagedFile>(ipc.invoke(CHANNELS.uploadFinish, { upload }));
    } catch (e) {
      await ipc.invoke(CHANNELS.uploadAbort, { upload }).catch(() => undefined);
      throw e;
    }
  }

  const api: Record<string, MethodFn> = {};
  for (const m of methodNames) api[m] = (input, onProgress, callId) => call(m, input, onProgress, callId);

  return Object.freeze({
    methods: Object.freeze([...methodNames]),
    api: Object.freeze(api),
    call,
    cancel: (callId: string) => {
      if (typeof callId === 'string' && CALL_ID.test(callId)) ipc.send(CHANNELS.cancel, callId);
    },
    pickFile: (opts?: Parameters<PreloadApi['pickFile']>[0]) => unwrap<Awaited<ReturnType<PreloadApi['pickFile']>>>(ipc.invoke(CHANNELS.pickFile, opts ?? {})),
    saveOutput: (outputId: string, suggestedName: string) => unwrap<boolean>(ipc.invoke(CHANNELS.saveOutput, { outputId, suggestedName })),
    onChanges: (listener: (changes: Change[]) => void) => {
      if (typeof listener !== 'function') return () => undefined;
      changeListeners.add(listener);
      return () => void changeListeners.delete(listener);
    },
    stageFile,
  });
}

/** The notice as main sends it, copied into plain objects; anything else is ignored (no zod in the sandboxed preload). */
function changeList(raw: unknown): Change[] | undefined {
  if (!Array.isArray(raw) || raw.length > 5000) return undefined;
  const out: Change[] = [];
  for (const c of raw as unknown[]) {
    if (!c || typeof c !== 'object') return undefined;
    const { entity, caseId, ids, created, removed } = c as Record<string, unknown>;
    if (typeof entity !== 'string' || (caseId !== null && typeof caseId !== 'string')) return undefined;
    const change: Change = { entity, caseId };
    if (ids !== undefined) {
      if (!Array.isArray(ids) || ids.length > 100 || !ids.every((id) => typeof id === 'string')) return undefined;
      change.ids = [...ids];
    }
    if (created === true) change.created = true;
    if (removed === true) change.removed = true;
    out.push(change);
  }
  return out;
}
