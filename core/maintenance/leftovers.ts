import fs from 'node:fs';
import path from 'node:path';
import type { Sqlite } from '../../db/connection.js';
import { outboxDir, stagingDir } from '../files.js';
import { exhibitsDir } from '../exhibits/store.js';

/**
 * Files a killed process can leave behind: uploads staged for a call that never came, outputs
 * nobody fetched, half-copied exhibits, and store files whose row never committed.
 */

/** How old a leftover must be before it is cleaned: younger ones may belong to work in progress. */
export const AGES = {
  stagingMs: 24 * 3600_000,
  outboxMs: 7 * 24 * 3600_000,
  incomingMs: 3600_000,
  orphanMs: 10 * 60_000,
};

export interface Leftover {
  path: string;
  bytes: number;
  modifiedAt: string;
  /** Old enough to be cleaned now. */
  stale: boolean;
}

export interface OrphanFile extends Leftover {
  sha256: string;
}

export interface LeftoversReport {
  staging: Leftover[];
  outbox: Leftover[];
  incoming: Leftover[];
  /** Files in the exhibit store that no exhibit row points at. */
  orphans: OrphanFile[];
}

function sizeOf(p: string): number {
  const st = fs.lstatSync(p);
  if (!st.isDirectory()) return st.size;
  return fs.readdirSync(p).reduce((n, name) => n + sizeOf(path.join(p, name)), 0);
}

function entries(dir: string, maxAgeMs: number, now: number): Leftover[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).map((name) => {
    const p = path.join(dir, name);
    const st = fs.lstatSync(p);
    return { path: p, bytes: sizeOf(p), modifiedAt: st.mtime.toISOString(), stale: now - st.mtimeMs > maxAgeMs };
  });
}

/** Every file under the store's two-level fan-out, by the hash it is named after. */
export function storedFiles(dataDir: string): { sha256: string; path: string }[] {
  const root = exhibitsDir(dataDir);
  const out: { sha256: string; path: string }[] = [];
  if (!fs.existsSync(root)) return out;
  for (const a of fs.readdirSync(root)) {
    if (!/^[0-9a-f]{2}$/.test(a)) continue;
    for (const b of fs.readdirSync(path.join(root, a))) {
      if (!/^[0-9a-f]{2}$/.test(b)) continue;
      for (const name of fs.readdirSync(path.join(root, a, b))) out.push({ sha256: name, path: path.join(root, a, b, name) });
    }
  }
  return out;
}

export function findOrphans(sqlite: Sqlite, dataDir: string, now = Date.now()): OrphanFile[] {
  const known = sqlite.prepare('SELECT 1 FROM exhibits WHERE sha256 = ? LIMIT 1');
  return storedFiles(dataDir)
    .filter((f) => !known.get(f.sha256))
    .map((f) => {
      const st = fs.lstatSync(f.path);
      return { ...f, bytes: st.size, modifiedAt: st.mtime.toISOString(), stale: now - st.mtimeMs > AGES.orphanMs };
    });
}

export function findLeftovers(sqlite: Sqlite, dataDir: string, now = Date.now()): LeftoversReport {
  return {
    staging: entries(stagingDir(dataDir), AGES.stagingMs, now),
    outbox: entries(outboxDir(dataDir), AGES.outboxMs, now),
    incoming: entries(path.join(exhibitsDir(dataDir), '.incoming'), AGES.incomingMs, now),
    orphans: findOrphans(sqlite, dataDir, now),
  };
}
