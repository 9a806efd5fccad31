import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { ed25519Sign, ed25519Verify } from './ed25519.js';

/**
 * The minisign formats (https://jedisct1.github.io/minisign/), so that Debian's `minisign -V`
 * verifies our detached signatures and agencies exchange keys in a format standard tools read.
 *
 *   public key file: "untrusted comment: ...\n" base64("Ed" || key id (8) || public key (32)) "\n"
 *   signature file:  "untrusted comment: ...\n" base64(alg (2) || key id (8) || signature (64)) "\n"
 *                    "trusted comment: ...\n" base64(global signature (64)) "\n"
 * alg "ED" signs BLAKE2b-512(file) (what `minisign -S` makes, and streams); "Ed" signs the file itself.
 * The global signature covers signature || trusted comment, so the trusted comment cannot be swapped.
 */

export const UNTRUSTED = 'untrusted comment: ';
export const TRUSTED = 'trusted comment: ';
const ALG_KEY = Buffer.from('Ed');
export const ALG_LEGACY = Buffer.from('Ed');
export const ALG_PREHASHED = Buffer.from('ED');

export interface MinisignPublicKey {
  keyId: Buffer;
  publicKey: Buffer;
  comment: string;
}

export class MinisignFormatError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** How minisign prints a key id: the 8 bytes as a little-endian integer, in upper-case hex. */
export const keyIdHex = (keyId: Buffer): string => Buffer.from(keyId).reverse().toString('hex').toUpperCase();

/** SHA-256 of the raw public key, in groups of four, for reading out over the phone. */
export function fingerprint(publicKey: Buffer): string {
  const hex = createHash('sha256').update(publicKey).digest('hex').toUpperCase();
  return hex.match(/.{4}/g)!.join(' ');
}

const lines = (text: string) => text.replace(/\r\n/g, '\n').split('\n');

function decodeB64Line(line: string | undefined, lineNo: number, length: number, what: string): Buffer {
  const s = (line ?? '').trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s)) throw new MinisignFormatError(`${what} is not base64`, lineNo);
  const buf = Buffer.from(s, 'base64');
  if (buf.length !== length) throw new MinisignFormatError(`${what} is ${buf.length} bytes, expected ${length}`, lineNo);
  return buf;
}

export function parsePublicKey(text: string): MinisignPublicKey {
  const l = lines(text);
  if (!l[0]?.startsWith(UNTRUSTED)) throw new MinisignFormatError(`must start with "${UNTRUSTED.trim()}"`, 1);
  const blob = decodeB64Line(l[1], 2, 42, 'the public key');
  if (!blob.subarray(0, 2).equals(ALG_KEY)) throw new MinisignFormatError('not an Ed25519 minisign public key', 2);
  if (l.slice(2).some((x) => x.trim() !== '')) throw new MinisignFormatError('unexpected text after the key', 3);
  return { comment: l[0].slice(UNTRUSTED.length), keyId: blob.subarray(2, 10), publicKey: blob.subarray(10, 42) };
}

export const publicKeyBlob = (keyId: Buffer, publicKey: Buffer) => Buffer.concat([ALG_KEY, keyId, publicKey]).toString('base64');

export function formatPublicKey(keyId: Buffer, publicKey: Buffer, comment = `minisign public key ${keyIdHex(keyId)}`): string {
  return `${UNTRUSTED}${oneLine(comment)}\n${publicKeyBlob(keyId, publicKey)}\n`;
}

const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');

export interface MinisignSignature {
  algorithm: 'Ed' | 'ED';
  keyId: Buffer;
  signature: Buffer;
  untrustedComment: string;
  trustedComment: string;
  globalSignature: Buffer;
}

export function parseSignature(text: string): MinisignSignature {
  const l = lines(text);
  if (!l[0]?.startsWith(UNTRUSTED)) throw new MinisignFormatError(`must start with "${UNTRUSTED.trim()}"`, 1);
  const blob = decodeB64Line(l[1], 2, 74, 'the signature');
  const alg = blob.subarray(0, 2).toString('latin1');
  if (alg !== 'Ed' && alg !== 'ED') throw new MinisignFormatError(`unknown signature algorithm "${alg}"`, 2);
  if (!l[2]?.startsWith(TRUSTED)) throw new MinisignFormatError(`must start with "${TRUSTED.trim()}"`, 3);
  const globalSignature = decodeB64Line(l[3], 4, 64, 'the global signature');
  return {
    algorithm: alg,
    keyId: blob.subarray(2, 10),
    signature: blob.subarray(10, 74),
    untrustedComment: l[0].slice(UNTRUSTED.length),
    trustedComment: l[2].slice(TRUSTED.length),
    globalSignature,
  };
}

/** BLAKE2b-512 of a file, streamed: what a prehashed ("ED") signature signs. */
export async function blake2bFile(file: string): Promise<Buffer> {
  const h = createHash('blake2b512');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) h.update(chunk as Buffer);
  return h.digest();
}

export interface SignOptions {
  secretKey: KeyObject;
  keyId: Buffer;
  /** BLAKE2b-512 of the file (prehashed signature). */
  blake2b: Buffer;
  trustedComment: string;
  untrustedComment?: string;
}

/** A prehashed ("ED") minisign signature file, as `minisign -S` writes it. */
export function signPrehashed(o: SignOptions): string {
  const signature = ed25519Sign(o.secretKey, o.blake2b);
  const trusted = oneLine(o.trustedComment);
  const globalSignature = ed25519Sign(o.secretKey, Buffer.concat([signature, Buffer.from(trusted, 'utf8')]));
  const blob = Buffer.concat([ALG_PREHASHED, o.keyId, signature]).toString('base64');
  const untrusted = oneLine(o.untrustedComment ?? 'signature from proceeds secret key');
  return `${UNTRUSTED}${untrusted}\n${blob}\n${TRUSTED}${trusted}\n${globalSignature.toString('base64')}\n`;
}

export type DetachedCheck = { ok: true; trustedComment: string; algorithm: 'Ed' | 'ED' } | { ok: false; reason: string };

/**
 * Verifies a minisign signature of a file against one public key, as `minisign -V` does:
 * key id, file signature, then the global signature over the trusted comment.
 * `message` gives the file: its BLAKE2b-512 (for "ED") and, for legacy "Ed", a reader of its bytes.
 */
export async function verifyDetached(
  sigText: string,
  key: Pick<MinisignPublicKey, 'keyId' | 'publicKey'>,
  message: { blake2b: () => Promise<Buffer>; bytes: () => Promise<Buffer> },
): Promise<DetachedCheck> {
  let sig: MinisignSignature;
  try {
    sig = parseSignature(sigText);
  } catch (e) {
    return { ok: false, reason: `the signature file is malformed: ${(e as Error).message}` };
  }
  if (!sig.keyId.equals(key.keyId))
    return { ok: false, reason: `signed with key ${keyIdHex(sig.keyId)}, not with key ${keyIdHex(key.keyId)}` };
  const signed = sig.algorithm === 'ED' ? await message.blake2b() : await message.bytes();
  if (!ed25519Verify(key.publicKey, signed, sig.signature)) return { ok: false, reason: 'the signature does not match the file' };
  const global = Buffer.concat([sig.signature, Buffer.from(sig.trustedComment, 'utf8')]);
  if (!ed25519Verify(key.publicKey, global, sig.globalSignature))
    return { ok: false, reason: 'the trusted comment was altered (global signature does not match)' };
  return { ok: true, trustedComment: sig.trustedComment, algorithm: sig.algorithm };
}
