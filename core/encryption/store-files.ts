import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pipeline } from 'node:stream/promises';
import { exhibitsDir } from '../exhibits/store.js';
import { fsyncDir, fsyncFile } from '../../db/snapshot.js';
import { encryptStream, isEncryptedFile, type FileCipher } from './file-cipher.js';

const STORED = /^[0-9a-f]{64}$/;

/**
 * Encrypts the plain files of the exhibit store in place (a database just encrypted): each through
 * a temporary name and a rename, so a stop half-way leaves some files encrypted and some plain,
 * both readable, and running it again finishes the job. Returns how many were encrypted.
 */
export async function encryptStoreFiles(dataDir: string, cipher: FileCipher): Promise<number> {
  let n = 0;
  for (const file of storedFiles(exhibitsDir(dataDir))) {
    if (isEncryptedFile(file)) continue;
    const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${randomUUID()}`);
    try {
      await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), encryptStream(cipher), fs.createWriteStream(tmp));
      fsyncFile(tmp);
      fs.chmodSync(tmp, 0o444);
      fs.renameSync(tmp, file);
      fsyncDir(path.dirname(file));
      n++;
    } finally {
      fs.rmSync(tmp, { force: true });
    }
  }
  return n;
}

/** Files named by their hash under the store's two levels of fan-out. */
function* storedFiles(root: string): Generator<string> {
  if (!fs.existsSync(root)) return;
  for (const a of fs.readdirSync(root)) {
    if (!/^[0-9a-f]{2}$/.test(a)) continue;
    for (const b of fs.readdirSync(path.join(root, a))) {
      if (!/^[0-9a-f]{2}$/.test(b)) continue;
      for (const f of fs.readdirSync(path.join(root, a, b))) if (STORED.test(f)) yield path.join(root, a, b, f);
    }
  }
}
