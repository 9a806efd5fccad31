import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { isIsoTimestamp } from '../dates.js';
import { fingerprint, keyIdHex, parsePublicKey } from './minisign.js';

/**
 * The agencies whose keys this installation trusts. A bundle is trusted when its signature verifies
 * under one of these keys; the key id written in a bundle is a hint for people, never a lookup key.
 */
export interface TrustedKey {
  agencyName: string;
  /** The minisign public key file text, as exchanged. */
  publicKey: string;
  keyId: string;
  fingerprint: string;
  validFrom: string | null;
  validTo: string | null;
  revokedAt: string | null;
  revokedReason: string | null;
  addedAt?: string;
  /**
   * When a person confirmed the fingerprint with the agency (by phone). Null: added but not yet
   * confirmed, so not trusted. Absent (a keyring file written by hand): confirmed by whoever wrote it.
   */
  confirmedAt?: string | null;
  /** The agency's age (X25519) recipient, to seal bundles to it. */
  ageRecipient?: string | null;
}

const when = z.string().refine(isIsoTimestamp, 'not an ISO date or date-time').nullable().default(null);

export const TrustedKeySchema = z.object({
  agencyName: z.string().trim().min(1, 'agency name is required').max(200),
  publicKey: z.string().min(1),
  keyId: z.string(),
  fingerprint: z.string(),
  validFrom: when,
  validTo: when,
  revokedAt: when,
  revokedReason: z.string().max(500).nullable().default(null),
  addedAt: z.string().optional(),
  confirmedAt: z.string().nullable().optional(),
  ageRecipient: z.string().regex(/^age1[0-9a-z]{58}$/, 'not an age X25519 recipient').nullable().optional(),
});

const KeyringFileSchema = z.object({
  format: z.literal('proceeds-keyring'),
  version: z.literal(1),
  keys: z.array(TrustedKeySchema),
});

/** Builds a keyring entry from a minisign public key file; the fingerprint is computed, never taken. */
export function trustedKeyFrom(pubText: string, o: { agencyName: string; validFrom?: string | null; validTo?: string | null }): TrustedKey {
  const pk = parsePublicKey(pubText);
  return {
    agencyName: o.agencyName,
    publicKey: pubText.trim() + '\n',
    keyId: keyIdHex(pk.keyId),
    fingerprint: fingerprint(pk.publicKey),
    validFrom: o.validFrom ?? null,
    validTo: o.validTo ?? null,
    revokedAt: null,
    revokedReason: null,
    addedAt: new Date().toISOString(),
  };
}

export function readKeyringFile(file: string): TrustedKey[] {
  if (!fs.existsSync(file)) throw new Error(`keyring not found: ${file}`);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not a keyring (not JSON: ${(e as Error).message})`, { cause: e });
  }
  const parsed = KeyringFileSchema.safeParse(json);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`${file}: not a Proceeds keyring: ${i.path.join('.')}: ${i.message}`);
  }
  // Recompute what the file claims: an edited fingerprint must not make a key look like another.
  return parsed.data.keys.map((k, i) => {
    const pk = parsePublicKeyAt(k.publicKey, `${file}: keys.${i}.publicKey`);
    return { ...k, keyId: keyIdHex(pk.keyId), fingerprint: fingerprint(pk.publicKey) };
  });
}

function parsePublicKeyAt(text: string, where: string) {
  try {
    return parsePublicKey(text);
  } catch (e) {
    throw new Error(`${where}: ${(e as Error).message}`, { cause: e });
  }
}

/** Writes the keyring atomically (temp file, then rename), so a crash never leaves half a keyring. */
export function writeKeyringFile(file: string, keys: TrustedKey[]): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify({ format: 'proceeds-keyring', version: 1, keys }, null, 2) + '\n', { mode: 0o644 });
  fs.renameSync(tmp, file);
}

export const readKeyringOrEmpty = (file: string): TrustedKey[] => (fs.existsSync(file) ? readKeyringFile(file) : []);

export type TrustStatus = 'trusted' | 'pending' | 'revoked' | 'expired' | 'not-yet-valid';

/**
 * Whether a keyring entry may vouch for a signature now. Expiry is judged at verification time,
 * not at the creation time the bundle claims: a stolen expired key could claim any date.
 */
export function trustStatus(k: TrustedKey, now: Date, claimedCreatedAt?: string): { status: TrustStatus; reason?: string } {
  if (k.revokedAt) return { status: 'revoked', reason: `revoked on ${k.revokedAt}${k.revokedReason ? ` (${k.revokedReason})` : ''}` };
  if (k.confirmedAt === null) return { status: 'pending', reason: 'added to the keyring but its fingerprint is not confirmed yet (confirm it with the agency, then verify again)' };
  const t = now.getTime();
  if (k.validTo && t > endOf(k.validTo)) return { status: 'expired', reason: `expired on ${k.validTo}` };
  if (k.validFrom && t < Date.parse(k.validFrom)) return { status: 'not-yet-valid', reason: `valid only from ${k.validFrom}` };
  if (claimedCreatedAt && k.validFrom && Date.parse(claimedCreatedAt) < Date.parse(k.validFrom))
    return { status: 'not-yet-valid', reason: `the bundle says it was made on ${claimedCreatedAt}, before the key was valid (${k.validFrom})` };
  return { status: 'trusted' };
}

/** A date without a time means "through the end of that day" (UTC). */
const endOf = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(s) + 86_400_000 - 1 : Date.parse(s));

export const rawPublicKey = (k: TrustedKey): Buffer => parsePublicKey(k.publicKey).publicKey;
