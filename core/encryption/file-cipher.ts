import fs from 'node:fs';
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { Readable, Transform, type TransformCallback } from 'node:stream';

/**
 * Files beside an encrypted database (the exhibit store) are encrypted too: AES-256-GCM in
 * chunks, so a file of any size streams through in constant memory and every chunk is
 * authenticated before a byte of it is used.
 *
 *   header  = "PRCDENC1" (8) | salt (16) | chunk size (4, big-endian)
 *   chunk i = AES-256-GCM(key, nonce = 8 zero bytes | i (4, big-endian), aad = header | final flag)
 *             ciphertext | tag (16)
 *
 * The key of each file is HKDF-SHA256(file key, salt, "proceeds file v1"): a fresh key per file,
 * so counter nonces never repeat under one key. The final flag makes a file cut at a chunk
 * boundary fail instead of reading as a shorter file. The file key is random and kept inside the
 * encrypted database (settings "files.key"): a rekey changes how the database is encrypted, and
 * with it who can reach the file key, without rewriting every exhibit.
 */

export const MAGIC = Buffer.from('PRCDENC1', 'latin1');
const HEADER_BYTES = 8 + 16 + 4;
const TAG_BYTES = 16;
export const CHUNK_BYTES = 64 * 1024;

export interface FileCipher {
  /** The 32-byte file key. */
  readonly key: Buffer;
}

function fileKey(master: Buffer, salt: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', master, salt, 'proceeds file v1', 32));
}

function nonce(i: number): Buffer {
  const n = Buffer.alloc(12);
  n.writeUInt32BE(i, 8);
  return n;
}

function seal(key: Buffer, header: Buffer, i: number, final: boolean, plain: Buffer): Buffer {
  const c = createCipheriv('aes-256-gcm', key, nonce(i));
  c.setAAD(Buffer.concat([header, Buffer.from([final ? 1 : 0])]));
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

function open(key: Buffer, header: Buffer, i: number, final: boolean, sealed: Buffer): Buffer {
  if (sealed.length < TAG_BYTES) throw damaged();
  const d = createDecipheriv('aes-256-gcm', key, nonce(i));
  d.setAAD(Buffer.concat([header, Buffer.from([final ? 1 : 0])]));
  d.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([d.update(sealed.subarray(0, sealed.length - TAG_BYTES)), d.final()]);
  } catch {
    throw damaged();
  }
}

const damaged = () => new Error('an encrypted file does not authenticate: it was changed, cut short, or belongs to another database key');

/** Encrypts what goes through it. */
export function encryptStream(cipher: FileCipher, chunkBytes = CHUNK_BYTES): Transform {
  const header = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(header, 0);
  const salt = randomBytes(16);
  salt.copy(header, 8);
  header.writeUInt32BE(chunkBytes, 24);
  const key = fileKey(cipher.key, salt);
  let pending: Buffer = Buffer.alloc(0);
  let i = 0;
  let started = false;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      if (!started) {
        started = true;
        this.push(header);
      }
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      // The last chunk is only known at the end: keep at least one byte back until then.
      while (pending.length > chunkBytes) {
        this.push(seal(key, header, i++, false, pending.subarray(0, chunkBytes)));
        pending = pending.subarray(chunkBytes);
      }
      cb();
    },
    flush(cb: TransformCallback) {
      if (!started) this.push(header);
      this.push(seal(key, header, i, true, pending));
      cb();
    },
  });
}

/** Decrypts what goes through it; fails on a changed, cut or foreign file. */
export function decryptStream(cipher: FileCipher): Transform {
  let header: Buffer | undefined;
  let key: Buffer | undefined;
  let sealedBytes = 0;
  let pending: Buffer = Buffer.alloc(0);
  let i = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, cb: TransformCallback) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      try {
        if (!header) {
          if (pending.length < HEADER_BYTES) return cb();
          header = Buffer.from(pending.subarray(0, HEADER_BYTES));
          if (!header.subarray(0, 8).equals(MAGIC)) throw new Error('not an encrypted Proceeds file');
          const chunkBytes = header.readUInt32BE(24);
          if (chunkBytes < 1 || chunkBytes > 1 << 24) throw damaged();
          sealedBytes = chunkBytes + TAG_BYTES;
          key = fileKey(cipher.key, header.subarray(8, 24));
          pending = pending.subarray(HEADER_BYTES);
        }
        while (pending.length > sealedBytes) {
          this.push(open(key!, header, i++, false, pending.subarray(0, sealedBytes)));
          pending = pending.subarray(sealedBytes);
        }
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
    flush(cb: TransformCallback) {
      try {
        if (!header || !key) throw damaged();
        this.push(open(key, header, i, true, pending));
        cb();
      } catch (e) {
        cb(e as Error);
      }
    },
  });
}

/** Whether a file starts as an encrypted Proceeds file. */
export function isEncryptedFile(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(8);
    return fs.readSync(fd, b, 0, 8, 0) === 8 && b.equals(MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The plain bytes of a stored file, encrypted or not (a store filled before the database was
 * encrypted may hold both while `db encrypt` converts it).
 */
export function readPlain(file: string, cipher: FileCipher | undefined): Readable {
  const raw = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  if (!isEncryptedFile(file)) return raw;
  if (!cipher) {
    raw.destroy();
    throw new Error(`${file} is encrypted and the database it belongs to is not open with its key`);
  }
  const out = decryptStream(cipher);
  raw.on('error', (e) => out.destroy(e));
  return raw.pipe(out);
}

/** The size of the plain content of an encrypted file, from its size and header alone. */
export function plainSize(file: string): number {
  const fd = fs.openSync(file, 'r');
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    if (fs.readSync(fd, header, 0, HEADER_BYTES, 0) !== HEADER_BYTES || !header.subarray(0, 8).equals(MAGIC)) throw new Error('not an encrypted Proceeds file');
    const body = fs.fstatSync(fd).size - HEADER_BYTES;
    const chunks = Math.max(1, Math.ceil(body / (header.readUInt32BE(24) + TAG_BYTES)));
    return body - chunks * TAG_BYTES;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Decrypts `src` into `dst` synchronously, chunk by chunk (constant memory): for callers that must
 * hand a plain path to a reader that takes only paths, and cannot wait (core/files.ts).
 */
export function decryptFileSync(cipher: FileCipher, src: string, dst: string): void {
  const fd = fs.openSync(src, 'r');
  const out = fs.openSync(dst, 'wx', 0o600);
  try {
    const header = Buffer.alloc(HEADER_BYTES);
    if (fs.readSync(fd, header, 0, HEADER_BYTES, 0) !== HEADER_BYTES || !header.subarray(0, 8).equals(MAGIC)) throw new Error('not an encrypted Proceeds file');
    const chunkBytes = header.readUInt32BE(24);
    if (chunkBytes < 1 || chunkBytes > 1 << 24) throw damaged();
    const sealedBytes = chunkBytes + TAG_BYTES;
    const key = fileKey(cipher.key, header.subarray(8, 24));
    const body = fs.fstatSync(fd).size - HEADER_BYTES;
    const chunks = Math.max(1, Math.ceil(body / sealedBytes));
    const buf = Buffer.alloc(sealedBytes);
    for (let i = 0; i < chunks; i++) {
      const n = fs.readSync(fd, buf, 0, sealedBytes, HEADER_BYTES + i * sealedBytes);
      fs.writeSync(out, open(key, header, i, i === chunks - 1, buf.subarray(0, n)));
    }
  } finally {
    fs.closeSync(fd);
    fs.closeSync(out);
  }
}
