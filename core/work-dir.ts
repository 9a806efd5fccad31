import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';

/** Memory-backed storage (tmpfs) where the system has one: plain working copies then never reach a disk. */
const RAM_ROOTS = ['/dev/shm', '/run/shm'];

function ramRoot(): string | undefined {
  for (const r of RAM_ROOTS) {
    try {
      fs.accessSync(r, fs.constants.W_OK);
      if (fs.statSync(r).isDirectory()) return r;
    } catch {
      /* not here */
    }
  }
  return undefined;
}

/**
 * Where a call keeps plain working copies of encrypted uploads and outputs while it runs (removed
 * when it ends): memory-backed storage when there is some, otherwise the data folder's tmp/work,
 * so a killed process's leftovers are found by `maintenance.clean`. One folder per data folder
 * and user, readable by that user alone.
 */
export function workDir(dataDir: string): string {
  const ram = ramRoot();
  const tag = createHash('sha256').update(path.resolve(dataDir)).digest('hex').slice(0, 16);
  const dir = ram ? path.join(ram, `proceeds-${process.getuid?.() ?? 'user'}-${tag}`) : path.join(dataDir, 'tmp', 'work');
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}
