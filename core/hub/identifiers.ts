import { normaliseIdentifier } from '../accounts/schemas.js';
import { schemeOf } from '../identifiers/index.js';

/**
 * The keys a cross-agency match is found by, computed by the hub from each record (never taken
 * from the sender's own normalised column): the same normalisation the desktop's merge uses.
 */

export interface IdentifierKey {
  kind: 'account' | 'person-id' | 'person-name';
  value: string;
}

/** An account or wallet: its identifier, upper case without spaces, dashes, dots or slashes. */
export function accountKeys(row: Record<string, unknown>): IdentifierKey[] {
  const id = typeof row.identifier === 'string' ? normaliseIdentifier(row.identifier) : '';
  // Placeholders ("CASH", "?") are not accounts two agencies could share.
  return id.length >= 6 ? [{ kind: 'account', value: id }] : [];
}

/** A person: each identifier as scheme:number, and the name with the date of birth when both are known. */
export function subjectKeys(row: Record<string, unknown>): IdentifierKey[] {
  const out: IdentifierKey[] = [];
  let ids: unknown;
  try {
    ids = typeof row.identifiers === 'string' ? JSON.parse(row.identifiers) : [];
  } catch {
    // A sender's malformed identifier list yields no keys rather than refusing the bundle here.
    ids = [];
  }
  for (const i of Array.isArray(ids) ? ids : []) {
    const t = (i as { type?: unknown }).type;
    const v = (i as { value?: unknown }).value;
    if (typeof t !== 'string' || typeof v !== 'string') continue;
    const value = normaliseIdentifier(v);
    if (value.length < 4) continue;
    out.push({ kind: 'person-id', value: `${schemeOf(t) ?? t.trim().toUpperCase()}:${value}` });
  }
  if (row.kind === 'person' && typeof row.name === 'string' && typeof row.born_on === 'string' && row.born_on) out.push({ kind: 'person-name', value: `${nameKey(row.name)}|${row.born_on}` });
  return out;
}

/** "José  da SILVA" and "Silva, Jose da" are one key: no accents, no case, words in order. */
export const nameKey = (name: string) =>
  name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .sort()
    .join(' ');
