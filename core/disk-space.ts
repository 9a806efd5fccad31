import fs from 'node:fs';
import path from 'node:path';
import { ProceedsError } from './errors.js';

/** Free bytes for this user on the file system holding `dir` (or its nearest existing parent). */
export function freeBytes(dir: string): number | undefined {
  let d = path.resolve(dir);
  while (!fs.existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  try {
    const s = fs.statfsSync(d);
    return s.bavail * s.bsize;
  } catch {
    return undefined;
  }
}

const mb = (n: number) => `${Math.ceil(n / (1 << 20))} MB`;

/**
 * Refuses work that would fill the disk half-way: a full disk mid-import rolls back, but only
 * after minutes, with a WAL as large as the import left behind and SQLite's "database or disk is full".
 */
export function requireFreeSpace(dir: string, needed: number, what: string): void {
  const free = freeBytes(dir);
  if (free === undefined || free >= needed) return;
  throw new ProceedsError('Invalid', `not enough free space for ${what}: about ${mb(needed)} needed in ${path.resolve(dir)}, ${mb(free)} free; nothing was changed`, [
    { path: 'file', message: 'not enough free disk space' },
  ]);
}
