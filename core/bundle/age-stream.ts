import { createCipheriv, createDecipheriv, createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/**
 * The payload of an age v1 file (age-encryption.org/v1, the C2SP age spec), on Node's own
 * primitives: a 16-byte nonce, then the STREAM construction: 64 KiB chunks, each sealed with
 * ChaCha20-Poly1305 under HKDF-SHA256(file key, salt = nonce, info = "payload"), the chunk's nonce
 * an 11-byte big-endian counter and a last-chunk flag. OpenSSL's ChaCha20 runs about 15x faster than
 * the pure-JS one in `age-encryption`, which still writes and reads the header (seal.ts).
 */

export const CHUNK = 64 * 1024;
const TAG = 16;
const SEALED_CHUNK = CHUNK + TAG;
export const PAYLOAD_NONCE = 16;

export class AgePayloadError extends Error {}

// A KeyObject made once: createCipheriv would otherwise import the raw key again for every 64 KiB chunk.
const payloadKey = (fileKey: Uint8Array, nonce: Uint8Array) => createSecretKey(Buffer.from(hkdfSync('sha256', fileKey, nonce, 'payload', 32)));

function chunkNonce(counter: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUInt32BE(Math.floor(counter / 2 ** 32), 3);
  n.writeUInt32BE(counter >>> 0, 7);
  n[11] = last ? 1 : 0;
  return n;
}

/** Bytes queued between writes, taken off the front in fixed sizes without copying when they lie in one chunk. */
class Queue {
  private parts: Buffer[] = [];
  length = 0;

  push(b: Buffer): void {
    if (b.length === 0) return;
    this.parts.push(b);
    this.length += b.length;
  }

  /** The first `n` bytes, as one or more slices. */
  take(n: number): Buffer[] {
    const out: Buffer[] = [];
    while (n > 0) {
      const head = this.parts[0];
      if (head.length <= n) {
        out.push(head);
        this.parts.shift();
        n -= head.length;
        this.length -= head.length;
      } else {
        out.push(head.subarray(0, n));
        this.parts[0] = head.subarray(n);
        this.length -= n;
        n = 0;
      }
    }
    return out;
  }
}

/**
 * Encrypts a stream into an age payload, writing `header` (already MAC'd, for the same file key)
 * first. A chunk is sealed only once the next byte is seen, since the last one carries the flag;
 * a payload whose length is a multiple of 64 KiB ends with a full last chunk, an empty one only
 * when there is no plaintext at all.
 */
export class AgeEncryptStream extends Transform {
  private readonly key: KeyObject;
  private readonly nonce = randomBytes(PAYLOAD_NONCE);
  private readonly queue = new Queue();
  private counter = 0;
  private started = false;

  constructor(
    private readonly header: Buffer,
    fileKey: Uint8Array,
  ) {
    super();
    this.key = payloadKey(fileKey, this.nonce);
  }

  /** Sealed chunks gathered for one push: a push per 64 KiB chunk and tag meant a write (and a thread hand-off) each. */
  private out: Buffer[] = [];

  private seal(parts: Buffer[], last: boolean): void {
    const c = createCipheriv('chacha20-poly1305', this.key, chunkNonce(this.counter++, last), { authTagLength: TAG });
    for (const p of parts) this.out.push(c.update(p));
    c.final();
    this.out.push(c.getAuthTag());
  }

  private flushOut(): void {
    if (this.out.length) this.push(this.out.length === 1 ? this.out[0] : Buffer.concat(this.out));
    this.out = [];
  }

  private start(): void {
    if (this.started) return;
    this.started = true;
    this.push(Buffer.concat([this.header, this.nonce]));
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    this.start();
    this.queue.push(chunk);
    while (this.queue.length > CHUNK) this.seal(this.queue.take(CHUNK), false);
    this.flushOut();
    cb();
  }

  override _flush(cb: TransformCallback): void {
    this.start();
    this.seal(this.queue.take(this.queue.length), true);
    this.flushOut();
    cb();
  }
}

/**
 * Decrypts an age payload (from its 16-byte nonce on), refusing a damaged, reordered or truncated
 * stream: every chunk but the last must be full and authenticate with its counter and a clear last
 * flag; the last must authenticate with the flag set; an empty last chunk only when it is the only
 * one. Plaintext is passed on only after its chunk authenticated.
 */
export class AgeDecryptStream extends Transform {
  private key: KeyObject | null = null;
  private readonly queue = new Queue();
  private counter = 0;

  constructor(private readonly fileKey: Uint8Array) {
    super();
  }

  private open(parts: Buffer[], last: boolean): void {
    const sealed = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    const d = createDecipheriv('chacha20-poly1305', this.key!, chunkNonce(this.counter, last), { authTagLength: TAG });
    d.setAuthTag(sealed.subarray(sealed.length - TAG));
    const plain = d.update(sealed.subarray(0, sealed.length - TAG));
    try {
      d.final();
    } catch {
      throw new AgePayloadError(
        last
          ? `chunk ${this.counter + 1} (the last) does not authenticate: the payload is damaged or truncated`
          : `chunk ${this.counter + 1} does not authenticate: the payload is damaged or its chunks reordered`,
      );
    }
    this.counter++;
    this.out.push(plain);
  }

  /** Plaintext of the chunks opened from one input chunk, passed on together (one write, not sixteen). */
  private out: Buffer[] = [];

  private flushOut(): void {
    if (this.out.length) this.push(this.out.length === 1 ? this.out[0] : Buffer.concat(this.out));
    this.out = [];
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: TransformCallback): void {
    try {
      this.queue.push(chunk);
      if (!this.key) {
        if (this.queue.length < PAYLOAD_NONCE) return cb();
        this.key = payloadKey(this.fileKey, Buffer.concat(this.queue.take(PAYLOAD_NONCE)));
      }
      while (this.queue.length > SEALED_CHUNK) this.open(this.queue.take(SEALED_CHUNK), false);
      this.flushOut();
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }

  override _flush(cb: TransformCallback): void {
    try {
      if (!this.key) throw new AgePayloadError('the payload is cut off before its nonce');
      const rest = this.queue.length;
      if (rest < TAG) throw new AgePayloadError(rest === 0 && this.counter > 0 ? 'the payload is truncated (its last chunk is missing)' : 'the payload is truncated (a chunk is cut short)');
      if (rest === TAG && this.counter > 0) throw new AgePayloadError('the payload ends with an empty chunk after full ones (not allowed by age)');
      this.open(this.queue.take(rest), true);
      this.flushOut();
      cb();
    } catch (e) {
      cb(e as Error);
    }
  }
}
