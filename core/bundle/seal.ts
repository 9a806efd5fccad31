import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { Decrypter, Encrypter } from 'age-encryption';

/**
 * Sealed bundles: the signed zip, encrypted to its named recipients in the age format
 * (age-encryption.org/v1, X25519 recipients), so Debian's `age -d -i KEY` opens one without
 * Proceeds. Signed first, then sealed: the signed statement names the recipients' keys
 * (`sealedTo`), so a recipient who re-seals the bundle to someone else cannot make it look addressed
 * to them.
 */

export const AGE_MAGIC = 'age-encryption.org/v1\n';

export function isSealed(file: string): boolean {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(AGE_MAGIC.length);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    return n === head.length && head.toString('latin1') === AGE_MAGIC;
  } finally {
    fs.closeSync(fd);
  }
}

const toWeb = (r: Readable) => Readable.toWeb(r) as unknown as ReadableStream<Uint8Array>;
const fromWeb = (r: ReadableStream<Uint8Array>) => Readable.fromWeb(r as unknown as WebReadableStream<Uint8Array>);

/** Encrypts `plain` to every recipient (age1...), streaming, into `out`. */
export async function sealFile(plain: string, out: string, recipients: string[]): Promise<void> {
  const e = new Encrypter();
  for (const r of recipients) e.addRecipient(r);
  const sealed = await e.encrypt(toWeb(fs.createReadStream(plain, { highWaterMark: 1 << 20 })));
  const partial = `${out}.partial`;
  try {
    await pipeline(fromWeb(sealed), fs.createWriteStream(partial, { mode: 0o600 }));
    fs.renameSync(partial, out);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

export type Unsealed =
  | { ok: true; file: string; recipient: string; cleanup: () => void }
  | { ok: false; code: 'sealed-not-for-us' | 'sealed-damaged'; message: string };

/**
 * Decrypts a sealed bundle with this installation's identities, one at a time (so we know which of
 * our keys it was sealed to), into a private temporary file the zip reader can seek in. The caller
 * removes it with `cleanup` once verification, review or import is done.
 */
export async function unsealToTemp(file: string, identities: { identity: string; recipient: string }[], tmpRoot: string): Promise<Unsealed> {
  if (identities.length === 0)
    return { ok: false, code: 'sealed-not-for-us', message: 'the bundle is sealed, and this installation has no encryption key to open it: it is not addressed to us' };
  for (const id of identities) {
    const d = new Decrypter();
    d.addIdentity(id.identity);
    let plain: ReadableStream<Uint8Array>;
    try {
      plain = await d.decrypt(toWeb(fs.createReadStream(file, { highWaterMark: 1 << 20 })));
    } catch (e) {
      if (/no identity matched/i.test((e as Error).message)) continue;
      return { ok: false, code: 'sealed-damaged', message: `the sealed bundle cannot be opened: ${(e as Error).message}` };
    }
    fs.mkdirSync(tmpRoot, { recursive: true, mode: 0o700 });
    const dir = fs.mkdtempSync(path.join(tmpRoot, 'unsealed-'));
    const out = path.join(dir, `${randomUUID()}.zip`);
    const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
    try {
      await pipeline(fromWeb(plain), fs.createWriteStream(out, { mode: 0o600 }));
    } catch (e) {
      cleanup();
      return { ok: false, code: 'sealed-damaged', message: `the sealed bundle is damaged: ${(e as Error).message}` };
    }
    return { ok: true, file: out, recipient: id.recipient, cleanup };
  }
  return { ok: false, code: 'sealed-not-for-us', message: 'the bundle is sealed, and none of this installation\'s keys opens it: it is not addressed to us' };
}
