import { createCipheriv, createDecipheriv, createHmac, randomBytes, scrypt as scryptCb } from 'node:crypto';
import { promisify } from 'node:util';
import { z } from 'zod';
import { canonicalJson } from '../audit/canonical.js';
import { generateRawKeyPair, privateKeyFromSeed, rawPublicKeyOf } from './ed25519.js';
import { fingerprint, formatPublicKey, keyIdHex, publicKeyBlob } from './minisign.js';
import { ProceedsError, english, invalidField, type MessageParams } from '../errors.js';

/**
 * An agency's signing key: Ed25519, with a random 8-byte key id as minisign has.
 * The secret half is stored encrypted: scrypt derives a key from the passphrase, AES-256-GCM seals
 * the 32-byte seed, and the header (agency, key id, public key, KDF parameters) is the AEAD's
 * associated data, so no header field can be swapped without the decryption failing.
 */

export interface SigningKey {
  agency: string;
  keyId: Buffer;
  publicKey: Buffer;
  seed: Buffer;
}

export function generateSigningKey(agency: string): SigningKey {
  const { seed, publicKey } = generateRawKeyPair();
  return { agency, keyId: randomBytes(8), publicKey, seed };
}

export const publicKeyText = (k: Pick<SigningKey, 'agency' | 'keyId' | 'publicKey'>) =>
  formatPublicKey(k.keyId, k.publicKey, `minisign public key ${keyIdHex(k.keyId)} of ${k.agency}`);

export const keyFingerprint = (k: Pick<SigningKey, 'publicKey'>) => fingerprint(k.publicKey);

const scrypt = promisify(scryptCb) as (pw: string | Buffer, salt: Buffer, len: number, opts: object) => Promise<Buffer>;

/**
 * OWASP's scrypt floor (N=2^17, r=8, p=1): about 128 MiB and a fraction of a second per unlock.
 * Fixed by the format: a key file naming other parameters is refused, so a hostile file cannot
 * make an import derive with 16 GiB and 16 passes.
 */
export const SCRYPT_PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;
export const MIN_PASSPHRASE = 10;

const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'not base64');
export const SecretKeyFile = z.object({
  format: z.literal('proceeds-secret-key'),
  version: z.literal(1),
  agency: z.string().min(1),
  keyId: z.string().regex(/^[0-9a-f]{16}$/),
  publicKey: b64,
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.literal(SCRYPT_PARAMS.N, `must be ${SCRYPT_PARAMS.N} (the format fixes scrypt's parameters)`),
    r: z.literal(SCRYPT_PARAMS.r, `must be ${SCRYPT_PARAMS.r} (the format fixes scrypt's parameters)`),
    p: z.literal(SCRYPT_PARAMS.p, `must be ${SCRYPT_PARAMS.p} (the format fixes scrypt's parameters)`),
    salt: b64,
  }),
  cipher: z.object({ name: z.literal('aes-256-gcm'), nonce: b64, ciphertext: b64, tag: b64 }),
});
export type SecretKeyFile = z.infer<typeof SecretKeyFile>;

/** A passphrase refused (too short, or wrong): coded, so the interface says it in the user's language. */
export class PassphraseError extends Error {
  constructor(
    readonly key: 'keys.passphraseTooShort' | 'keys.passphraseWrong',
    readonly params: MessageParams = {},
  ) {
    super(english(key, params));
  }
}

/** What unlocking a key file failed on, as the contract says it: the passphrase, or the key file itself. */
export function keyFileRefusal(e: unknown): ProceedsError {
  if (e instanceof PassphraseError) return invalidField('passphrase', e.key, e.params);
  const message = (e as Error).message;
  return new ProceedsError('Invalid', `keyFile: ${message}`, [{ path: 'keyFile', message }]);
}

function checkPassphrase(passphrase: string): void {
  if (passphrase.length < MIN_PASSPHRASE) throw new PassphraseError('keys.passphraseTooShort', { count: MIN_PASSPHRASE });
}

const header = (f: Omit<SecretKeyFile, 'cipher'>) =>
  Buffer.from(canonicalJson({ format: f.format, version: f.version, agency: f.agency, keyId: f.keyId, publicKey: f.publicKey, kdf: f.kdf }));

const deriveKey = (passphrase: string, kdf: SecretKeyFile['kdf']) =>
  scrypt(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), 32, {
    N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r + (1 << 20),
  });

