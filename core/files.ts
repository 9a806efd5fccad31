import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ProceedsError, filePathsRefused } from './errors.js';
import { assertRegularFile } from './file-kind.js';
import type { Ctx } from './context.js';
import { decryptFileSync, encryptStream, isEncryptedFile, type FileCipher } from './encryption/file-cipher.js';
import { pipeline } from 'node:stream/promises';
import { workDir } from './work-dir.js';

/**
 * A file the user gave us. Renderers can only name a staged upload (the bridge or Electron main
 * staged it); a raw path is accepted only from trusted callers (CLI, Electron main).
 */
export const FileRef = z.union([
  z.object({ staged: z.string().regex(/^[0-9a-f-]{36}$/, 'not a staged file id') }),
  z.object({ path: z.string().min(1) }),
]);
export type FileRef = z.infer<typeof FileRef>;

export const stagingDir = (dataDir: string) => path.join(dataDir, 'staging');
export const outboxDir = (dataDir: string) => path.join(dataDir, 'outbox');

export interface ResolvedFile {
  path: string;
  /** The name the user knows the file by. */
  name: string;
}

/**
 * What reading a staged upload or writing an outbox file needs from the call: the file key of an
 * encrypted database (staged uploads and outputs are then encrypted at rest with it, as exhibits
 * are), and a way to run clean-up when the call ends (plain working copies never outlive it).
 */
export type FileCtx = Pick<Ctx, 'dataDir' | 'trusted' | 'fileCipher' | 'defer'>;

export function resolveFile(ctx: FileCtx, ref: FileRef): ResolvedFile {
  if ('path' in ref) {
    if (!ctx.trusted) throw filePathsRefused();
    // A device (/dev/zero never ends), a FIFO or a folder is refused by type before any read.
    assertRegularFile(ref.path);
    return { path: path.resolve(ref.path), name: path.basename(ref.path) };
  }
  const dir = path.join(stagingDir(ctx.dataDir), ref.staged);
  const meta = path.join(dir, 'meta.json');
  if (!fs.existsSync(meta)) throw new ProceedsError('NotFound', 'the uploaded file is no longer staged; choose it again', [{ path: 'file', message: 'not staged' }]);
  const { name } = JSON.parse(fs.readFileSync(meta, 'utf8')) as { name: string };
  const content = path.join(dir, 'content');
  if (!isEncryptedFile(content)) return { path: content, name };
  return { path: plainWorkingCopy(ctx, content), name };
}

/**
 * The readers of an upload (parsers, zip and SQLite) take paths: an encrypted upload is decrypted
 * into a working copy that lives only as long as the call, in memory-backed storage where the
 * system has it (work-dir.ts).
 */
function plainWorkingCopy(ctx: FileCtx, content: string): string {
  if (!ctx.fileCipher) throw new ProceedsError('Forbidden', 'the uploaded file is encrypted with a key this database does not hold; choose it again', [{ path: 'file', message: 'not readable' }]);
  if (!ctx.defer) throw new Error('resolveFile: an encrypted upload needs a call that cleans up after itself');
  const dir = path.join(workDir(ctx.dataDir), crypto.randomUUID());
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  ctx.defer(() => fs.rmSync(dir, { recursive: true, force: true }));
  const plain = path.join(dir, 'content');
  try {
    decryptFileSync(ctx.fileCipher, content, plain);
  } catch (e) {
    throw new ProceedsError('Invalid', `the uploaded file cannot be read back (${(e as Error).message}); choose it again`, [{ path: 'file', message: 'damaged' }]);
  }
  return plain;
}

/**
 * Where an output (bundle, CSV, PDF) is written: outbox/<id>/<name>; the id is what callers get back.
 * For a renderer of an encrypted database, the writer gets a working path in memory-backed storage,
 * and the finished file goes to the outbox encrypted with the database's file key when the call
 * succeeds (the transports decrypt it as they hand it over). Trusted callers (the command line) get
 * the outbox path itself: what they asked for is the plain file at that path.
 */
export function newOutput(where: string | FileCtx, name: string): { outputId: string; path: string; name: string } {
  const dataDir = typeof where === 'string' ? where : where.dataDir;
  const outputId = crypto.randomUUID();
  const dir = path.join(outboxDir(dataDir), outputId);
  fs.mkdirSync(dir, { recursive: true });
  const safe = path.basename(name);
  const final = path.join(dir, safe);
  if (typeof where === 'string' || where.trusted || !where.fileCipher || !where.defer) return { outputId, path: final, name: safe };
  const cipher = where.fileCipher;
  const work = path.join(workDir(dataDir), outputId);
  fs.mkdirSync(work, { recursive: true, mode: 0o700 });
  const plain = path.join(work, safe);
  where.defer(async (ok) => {
    try {
      // Every file the writer put beside it goes too (a bundle's .minisig shares its id).
      if (ok) for (const f of fs.readdirSync(work)) await sealInto(cipher, path.join(work, f), path.join(dir, f));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
      if (!ok) fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  return { outputId, path: plain, name: safe };
}

async function sealInto(cipher: FileCipher, plain: string, final: string): Promise<void> {
  const tmp = `${final}.${crypto.randomUUID()}.part`;
  try {
    await pipeline(fs.createReadStream(plain, { highWaterMark: 1 << 20 }), encryptStream(cipher), fs.createWriteStream(tmp, { mode: 0o600 }));
    fs.renameSync(tmp, final);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

/**
 * Removes a staged upload once the work it was staged for is done (a bundle imported): an upload
 * holds case data and must not outlive its use. Paths given by trusted callers are the user's own
 * files and are left alone.
 */
export function discardStaged(dataDir: string, ...refs: (FileRef | undefined)[]): void {
  for (const ref of refs) if (ref && 'staged' in ref) fs.rmSync(path.join(stagingDir(dataDir), ref.staged), { recursive: true, force: true });
}
