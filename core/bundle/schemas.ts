import { z } from 'zod';
import { FileRef } from '../files.js';
import { BundleScope } from './scope.js';

/** Inputs of the bundle methods. Paths (key files, keyrings, outputs) are for trusted callers only. */

const uuid = z.string().uuid('not a valid id');

export const BundleExport = z
  .object({
    caseId: uuid,
    /** Agencies the bundle is meant for (named in the signed statement). */
    recipients: z.array(z.string().trim().min(1, 'a recipient cannot be blank').max(200)).min(1, 'name at least one recipient agency'),
    scope: BundleScope,
    /** A signing key of this installation (keys.list)... */
    keyId: uuid.optional(),
    /** ...or a NAME.key file (CLI). */
    keyFile: z.string().min(1).optional(),
    passphrase: z.string().optional(),
    /**
     * Write a plain signed zip, readable by anyone who holds the file. Without it the signed zip is
     * sealed (age) to the named recipients' keys from the keyring.
     */
    unencrypted: z.boolean().default(false),
    /** Where to write the bundle (CLI); otherwise the outbox. A sealed bundle gets ".age" appended. */
    out: z.string().min(1).optional(),
    fileName: z
      .string()
      .trim()
      .regex(/^[\w.@ -]{1,120}\.zip$/, 'a file name ending in .zip, without slashes')
      .optional(),
  })
  .refine((i) => Boolean(i.keyId) !== Boolean(i.keyFile), { message: 'choose the signing key', path: ['keyId'] });

export const BundleFile = z.object({
  file: FileRef,
  /** The detached FILE.zip.minisig, when the user has it (checked if given; beside the zip for paths). */
  minisig: FileRef.optional(),
  /** A keyring file instead of this installation's keyring (CLI). */
  keyringFile: z.string().min(1).optional(),
  /** An age identity file (AGE-SECRET-KEY-1... lines) to open a sealed bundle, instead of this installation's keys (CLI). */
  identityFile: z.string().min(1).optional(),
  /** Import a bundle that does not continue its sender's chain for the case (older, after a gap, a fork): the person saw the flag. */
  acceptOutOfOrder: z.boolean().default(false),
});

export const ReviewRef = z.object({ reviewId: uuid });

export const ReviewCall = z.object({
  reviewId: uuid,
  method: z.string().min(1).max(100),
  input: z.unknown().optional(),
});

export const BundleList = z.object({ caseId: uuid.optional() });