export async function encryptSecretKey(k: SigningKey, passphrase: string): Promise<SecretKeyFile> {
  checkPassphrase(passphrase);
  const head = {
    format: 'proceeds-secret-key' as const,
    version: 1 as const,
    agency: k.agency,
    keyId: k.keyId.toString('hex'),
    publicKey: publicKeyBlob(k.keyId, k.publicKey),
    kdf: { name: 'scrypt' as const, ...SCRYPT_PARAMS, salt: randomBytes(32).toString('base64') },
  };
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', await deriveKey(passphrase, head.kdf), nonce);
  cipher.setAAD(header(head));
  const ciphertext = Buffer.concat([cipher.update(k.seed), cipher.final()]);
  return {
    ...head,
    cipher: { name: 'aes-256-gcm', nonce: nonce.toString('base64'), ciphertext: ciphertext.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
  };
}

/** Parses a secret key file's text; the error names the field that is wrong. */
export function parseSecretKeyFile(text: string): SecretKeyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new Error(`not a Proceeds secret key file (not JSON: ${(e as Error).message})`, { cause: e });
  }
  const parsed = SecretKeyFile.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`not a Proceeds secret key file: ${i.path.join('.') || '(file)'}: ${i.message}`);
  }
  return parsed.data;
}

/**
 * Keys derived by scrypt in this process, so one key file is unlocked once per session, not once
 * per export (about a second of CPU and 128 MiB each time): found by an HMAC, under a random
 * per-process key, of the KDF's salt and the passphrase, and kept only after that passphrase opened
 * the file. Every unlock still authenticates the file (AES-GCM) and matches its public key; a wrong
 * passphrase pays the full scrypt; an entry unused for UNLOCK_IDLE_MS is dropped.
 */
const UNLOCK_IDLE_MS = 10 * 60_000;
const MAX_UNLOCKED = 8;
const sessionKey = randomBytes(32);
const unlocked = new Map<string, { key: Buffer; used: number }>();
let derivations = 0;

/** How many times this process ran scrypt to unlock a key file. */
export const unlockDerivations = () => derivations;

function unlockedId(passphrase: string, kdf: SecretKeyFile['kdf']): string {
  return createHmac('sha256', sessionKey).update(canonicalJson(kdf)).update('\0').update(passphrase.normalize('NFC')).digest('base64');
}

function recall(id: string): Buffer | null {
  const now = Date.now();
  for (const [k, v] of unlocked) if (now - v.used > UNLOCK_IDLE_MS) unlocked.delete(k);
  const hit = unlocked.get(id);
  if (!hit) return null;
  hit.used = now;
  return hit.key;
}

function remember(id: string, key: Buffer): void {
  if (unlocked.size >= MAX_UNLOCKED) unlocked.delete(unlocked.keys().next().value!);
  unlocked.set(id, { key, used: Date.now() });
}

/** Forgets every key unlocked in this process: the next unlock runs scrypt again. */
export function forgetUnlockedKeys(): void {
  unlocked.clear();
}

export async function decryptSecretKey(file: SecretKeyFile, passphrase: string): Promise<SigningKey> {
  // Checked again here: a caller may have built `file` without parsing it.
  if (file.kdf.N !== SCRYPT_PARAMS.N || file.kdf.r !== SCRYPT_PARAMS.r || file.kdf.p !== SCRYPT_PARAMS.p)
    throw new Error(`secret key file: kdf: scrypt parameters must be N=${SCRYPT_PARAMS.N}, r=${SCRYPT_PARAMS.r}, p=${SCRYPT_PARAMS.p}`);
  const blob = Buffer.from(file.publicKey, 'base64');
  const keyId = Buffer.from(file.keyId, 'hex');
  if (blob.length !== 42 || !blob.subarray(2, 10).equals(keyId)) throw new Error('secret key file: publicKey does not match keyId');
  const id = unlockedId(passphrase, file.kdf);
  const known = recall(id);
  if (!known) derivations++;
  const aesKey = known ?? (await deriveKey(passphrase, file.kdf));
  const decipher = createDecipheriv('aes-256-gcm', aesKey, Buffer.from(file.cipher.nonce, 'base64'));
  decipher.setAAD(header(file));
  decipher.setAuthTag(Buffer.from(file.cipher.tag, 'base64'));
  let seed: Buffer;
  try {
    seed = Buffer.concat([decipher.update(Buffer.from(file.cipher.ciphertext, 'base64')), decipher.final()]);
  } catch {
    throw new PassphraseError('keys.passphraseWrong');
  }
  const publicKey = blob.subarray(10);
  if (!rawPublicKeyOf(privateKeyFromSeed(seed)).equals(publicKey)) throw new Error('secret key file: the secret key does not match its public key');
  if (!known) remember(id, aesKey);
  return { agency: file.agency, keyId, publicKey, seed };
}
