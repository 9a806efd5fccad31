import type { Readable } from 'node:stream';
import { exhibitPath, storeExhibitFrom } from '../exhibits/store.js';
import type { FileCipher } from '../encryption/file-cipher.js';

/**
 * Bundles read exhibits from the Assets part's content store (core/exhibits/store.ts) on export, and
 * write into it on import, through the store's one intake (hash check, temp name, read-only,
 * rename into place, encrypted beside an encrypted database).
 */
export const exhibitFile = exhibitPath;

export async function storeExhibitStream(dataDir: string, expectedSha256: string, source: Readable, cipher?: FileCipher): Promise<{ size: number; existed: boolean }> {
  const r = await storeExhibitFrom(dataDir, source, { expectedSha256, cipher });
  return { size: r.size, existed: !r.added };
}
