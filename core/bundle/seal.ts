import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Decrypter, Encrypter, Stanza, type Identity } from 'age-encryption';
import { AgeDecryptStream, AgeEncryptStream, PAYLOAD_NONCE } from './age-stream.js';
import { StreamHasher, type HashAlgorithm, type HashResult } from '../hash/index.js';

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

/** One recipient of a sealed bundle: its age key, and the agency it belongs to (when known). */
export interface SealTarget {
  agency?: string;
  ageRecipient: string;
}

/**
 * A header stanza naming one recipient (`-> proceeds-sealed-to age1... ` + the agency's name as its
 * body), beside the X25519 stanzas. An X25519 stanza does not say whom it is for, so without these a
 * bundle sealed to others could only be called "not for us"; with them the receiver learns for whom
 * it is. age ignores stanza types it does not know (Debian's `age -d` opens the file all the same).
 * Before decryption the labels are only a claim; once opened, the header MAC covers them, and the
 * signed statement's `sealedTo` is what counts.
 */
export const LABEL_STANZA = 'proceeds-sealed-to';

/**
 * The age header for `targets` and the file key it wraps. `age-encryption` writes the header (X25519
 * stanzas, labels, MAC); the file key reaches us through the Recipient interface it hands every
 * recipient, here the one that adds the labels. The library's own payload for an empty input is
 * dropped: the header ends at the MAC line, and our payload follows it (age-stream.ts).
 */
async function ageHeader(targets: SealTarget[]): Promise<{ header: Buffer; fileKey: Uint8Array }> {
  let fileKey: Uint8Array | null = null;
  const e = new Encrypter();
  for (const r of targets) e.addRecipient(r.ageRecipient);
  e.addRecipient({
    wrapFileKey: (key: Uint8Array) => {
      fileKey = Uint8Array.from(key);
      return targets.map((t) => new Stanza([LABEL_STANZA, t.ageRecipient], new TextEncoder().encode(t.agency ?? '')));
    },
  });
  const whole = Buffer.from(await e.encrypt(new Uint8Array(0)));
  const end = headerEnd(whole);
  if (!fileKey || end !== whole.length - PAYLOAD_NONCE - 16) throw new Error('age-encryption wrote an unexpected header');
  return { header: whole.subarray(0, end), fileKey };
}

/** Where an age header ends: just after its MAC line (`--- ` + MAC), or -1 when `buf` does not hold it all. */
function headerEnd(buf: Buffer): number {
  const mac = buf.indexOf('\n---');
  if (mac < 0) return -1;
  const nl = buf.indexOf(0x0a, mac + 1);
  return nl < 0 ? -1 : nl + 1;
}

/** A stream that seals what is written to it for `targets` (their X25519 keys and labels), in the age format. */
export async function sealingStream(targets: SealTarget[]): Promise<Transform> {
  const { header, fileKey } = await ageHeader(targets);
  return new AgeEncryptStream(header, fileKey);
}

/** Encrypts `plain` to every recipient (age1...), streaming, into `out`, with a label stanza for each. */
export async function sealFile(plain: string, out: string, recipients: (string | SealTarget)[]): Promise<void> {
  const targets = recipients.map((r) => (typeof r === 'string' ? { ageRecipient: r } : r));
  const sealing = await sealingStream(targets);
  const partial = `${out}.partial`;
  // As the plain export does: `--out new-folder/case.zip` makes the folder.
  fs.mkdirSync(path.dirname(out), { recursive: true });
  try {
    await pipeline(fs.createReadStream(plain, { highWaterMark: 1 << 20 }), sealing, fs.createWriteStream(partial, { mode: 0o600 }));
    fs.renameSync(partial, out);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw err;
  }
}

/** An age header is a few hundred bytes per recipient; more than this is not a bundle of ours. */
const MAX_HEADER = 1 << 20;

/** The header of an age file (up to and including its MAC line), or null when none ends within MAX_HEADER. */
function readHeader(file: string): Buffer | null {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(Math.min(MAX_HEADER, fs.fstatSync(fd).size));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const end = headerEnd(buf.subarray(0, n));
    return end < 0 ? null : buf.subarray(0, end);
  } finally {
    fs.closeSync(fd);
  }
}

export type Unsealed =
  | { ok: true; file: string; recipient: string; cleanup: () => void; digests: HashResult | null }
  | { ok: false; code: 'sealed-not-for-us' | 'sealed-damaged'; message: string; sealedFor?: SealTarget[] };

/** One of this installation's age keys; `label` names it for people (the signing key's fingerprint). */
export interface LocalIdentity {
  identity: string;
  recipient: string;
  label: string;
}

