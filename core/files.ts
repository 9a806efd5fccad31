import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ProceedsError, filePathsRefused } from './errors.js';
import { assertRegularFile } from './file-kind.js';
import type { Ctx } from './context.js';

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

export function resolveFile(ctx: Pick<Ctx, 'dataDir' | 'trusted'>, ref: FileRef): ResolvedFile {
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
  return { path: path.join(dir, 'content'), name };
}

/** Where an output (bundle, CSV, PDF) is written: outbox/<id>/<name>; the id is what callers get back. */
export function newOutput(dataDir: string, name: string): { outputId: string; path: string; name: string } {
  const outputId = crypto.randomUUID();
  const dir = path.join(outboxDir(dataDir), outputId);
  fs.mkdirSync(dir, { recursive: true });
  const safe = path.basename(name);
  return { outputId, path: path.join(dir, safe), name: safe };
}

/**
 * Removes a staged upload once the work it was staged for is done (a bundle imported): an upload
 * holds case data and must not outlive its use. Paths given by trusted callers are the user's own
 * files and are left alone.
 */
export function discardStaged(dataDir: string, ...refs: (FileRef | undefined)[]): void {
  for (const ref of refs) if (ref && 'staged' in ref) fs.rmSync(path.join(stagingDir(dataDir), ref.staged), { recursive: true, force: true });
}
