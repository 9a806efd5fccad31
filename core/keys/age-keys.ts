import { generateX25519Identity, identityToRecipient } from 'age-encryption';

/**
 * Each agency key has an X25519 encryption key beside its Ed25519 signing key, in age's own text
 * forms (AGE-SECRET-KEY-1..., age1...), so Debian's `age -d -i` opens a sealed bundle.
 *
 * The identity is kept in the database next to the case data it opens: sealing protects a bundle
 * on its way (mail, USB, portal), and whoever can read this database can read the cases anyway.
 */
export async function newAgeKeys(): Promise<{ ageIdentity: string; ageRecipient: string }> {
  const ageIdentity = await generateX25519Identity();
  return { ageIdentity, ageRecipient: await identityToRecipient(ageIdentity) };
}

export const AGE_RECIPIENT = /^age1[0-9a-z]{58}$/;
export const AGE_IDENTITY = /^AGE-SECRET-KEY-1[0-9A-Z]{58}$/;
