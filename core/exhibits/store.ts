import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fsyncDir, fsyncFile } from '../../db/snapshot.js';
import { encryptStream, readPlain, type FileCipher } from '../encryption/file-cipher.js';
import { hashTap } from '../hash/index.js';

/**
 * The exhibit store: files kept by the SHA-256 of their bytes under <dataDir>/exhibits, so the
 * same file attached twice is kept once and a changed byte shows as a different name. Also used
 * by the bundle export, which carries exhibits by hash.
 */

const SHA256 = /^[0-9a-f]{64}$/;

export const exhibitsDir = (dataDir: string) => path.join(dataDir, 'exhibits');

/** Two levels of fan-out keep directories small with hundreds of thousands of files. */
export function exhibitPath(dataDir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error(`not a SHA-256 hex digest: ${sha256}`);
  return path.join(exhibitsDir(dataDir), sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export interface StreamOptions {
  signal?: AbortSignal;
  /** Called as bytes go through, at most every 1 MiB read. */
  onBytes?: (bytesDone: number, bytesTotal: number) => void;
}

/** Hashes while passing the bytes on, reporting progress; never holds more than a chunk. */
function hashingStream(total: number, opts: StreamOptions) {
  const tap = hashTap(['sha256'], { onBytes: (done) => opts.onBytes?.(done, total) });
  return { stream: tap.stream, digest: tap.sha256, size: tap.size };
}

/** SHA-256 of a file's plain bytes (a stored file is decrypted on the way), streamed. */
export async function hashFile(file: string, opts: StreamOptions & { cipher?: FileCipher } = {}): Promise<{ sha256: string; size: number }> {
  const total = fs.statSync(file).size;
  const h = hashingStream(total, opts);
  await pipeline(readPlain(file, opts.cipher), h.stream, async (src: AsyncIterable<Buffer>) => {
    for await (const _ of src) void _;
  }, { signal: opts.signal });
  return { sha256: h.digest(), size: h.size() };
}

/** The plain bytes of a stored exhibit. */
export function openExhibit(dataDir: string, sha256: string, cipher: FileCipher | undefined): Readable {
  return readPlain(exhibitPath(dataDir, sha256), cipher);
}

export interface StoredExhibit {
  sha256: string;
  size: number;
  path: string;
  /** False when the same bytes were in the store already. */
  added: boolean;
}

export interface IntakeOptions extends StreamOptions {
  /** The bytes' size when known (progress). */
  total?: number;
  /** The hash the bytes must have (a bundle names it): refused otherwise, and skipped if already stored. */
  expectedSha256?: string;
  /** The file key of an encrypted database: the stored copy is encrypted with it. */
  cipher?: FileCipher;
}

/**
 * The one way bytes enter the store (attached files and bundle imports alike), hashing them in the
 * same pass as the copy. The copy goes to a temporary name first and is renamed into place, so
 * the store never holds a partial file under a real hash, even if the copy is cancelled or the
 * machine stops. Next to an encrypted database the copy is encrypted (core/encryption/file-cipher.ts);
 * the name stays the hash of the plain bytes.
 */
export async function storeExhibitFrom(dataDir: string, source: Readable, opts: IntakeOptions = {}): Promise<StoredExhibit> {
  if (opts.expectedSha256) {
    const known = exhibitPath(dataDir, opts.expectedSha256);
    if (fs.existsSync(known)) {
      source.resume();
      return { sha256: opts.expectedSha256, size: 0, path: known, added: false };
    }
  }
  const tmpDir = path.join(exhibitsDir(dataDir), '.incoming');
  fs.mkdirSync(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, randomUUID());
  const h = hashingStream(opts.total ?? 0, opts);
  try {
    const steps: NodeJS.ReadWriteStream[] = [h.stream];
    if (opts.cipher) steps.push(encryptStream(opts.cipher));
    await pipeline([source, ...steps, fs.createWriteStream(tmp)], { signal: opts.signal });
    const sha256 = h.digest();
    if (opts.expectedSha256 && sha256 !== opts.expectedSha256) throw new Error(`exhibit content hashes to ${sha256}, expected ${opts.expectedSha256}`);
    const final = exhibitPath(dataDir, sha256);
    if (fs.existsSync(final)) {
      fs.rmSync(tmp);
      return { sha256, size: h.size(), path: final, added: false };
    }
    fs.mkdirSync(path.dirname(final), { recursive: true });
    // On disk before the row that names it commits: a power cut must not leave a row without its bytes.
    fsyncFile(tmp);
    fs.chmodSync(tmp, 0o444);
    fs.renameSync(tmp, final);
    fsyncDir(path.dirname(final));
    return { sha256, size: h.size(), path: final, added: true };
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** A file the user named, into the store (see storeExhibitFrom). */
export async function storeExhibit(dataDir: string, source: string, opts: Omit<IntakeOptions, 'total'> = {}): Promise<StoredExhibit> {
  const total = fs.statSync(source).size;
  return storeExhibitFrom(dataDir, fs.createReadStream(source, { highWaterMark: 1 << 20 }), { ...opts, total });
}
