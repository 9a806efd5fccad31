import type { FileCipher } from '../core/encryption/file-cipher.js';
import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent } from 'electron';
import { z } from 'zod';
import type { MessageClient } from '../core/transport/client.js';
import { ProceedsError, fromZod, serializeError, type SerializedError } from '../core/errors.js';
import { CALL_ID, CHANNELS } from './channels.js';
import { PickFileOptions, SaveOutputRequest, type FileDialogs } from './files.js';
import { refusalReason, type WindowRef } from './sender.js';
import { UploadBegin, UploadChunk, UploadRef, Uploads } from './uploads.js';

/** Every IPC reply is an envelope: Error objects lose their code and field issues crossing to the page. */
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: SerializedError };

export const CallRequest = z
  .object({ id: z.string().regex(CALL_ID, 'not a call id'), method: z.string().min(1).max(100), input: z.unknown() })
  .strict();

export interface IpcDeps {
  ipcMain: IpcMain;
  window: WindowRef;
  /** The core's client for renderer calls (untrusted: the core refuses file paths from it). */
  core: () => MessageClient;
  dialogs: FileDialogs;
  /** Where uploads from the page are staged for the core. */
  dataDir: string;
  /** The file key of an encrypted database: uploads are encrypted as they are staged. */
  fileCipher?: () => FileCipher | undefined;
  warn?: (message: string) => void;
}

const failure = (e: unknown): Reply<never> => ({ ok: false, error: serializeError(e) });

/**
 * Main's IPC surface: call a contract method (and cancel it), pick a file, save an output, upload
 * a file the page holds. Each message is served only if it comes from the main frame of our
 * window showing the app (sender.ts); anything else is refused before it reaches the core.
 */
export function registerIpc(deps: IpcDeps): () => void {
  const running = new Map<string, AbortController>();
  const uploads = new Uploads(deps.dataDir, deps.fileCipher);
  const warn = deps.warn ?? ((m: string) => console.warn(m));

  function refused(event: IpcMainEvent | IpcMainInvokeEvent, channel: string): Reply<never> | undefined {
    const reason = refusalReason(event, deps.window);
    if (!reason) return undefined;
    warn(`refused ${channel}: ${reason}`);
    return failure(new ProceedsError('Forbidden', `refused: ${reason}`));
  }

  /** One invoke channel: guard the sender, parse the payload, run, answer with an envelope. */
  function serve<S extends z.ZodType>(channel: string, schema: S, run: (input: z.output<S>, event: IpcMainInvokeEvent) => Promise<unknown>): void {
    deps.ipcMain.handle(channel, async (event: IpcMainInvokeEvent, raw: unknown): Promise<Reply> => {
      const no = refused(event, channel);
      if (no) return no;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) return failure(fromZod(parsed.error));
      try {
        return { ok: true, value: await run(parsed.data, event) };
      } catch (e) {
        return failure(e);
      }
    });
  }

  serve(CHANNELS.call, CallRequest, async ({ id, method, input }, event) => {
    const key = `${event.sender.id}:${id}`;
    if (running.has(key)) throw new ProceedsError('Conflict', `call id ${id} is already running`, [{ path: 'id', message: 'in use' }]);
    const abort = new AbortController();
    running.set(key, abort);
    try {
      return await deps.core().call(method, input, {
        signal: abort.signal,
        onProgress: (p) => {
          if (!event.sender.isDestroyed()) event.sender.send(CHANNELS.progress, id, p);
        },
      });
    } finally {
      running.delete(key);
    }
  });
  serve(CHANNELS.pickFile, PickFileOptions.default({}), (opts) => deps.dialogs.pickFile(deps.window()!, opts));
  serve(CHANNELS.saveOutput, SaveOutputRequest, (r) => deps.dialogs.saveOutput(deps.window()!, r.outputId, r.suggestedName));
  serve(CHANNELS.uploadBegin, UploadBegin, (r, event) => uploads.begin(event.sender.id, r.name, r.size));
  serve(CHANNELS.uploadChunk, UploadChunk, (r, event) => uploads.chunk(event.sender.id, r.upload, r.bytes));
  serve(CHANNELS.uploadFinish, UploadRef, (r, event) => uploads.finish(event.sender.id, r.upload));
  serve(CHANNELS.uploadAbort, UploadRef, (r, event) => uploads.abort(event.sender.id, r.upload));

  const cancel = (event: IpcMainEvent, id: unknown) => {
    if (refused(event, CHANNELS.cancel) || typeof id !== 'string') return;
    running.get(`${event.sender.id}:${id}`)?.abort();
  };
  deps.ipcMain.on(CHANNELS.cancel, cancel);

  return () => {
    for (const channel of [CHANNELS.call, CHANNELS.pickFile, CHANNELS.saveOutput, CHANNELS.uploadBegin, CHANNELS.uploadChunk, CHANNELS.uploadFinish, CHANNELS.uploadAbort])
      deps.ipcMain.removeHandler(channel);
    deps.ipcMain.removeListener(CHANNELS.cancel, cancel);
    for (const a of running.values()) a.abort();
    running.clear();
    void uploads.abortAll();
  };
}
