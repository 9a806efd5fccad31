import { eq } from 'drizzle-orm';
import type { HubDb } from '../../db/hub/connection.js';
import { hubAgencies } from '../../db/hub/schema.js';
import { readKeyringFile, trustedKeyFrom, trustStatus, type TrustedKey } from '../keys/keyring.js';

/**
 * The hub's keyring: agencies (and supervisors) by their signing keys, kept in the hub's database
 * and loaded from proceeds-keyring files (`proceeds keyring export` writes them) at start.
 */

export type HubRole = 'agency' | 'supervisor';

export interface HubMember {
  name: string;
  fingerprint: string;
  role: HubRole;
  key: TrustedKey;
}

/** Adds (or renames, or re-roles) every trusted key of the file; revoked and expired keys are skipped. */
export async function importKeyring(db: HubDb, file: string, role: HubRole): Promise<number> {
  const now = new Date();
  let n = 0;
  for (const k of readKeyringFile(file)) {
    if (trustStatus(k, now).status !== 'trusted') continue;
    await db
      .insert(hubAgencies)
      .values({ fingerprint: k.fingerprint, name: k.agencyName, publicKey: k.publicKey, role })
      .onConflictDoUpdate({ target: hubAgencies.fingerprint, set: { name: k.agencyName, publicKey: k.publicKey, role } });
    n++;
  }
  return n;
}

export async function members(db: HubDb): Promise<HubMember[]> {
  const rows = await db.select().from(hubAgencies);
  return rows.map((r) => ({ name: r.name, fingerprint: r.fingerprint, role: r.role as HubRole, key: { ...trustedKeyFrom(r.publicKey, { agencyName: r.name }), confirmedAt: r.addedAt } }));
}

export async function memberByFingerprint(db: HubDb, fingerprint: string): Promise<HubMember | undefined> {
  const [r] = await db.select().from(hubAgencies).where(eq(hubAgencies.fingerprint, fingerprint));
  return r && { name: r.name, fingerprint: r.fingerprint, role: r.role as HubRole, key: { ...trustedKeyFrom(r.publicKey, { agencyName: r.name }), confirmedAt: r.addedAt } };
}
