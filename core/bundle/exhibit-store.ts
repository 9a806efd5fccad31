import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { hashTap } from '../hash/index.js';
import { exhibitPath, exhibitsDir } from '../exhibits/store.js';

/**
 * Bundles read exhibits from the Assets part's content store (core/exhibits/store.ts) on export, and
 * write into it on import. The store's own intake takes a file path; a bundle's exhibit is a stream
 * out of the zip, so this stores a stream with the same rules: temp name, hash check, read-only,
 * rename into place.
 */
export const exhibitFile = exhibitPath;

export async function storeExhibitStream(dataDir: string, expectedSha256: string, source: Readable): Promise<{ size: number; existed: boolean }> {
  const dest = exhibitPath(dataDir, expectedSha256);
  if (fs.existsSync(dest)) {
    source.resume();
    return { size: fs.statSync(dest).size, existed: true };
  }
  const tmpDir = path.join(exhibitsDir(dataDir), '.incoming');
  fs.mkdirSync(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, randomUUID());
  const tap = hashTap();
  try {
    await pipeline(source, tap.stream, fs.createWriteStream(tmp));
    const got = tap.sha256();
    if (got !== expectedSha256) throw new Error(`exhibit content hashes to ${got}, expected ${expectedSha256}`);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.chmodSync(tmp, 0o444);
    fs.renameSync(tmp, dest);
    return { size: tap.size(), existed: false };
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
