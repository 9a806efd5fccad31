import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Dialog } from 'electron';
import { z } from 'zod';
import { newId } from '../core/ids.js';
import { outboxDir, stagingDir } from '../core/files.js';
import { ProceedsError } from '../core/errors.js';
import { displayFileName } from '../core/file-name-text.js';
import { pipeline } from 'node:stream/promises';
import { encryptStream, readPlain, type FileCipher } from '../core/encryption/file-cipher.js';

/** What the renderer may ask of the open dialog: a title and file-type filters, nothing else. */
export const PickFileOptions = z
  .object({
    title: z.string().max(200).optional(),
    filters: z
      .array(z.object({ name: z.string().min(1).max(100), extensions: z.array(z.string().regex(/^(\*|[\w-]{1,16})$/, 'an extension without a dot, or *')).min(1).max(20) }))
      .max(10)
      .optional(),
  })
  .strict();
export type PickFileOptions = z.infer<typeof PickFileOptions>;

export const SaveOutputRequest = z
  .object({
    outputId: z.string().regex(/^[0-9a-f-]{36}$/, 'not an output id'),
    suggestedName: z.string().min(1).max(255),
  })
  .strict();

export interface StagedFile {
  staged: string;
  name: string;
  size: number;
}

/**
 * Copies a file the user chose into the core's staging area, in the layout core/files.ts reads
 * (staging/<id>/content + meta.json). A copy, not a link: the evidence the core reads cannot
 * change under it if the original is edited later. Reflinks make it cheap where the disk can.
 */
export async function stageLocalFile(dataDir: string, source: string, cipher?: FileCipher): Promise<StagedFile> {
  const id = newId();
  const dir = path.join(stagingDir(dataDir), id);
  await fs.promises.mkdir(dir, { recursive: true });
  const name = displayFileName(path.basename(source), 'file');
  const content = path.join(dir, 'content');
  // An encrypted database's staging area holds only encrypted copies (core/encryption/file-cipher.ts).
  if (cipher) await pipeline(fs.createReadStream(source, { highWaterMark: 1 << 20 }), encryptStream(cipher), fs.createWriteStream(content, { flags: 'wx', mode: 0o600 }));
  else await fs.promises.copyFile(source, content, fs.constants.COPYFILE_FICLONE);
  await fs.promises.writeFile(path.join(dir, 'meta.json'), JSON.stringify({ name }));
  const { size } = await fs.promises.stat(cipher ? source : content);
  return { staged: id, name, size };
}

/**
 * The file the core wrote for an output id: outbox/<id>/<name> (see newOutput in core/files.ts).
 * An export writes two files under one id (the bundle and its .minisig): `name` picks one.
 */
export function outputFile(dataDir: string, outputId: string, name?: string): string {
  const gone = () => new ProceedsError('NotFound', 'that output is no longer available; export it again', [{ path: 'outputId', message: 'not found' }]);
  if (!/^[0-9a-f-]{36}$/.test(outputId)) throw gone();
  const dir = path.join(outboxDir(dataDir), outputId);
  const entries = fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
  const wanted = name !== undefined ? path.basename(name) : undefined;
  if (wanted && entries.includes(wanted)) return path.join(dir, wanted);
  if (entries.length !== 1) throw gone();
  return path.join(dir, entries[0]);
}

/** Outbox folders older than this are case data nobody came back for: removed before each save. */
export const OUTBOX_STALE_MS = 24 * 3600_000;

/** Removes outbox folders older than OUTBOX_STALE_MS (an output never saved, or one half saved). */
export function sweepOutbox(dataDir: string, now = Date.now()): number {
  const root = outboxDir(dataDir);
  if (!fs.existsSync(root)) return 0;
  let removed = 0;
  for (const d of fs.readdirSync(root)) {
    const p = path.join(root, d);
    if (now - fs.statSync(p).mtimeMs > OUTBOX_STALE_MS) {
      fs.rmSync(p, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}

/** A saved output leaves the outbox (plaintext case data must not linger), its folder once empty. */
function discardOutput(file: string): void {
  fs.rmSync(file, { force: true });
  const dir = path.dirname(file);
  if (fs.existsSync(dir) && fs.readdirSync(dir).length === 0) fs.rmSync(dir, { recursive: true, force: true });
}

export interface FileDialogs {
  pickFile(win: BrowserWindow, opts: PickFileOptions): Promise<StagedFile | null>;
  saveOutput(win: BrowserWindow, outputId: string, suggestedName: string): Promise<boolean>;
}

/** `cipher`: the file key of an encrypted database (from the core once it is open): staged copies are encrypted, outputs decrypted as they are saved. */
export function fileDialogs(dialog: Dialog, dataDir: string, downloadsDir: () => string, cipher: () => FileCipher | undefined = () => undefined): FileDialogs {
  sweepOutbox(dataDir);
  return {
    async pickFile(win, opts) {
      const result = await dialog.showOpenDialog(win, { title: opts.title, filters: opts.filters, properties: ['openFile'] });
      if (result.canceled || result.filePaths.length === 0) return null;
      return stageLocalFile(dataDir, result.filePaths[0], cipher());
    },
    async saveOutput(win, outputId, suggestedName) {
      sweepOutbox(dataDir);
      const source = outputFile(dataDir, outputId, suggestedName);
      const name = path.basename(suggestedName) || path.basename(source);
      const result = await dialog.showSaveDialog(win, { defaultPath: path.join(downloadsDir(), name), properties: ['showOverwriteConfirmation', 'createDirectory'] });
      // Cancelled: kept, so the user can save it after all (the sweep removes it a day later).
      if (result.canceled || !result.filePath) return false;
      await pipeline(readPlain(source, cipher()), fs.createWriteStream(result.filePath));
      discardOutput(source);
      return true;
    },
  };
}
