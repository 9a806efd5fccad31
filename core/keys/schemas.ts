import { z } from 'zod';
import { isIsoTimestamp } from '../dates.js';

/** Inputs of the keys and keyring methods (no node imports: the renderer uses them too). */

const agency = z.string().trim().min(1, 'agency name is required').max(200);
const when = z.string().trim().refine(isIsoTimestamp, 'not a real date (YYYY-MM-DD) or date-time');

export const KeyCreate = z
  .object({
    agency,
    /** 'safeStorage' only where the host registered an OS-keychain protector that is available. */
    protection: z.enum(['safeStorage', 'passphrase']),
    passphrase: z.string().optional(),
  })
  .refine((k) => k.protection !== 'passphrase' || (k.passphrase ?? '').length >= 10, {
    message: 'a passphrase of at least 10 characters is required',
    path: ['passphrase'],
    params: { key: 'keys.passphraseTooShort', count: 10 },
  });

export const KeyImport = z.object({
  /** The text of a NAME.key file written by `proceeds keys generate`. */
  keyFile: z.string().min(1, 'the key file is empty').max(64_000),
  passphrase: z.string().min(1, 'the passphrase is required'),
});

export const KeyringAdd = z
  .object({
    /** The text of the agency's minisign public key file (NAME.pub). */
    publicKey: z.string().min(1, 'the public key is required').max(10_000),
    agencyName: agency,
    validFrom: when.optional(),
    validTo: when.optional(),
    /** The fingerprint as the agency read it out, when confirmed before adding: the key is trusted at once. */
    confirmFingerprint: z.string().trim().min(1).max(200).optional(),
    /** The agency's age X25519 recipient (age1...), to seal bundles to it. */
    ageRecipient: z.string().trim().regex(/^age1[0-9a-z]{58}$/, 'not an age X25519 recipient (age1...)').optional(),
  })
  .refine((k) => !k.validFrom || !k.validTo || k.validFrom <= k.validTo, { message: 'the key expires before it becomes valid', path: ['validTo'] });

export const KeyringRevoke = z.object({
  id: z.string().uuid('not a valid id'),
  reason: z.string().trim().min(1, 'say why the key is revoked').max(500),
});

export const KeyringConfirm = z.object({
  id: z.string().uuid('not a valid id'),
  /** The fingerprint (hex, spaces optional) as the agency read it out. */
  fingerprint: z.string().trim().min(1, 'type the fingerprint the agency read out').max(200),
});
