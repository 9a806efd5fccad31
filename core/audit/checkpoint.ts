import { createHash } from 'node:crypto';
import { ed25519Sign, ed25519Verify, privateKeyFromSeed } from '../keys/ed25519.js';

/**
 * Signed checkpoints in the C2SP formats (c2sp.org/tlog-checkpoint inside a c2sp.org/signed-note),
 * so that tools written for Certificate Transparency / sumdb style logs read them as they are:
 *
 *   <origin>\n
 *   <tree size, decimal>\n
 *   <root hash, base64>\n
 *   time <ISO 8601 UTC>\n          (extension line: when the checkpoint was made)
 *   \n
 *   — <key name> <base64(key hash (4 bytes) || Ed25519 signature (64 bytes))>\n
 *
 * The signature covers the note body: every byte up to and including the newline before the blank
 * line. Key hash = SHA-256(key name || 0x0A || 0x01 || public key)[:4] (0x01: Ed25519).
 */

export interface CheckpointBody {
  origin: string;
  size: number;
  /** Raw 32-byte root hash. */
  root: Buffer;
  /** ISO 8601 time the checkpoint was made. */
  time: string;
}

export interface ParsedCheckpoint extends CheckpointBody {
  /** The signed bytes. */
  body: string;
  signatures: { name: string; keyHash: Buffer; signature: Buffer }[];
  /** The whole note as given. */
  text: string;
}

export class CheckpointFormatError extends Error {}

const SIG_PREFIX = '\u2014 ';

export function checkpointBody(c: CheckpointBody): string {
  if (!validOrigin(c.origin)) throw new CheckpointFormatError(`origin "${c.origin}" must be one line without spaces`);
  return `${c.origin}\n${c.size}\n${c.root.toString('base64')}\ntime ${c.time}\n`;
}

const validOrigin = (o: string) => /^[^\s+]+$/.test(o);

export function noteKeyHash(name: string, publicKey: Buffer): Buffer {
  return createHash('sha256').update(name).update(Buffer.from([0x0a, 0x01])).update(publicKey).digest().subarray(0, 4);
}

/** Signs the body with the agency key; the key name is the origin, as C2SP logs do. */
export function signCheckpoint(c: CheckpointBody, key: { seed: Buffer; publicKey: Buffer }): string {
  const body = checkpointBody(c);
  const sig = ed25519Sign(privateKeyFromSeed(key.seed), Buffer.from(body, 'utf8'));
  const blob = Buffer.concat([noteKeyHash(c.origin, key.publicKey), sig]).toString('base64');
  return `${body}\n${SIG_PREFIX}${c.origin} ${blob}\n`;
}

/** Parses a signed checkpoint; throws CheckpointFormatError with what is wrong. Signatures are not checked here. */
export function parseCheckpoint(text: string): ParsedCheckpoint {
  const split = text.indexOf('\n\n');
  if (split < 0) throw new CheckpointFormatError('not a signed note: no blank line before the signatures');
  const body = text.slice(0, split + 1);
  const lines = body.slice(0, -1).split('\n');
  if (lines.length < 3) throw new CheckpointFormatError('a checkpoint has at least three lines: origin, tree size, root hash');
  const [origin, sizeText, rootText, ...ext] = lines;
  if (!validOrigin(origin)) throw new CheckpointFormatError(`bad origin line "${origin}"`);
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText)) throw new CheckpointFormatError(`bad tree size "${sizeText}"`);
  const root = Buffer.from(rootText, 'base64');
  if (root.length !== 32 || root.toString('base64') !== rootText) throw new CheckpointFormatError('the root hash is not 32 bytes of base64');
  const timeLine = ext.find((l) => l.startsWith('time '));
  const time = timeLine?.slice(5) ?? '';
  const signatures: ParsedCheckpoint['signatures'] = [];
  for (const line of text.slice(split + 2).split('\n')) {
    if (line === '') continue;
    const m = /^\u2014 (\S+) ([A-Za-z0-9+/]+={0,2})$/.exec(line);
    if (!m) throw new CheckpointFormatError(`bad signature line "${line.slice(0, 80)}"`);
    const blob = Buffer.from(m[2], 'base64');
    if (blob.length < 5) throw new CheckpointFormatError('signature too short');
    signatures.push({ name: m[1], keyHash: blob.subarray(0, 4), signature: blob.subarray(4) });
  }
  if (signatures.length === 0) throw new CheckpointFormatError('the checkpoint is not signed');
  return { origin, size: Number(sizeText), root, time, body, signatures, text };
}

/** True when one of the note's signatures is the origin's, under this Ed25519 public key. */
export function checkpointSignedBy(c: ParsedCheckpoint, publicKey: Buffer): boolean {
  const kh = noteKeyHash(c.origin, publicKey);
  return c.signatures.some((s) => s.name === c.origin && s.keyHash.equals(kh) && ed25519Verify(publicKey, Buffer.from(c.body, 'utf8'), s.signature));
}

/** A short fingerprint people can read out or print on a report: first 8 bytes of the root, hex, grouped. */
export const rootFingerprint = (root: Buffer) => root.subarray(0, 8).toString('hex').replace(/(.{4})(?!$)/g, '$1 ');
