import { createHash } from 'node:crypto';
import { Transform } from 'node:stream';

/** A pass-through that hashes (SHA-256) and counts what flows through it. */
export function hashTap(): { stream: Transform; sha256: () => string; size: () => number } {
  const h = createHash('sha256');
  let size = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      h.update(chunk);
      size += chunk.length;
      cb(null, chunk);
    },
  });
  return { stream, sha256: () => h.digest('hex'), size: () => size };
}
