import { z } from 'zod';
import { BundleScope } from '../bundle/scope.js';

/** Inputs of the desktop's hub methods (Settings -> Hub, "Share with the hub", "Sync"). */

const uuid = z.string().uuid('not a valid id');

/** The passphrase of the signing key, when it is protected by one (not by the OS keychain). */
const passphrase = z.string().max(1000).optional();

export const HubConnect = z.object({
  url: z
    .string()
    .trim()
    .url('an address such as https://hub.example.org')
    .refine((u) => /^https?:$/.test(new URL(u).protocol), 'the address must start with https:// (or http:// on this machine)'),
  /** The signing key of this installation that signs every request to the hub. */
  keyId: uuid,
  passphrase,
});

export const HubConfirm = z.object({ fingerprint: z.string().trim().min(1, 'type the fingerprint (or its words) the hub\'s operator reads out').max(400) });

export const HubShare = z.object({
  caseId: uuid,
  /** The whole case when absent; a selection shares only what was selected. */
  scope: BundleScope.default({}),
  passphrase,
});

export const HubSync = z.object({ passphrase });

export const HubCaseRef = z.object({ caseId: uuid });
