import { ASSET_STATUSES } from './kinds.js';
import { ProceedsError } from '../errors.js';

export type AssetStatus = (typeof ASSET_STATUSES)[number];

/** How a forfeited asset leaves: the `to` of a disposal step can name one directly ("sold"). */
export const DISPOSITIONS = ['sold', 'destroyed', 'official_use', 'transferred'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const RETURNED_TO = ['owner', 'claimant'] as const;

/**
 * The lifecycle. Returned covers remission to a victim after forfeiture too, which is why it is
 * reachable from forfeited; disposed, returned and released are final.
 */
export const TRANSITIONS: Record<AssetStatus, readonly AssetStatus[]> = {
  seized: ['pending_forfeiture', 'returned', 'released'],
  pending_forfeiture: ['forfeited', 'returned', 'released'],
  forfeited: ['disposed', 'returned'],
  disposed: [],
  returned: [],
  released: [],
};

export const allowedNext = (from: AssetStatus): readonly AssetStatus[] => TRANSITIONS[from];

export const isFinal = (s: AssetStatus) => TRANSITIONS[s].length === 0;

function describeAllowed(from: AssetStatus): string {
  const next = TRANSITIONS[from];
  if (next.length === 0) return `${from} is final: no further step is allowed`;
  const names = next.map((s) => (s === 'disposed' ? `disposed (${DISPOSITIONS.join(', ')})` : s));
  return `allowed from ${from}: ${names.join(', ')}`;
}

/** Refuses a step the lifecycle does not have, naming the ones it does. */
export function checkTransition(from: AssetStatus, to: AssetStatus, disposition?: string | null): void {
  if (TRANSITIONS[from].includes(to)) return;
  const target = to === 'disposed' && disposition ? disposition : to;
  const message = `cannot move an asset from ${from} to ${target}; ${describeAllowed(from)}`;
  throw new ProceedsError('Conflict', message, [{ path: 'to', message }]);
}
