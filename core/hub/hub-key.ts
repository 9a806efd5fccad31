import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { generateRawKeyPair, privateKeyFromSeed, rawPublicKeyOf, type RawKeyPair } from '../keys/ed25519.js';
import { fingerprint } from '../keys/minisign.js';
import { ProceedsError } from '../errors.js';

/**
 * The hub's own Ed25519 key: it signs the hub's checkpoints (the receipts agencies keep). Kept in a
 * file readable by the hub's user only; agencies confirm its fingerprint as for any key.
 */
export interface HubKey extends RawKeyPair {
  fingerprint: string;
}

const KeyFile = z.object({ format: z.literal('proceeds-hub-key'), version: z.literal(1), seed: z.string().regex(/^[A-Za-z0-9+/]{43}=$/) });

export function loadOrCreateHubKey(file: string): HubKey {
  if (!fs.existsSync(file)) {
    const k = generateRawKeyPair();
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ format: 'proceeds-hub-key', version: 1, seed: k.seed.toString('base64') }) + '\n', { mode: 0o600, flag: 'wx' });
    return { ...k, fingerprint: fingerprint(k.publicKey) };
  }
  const parsed = KeyFile.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
  if (!parsed.success) throw new ProceedsError('Invalid', `${file}: not a hub key file (${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message})`);
  const seed = Buffer.from(parsed.data.seed, 'base64');
  const publicKey = rawPublicKeyOf(privateKeyFromSeed(seed));
  return { seed, publicKey, fingerprint: fingerprint(publicKey) };
}
