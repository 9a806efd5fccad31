import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { newId } from '../core/ids.js';
import { stagingDir } from '../core/files.js';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { ProceedsError, invalid } from '../core/errors.js';
import { encryptStream, type FileCipher } from '../core/encryption/file-cipher.js';
import type { StagedFile } from './files.js';
import { displayFileName } from '../core/file-name-text.js';

/** Big enough to keep IPC overhead small, small enough not to hold much in memory at once. */
export const UPLOAD_CHUNK = 1 << 20;
const MAX_UPLOAD = 64 * 1024 ** 3;
const uploadId = z.string().regex(/^[0-9a-f-]{36}$/, 'not an upload id');

export const UploadBegin = z.object({ name: z.string().min(1).max(255), size: z.number().int().min(0).max(MAX_UPLOAD) }).strict();
export const UploadChunk = z
  .object({ upload: uploadId, bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= 4 * UPLOAD_CHUNK, 'chunk too large') })
  .strict();
export const UploadRef = z.object({ upload: uploadId }).strict();

interface OpenUpload {
  owner: number;
  dir: string;
  /** Where the bytes go in: the file itself, or the cipher in front of it (an encrypted database). */
  sink: Writable;
  file: fs.WriteStream;
  name: string;
  size: number;
  received: number;
  /** Chunks are written one after the other even if two arrive together. */
  queue: Promise<unknown>;
}

/**
 * Files the page chose itself (an <input type=file>, a drop) reach the core as bytes, never as a
 * path: the page sends them in chunks and main writes them to the staging area, exactly as the web
 * bridge does with an HTTP upload. A renderer can thus hand over only what the user gave it.
 */
export class Uploads {
  private readonly open = new Map<string, OpenUpload>();

  /** `cipher`: the file key of an encrypted database; uploads are then encrypted before they touch the disk. */
  constructor(
    private readonly dataDir: string,
    private readonly cipher: () => FileCipher | undefined = () => undefined,
  ) {}

  async begin(owner: number, name: string, size: number): Promise<{ upload: string }> {
    const id = newId();
    const dir = path.join(stagingDir(this.dataDir), id);
    await fs.promises.mkdir(dir, { recursive: true });
    const file = fs.createWriteStream(path.join(dir, 'content'), { flags: 'wx', mode: 0o600 });
    const cipher = this.cipher();
    const sink = cipher ? encryptStream(cipher) : file;
    if (cipher) sink.pipe(file);
    // Errors surface through finish/abort; an unhandled 'error' would take main down.
    sink.on('error', () => undefined);
    file.on('error', () => undefined);
    const safeName = displayFileName(path.basename(name), 'upload');
    this.open.set(id, { owner, dir, sink, file, name: safeName, size, received: 0, queue: Promise.resolve() });
    return { upload: id };
  }

  async chunk(owner: number, upload: string, bytes: Uint8Array): Promise<{ received: number }> {
    const u = this.get(owner, upload);
    const run = u.queue.then(async () => {
      if (u.received + bytes.byteLength > u.size) {
        await this.abort(owner, upload);
        throw invalid('bytes', `more bytes than the ${u.size} announced`);
      }
      u.received += bytes.byteLength;
      if (!u.sink.write(Buffer.from(bytes))) await once(u.sink, 'drain');
      return { received: u.received };
    });
    u.queue = run.catch(() => undefined);
    return run;
  }

  async finish(owner: number, upload: string): Promise<StagedFile> {
    const u = this.get(owner, upload);
    await u.queue;
    if (u.received !== u.size) {
      await this.abort(owner, upload);
      throw invalid('bytes', `received ${u.received} of ${u.size} bytes; choose the file again`);
    }
    u.sink.end();
    await finished(u.file);
    const fd = await fs.promises.open(path.join(u.dir, 'content'), 'r');
    await fd.sync();
    await fd.close();
    await fs.promises.writeFile(path.join(u.dir, 'meta.json'), JSON.stringify({ name: u.name }));
    this.open.delete(upload);
    return { staged: upload, name: u.name, size: u.size };
  }

  async abort(owner: number, upload: string): Promise<void> {
    const u = this.open.get(upload);
    if (!u || u.owner !== owner) return;
    this.open.delete(upload);
    u.sink.destroy();
    u.file.destroy();
    await fs.promises.rm(u.dir, { recursive: true, force: true });
  }

  /** The page went away: drop what it left half sent. */
  async abortAll(owner?: number): Promise<void> {
    for (const [id, u] of [...this.open]) if (owner === undefined || u.owner === owner) await this.abort(u.owner, id);
  }

  private get(owner: number, upload: string): OpenUpload {
    const u = this.open.get(upload);
    // Another page's upload is as unknown as a finished one.
    if (!u || u.owner !== owner) throw new ProceedsError('NotFound', 'that upload is not in progress; choose the file again', [{ path: 'upload', message: 'not found' }]);
    return u;
  }
}
