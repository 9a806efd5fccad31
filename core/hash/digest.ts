import fs from 'node:fs';
import { createHash, type Hash } from 'node:crypto';
import { Transform } from 'node:stream';

/**
 * Streaming digests, the one place Proceeds hashes bytes as they flow: SHA-256 (manifests, content
 * addresses, records) and BLAKE2b-512 (minisign's prehashed signatures). Several algorithms are fed
 * from one pass, so a file is read once however many digests it needs.
 */

export type HashAlgorithm = 'sha256' | 'blake2b512';

export interface HashResult {
  size: number;
  /** Hex digests by algorithm name. */
  digests: Record<string, string>;
}

/** Progress for long hashes: called at most every MiB, and once at the end. */
export interface HashProgress {
  onBytes?: (bytesDone: number) => void;
  signal?: AbortSignal;
}

/** Several digests of one stream of bytes, updated together. */
/** SHA-256 of text or bytes held in memory, as hex. */
export const sha256Hex = (data: string | Buffer | Uint8Array): string => createHash('sha256').update(data).digest('hex');

export class Digests {
  private readonly hashes: Hash[];
  private bytes = 0;
  private reported = 0;

  constructor(
    private readonly algorithms: readonly HashAlgorithm[] = ['sha256'],
    private readonly progress: HashProgress = {},
  ) {
    this.hashes = algorithms.map((a) => createHash(a));
  }

  update(chunk: Buffer | Uint8Array | string): void {
    for (const h of this.hashes) h.update(chunk);
    this.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    if (this.progress.onBytes && this.bytes - this.reported >= 1 << 20) {
      this.reported = this.bytes;
      this.progress.onBytes(this.bytes);
    }
  }

  get size(): number {
    return this.bytes;
  }

  /** Ends the hashes; the first algorithm's hex digest is `hex`. */
  result(): HashResult & { hex: string } {
    if (this.progress.onBytes && this.reported !== this.bytes) this.progress.onBytes(this.bytes);
    const digests = Object.fromEntries(this.algorithms.map((a, i) => [a, this.hashes[i].digest('hex')]));
    return { size: this.bytes, digests, hex: digests[this.algorithms[0]] };
  }
}

/** A pass-through that hashes and counts what flows through it (SHA-256 unless told). */
export function hashTap(algorithms: readonly HashAlgorithm[] = ['sha256'], progress: HashProgress = {}): { stream: Transform; sha256: () => string; size: () => number; result: () => HashResult } {
  const d = new Digests(algorithms, progress);
  let done: (HashResult & { hex: string }) | null = null;
  const result = () => (done ??= d.result());
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (progress.signal?.aborted) return cb(progress.signal.reason as Error);
      d.update(chunk);
      cb(null, chunk);
    },
  });
  return { stream, sha256: () => result().digests.sha256, size: () => d.size, result };
}

/**
 * A pass-through that fails at the end when the bytes do not hash (SHA-256) to `expected`: for
 * bytes read again after they were checked, so a file changed in between is caught.
 */
export function checkedTap(expected: string, mismatch: (got: string) => Error): Transform {
  const d = new Digests(['sha256']);
  return new Transform({
    transform(chunk: Buffer, _e, cb) {
      d.update(chunk);
      cb(null, chunk);
    },
    flush(cb) {
      const got = d.result().hex;
      cb(got === expected ? null : mismatch(got));
    },
  });
}

/** Digests of everything an iterable of chunks yields (a readable stream, say). */
export async function hashStream(source: AsyncIterable<Buffer | Uint8Array>, algorithms: readonly HashAlgorithm[] = ['sha256'], progress: HashProgress = {}): Promise<HashResult & { hex: string }> {
  const d = new Digests(algorithms, progress);
  for await (const chunk of source) {
    if (progress.signal?.aborted) throw progress.signal.reason;
    d.update(chunk);
  }
  return d.result();
}

/** Digests of a file, read in 1 MiB chunks on this thread. */
export function hashFile(file: string, algorithms: readonly HashAlgorithm[] = ['sha256'], progress: HashProgress = {}): Promise<HashResult & { hex: string }> {
  return hashStream(fs.createReadStream(file, { highWaterMark: 1 << 20 }), algorithms, progress);
}