/** What a sealed file's header says about its recipients: the labels, and how many X25519 stanzas. */
function headerRecipients(stanzas: Stanza[]): { labelled: SealTarget[]; x25519: number } {
  const labelled = stanzas
    .filter((s) => s.args[0] === LABEL_STANZA && s.args.length === 2)
    .map((s) => ({ ageRecipient: s.args[1], agency: new TextDecoder('utf-8', { fatal: false }).decode(s.body).replace(/[\p{C}]/gu, '').slice(0, 200) || undefined }));
  return { labelled, x25519: stanzas.filter((s) => s.args[0] === 'X25519').length };
}

function notForUsMessage(stanzas: Stanza[] | null, identities: LocalIdentity[]): { message: string; sealedFor: SealTarget[] } {
  const { labelled, x25519 } = stanzas ? headerRecipients(stanzas) : { labelled: [], x25519: 0 };
  const ours = identities.length
    ? `not for this agency's key${identities.length > 1 ? 's' : ''} ${identities.map((i) => i.label).join(', ')}`
    : 'and this installation has no encryption key to open it';
  const whom = labelled.length
    ? `this bundle is sealed for ${labelled.map((t) => (t.agency ? `${t.agency} (${t.ageRecipient})` : t.ageRecipient)).join(', ')}`
    : `this bundle is sealed for ${x25519} recipient${x25519 === 1 ? '' : 's'} its header does not name`;
  return { message: `${whom}; ${ours}: it is not addressed to us`, sealedFor: labelled };
}

/**
 * Decrypts a sealed bundle with this installation's identities, one at a time (so we know which of
 * our keys it was sealed to), into a private temporary file the zip reader can seek in. The caller
 * removes it with `cleanup` once verification, review or import is done. When none opens it, says
 * for whom the header says it is sealed, and which of our keys were tried.
 */
/**
 * With `hashWith`, the plaintext is also hashed as it is written (on the hashing worker, beside the
 * decryption), so verification need not read the temporary file once more for its whole-file
 * digests; nobody else can write that file (0600, in our own 0700 folder).
 */
export async function unsealToTemp(file: string, identities: LocalIdentity[], tmpRoot: string, hashWith: readonly HashAlgorithm[] = []): Promise<Unsealed> {
  const header = readHeader(file);
  if (!header) return { ok: false, code: 'sealed-damaged', message: 'the sealed bundle cannot be opened: its age header does not end (no MAC line) within its first MiB' };
  // Sees the header's stanzas and opens nothing: how the "not for us" message names the recipients.
  let seen: Stanza[] | null = null;
  const watcher: Identity = { unwrapFileKey: (stanzas) => ((seen = stanzas), null) };
  if (identities.length === 0) {
    const d = new Decrypter();
    d.addIdentity(watcher);
    await d.decryptHeader(header).catch(() => undefined);
    return { ok: false, code: 'sealed-not-for-us', ...notForUsMessage(seen, identities) };
  }
  for (const id of identities) {
    const d = new Decrypter();
    d.addIdentity(id.identity);
    d.addIdentity(watcher);
    let fileKey: Uint8Array;
    try {
      // Parses the header, unwraps the file key and checks the header's MAC.
      fileKey = await d.decryptHeader(header);
    } catch (e) {
      if (/no identity matched/i.test((e as Error).message)) continue;
      return { ok: false, code: 'sealed-damaged', message: `the sealed bundle cannot be opened: ${(e as Error).message}` };
    }
    fs.mkdirSync(tmpRoot, { recursive: true, mode: 0o700 });
    const dir = fs.mkdtempSync(path.join(tmpRoot, 'unsealed-'));
    const out = path.join(dir, `${randomUUID()}.zip`);
    const cleanup = () => fs.rmSync(dir, { recursive: true, force: true });
    const hasher = hashWith.length ? new StreamHasher(hashWith) : null;
    try {
      await pipeline(
        fs.createReadStream(file, { start: header.length, highWaterMark: 1 << 20 }),
        new AgeDecryptStream(fileKey),
        ...(hasher ? [hashingTap(hasher)] : []),
        fs.createWriteStream(out, { mode: 0o600 }),
      );
    } catch (e) {
      hasher?.abort();
      cleanup();
      return { ok: false, code: 'sealed-damaged', message: `the sealed bundle is damaged: ${(e as Error).message}` };
    }
    return { ok: true, file: out, recipient: id.recipient, cleanup, digests: hasher ? await hasher.digest() : null };
  }
  return { ok: false, code: 'sealed-not-for-us', ...notForUsMessage(seen, identities) };
}

/** Passes bytes on once the hashing worker has taken them (so memory stays flat). */
function hashingTap(hasher: StreamHasher): Transform {
  return new Transform({
    transform(chunk: Buffer, _e, cb) {
      hasher.update(chunk).then(() => cb(null, chunk), cb);
    },
  });
}
