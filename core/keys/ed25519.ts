import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Ed25519 with node:crypto, on raw 32-byte keys: minisign and the keyring speak raw bytes,
 * node:crypto speaks KeyObjects; JWK is the lossless bridge between the two.
 */
export interface RawKeyPair {
  seed: Buffer;
  publicKey: Buffer;
}

const b64u = (b: Buffer) => b.toString('base64url');

export function generateRawKeyPair(): RawKeyPair {
  const { privateKey } = generateKeyPairSync('ed25519');
  const jwk = privateKey.export({ format: 'jwk' });
  return { seed: Buffer.from(jwk.d!, 'base64url'), publicKey: Buffer.from(jwk.x!, 'base64url') };
}

/** RFC 8410 PKCS#8 wrapping of a raw Ed25519 seed: node derives the public half from it. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function privateKeyFromSeed(seed: Buffer): KeyObject {
  if (seed.length !== 32) throw new Error('an Ed25519 secret key is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

export function publicKeyFromRaw(pk: Buffer): KeyObject {
  if (pk.length !== 32) throw new Error('an Ed25519 public key is 32 bytes');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: b64u(pk) }, format: 'jwk' });
}

export function rawPublicKeyOf(key: KeyObject): Buffer {
  return Buffer.from(createPublicKey(key).export({ format: 'jwk' }).x!, 'base64url');
}

export const ed25519Sign = (key: KeyObject, message: Buffer): Buffer => sign(null, message, key);

/** False (never a throw) for a malformed signature: callers report it as a problem. */
export function ed25519Verify(pk: Buffer, message: Buffer, signature: Buffer): boolean {
  if (signature.length !== 64 || pk.length !== 32) return false;
  try {
    return verify(null, message, publicKeyFromRaw(pk), signature);
  } catch {
    return false;
  }
}
