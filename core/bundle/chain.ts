import type { Sqlite } from '../../db/connection.js';

/**
 * The bundles of one case from one sending agency form a chain: each names the one before it
 * (`previousBundleId`). A bundle that does not continue the chain received so far is flagged before
 * anything is imported: an older one arriving late, one after a gap, or a second branch.
 */

export type ChainStatus = 'first' | 'next' | 'known' | 'older' | 'skipped' | 'forked';

export interface ChainCheck {
  status: ChainStatus;
  /** In order (first or next): nothing to flag. */
  inOrder: boolean;
  message: string;
  /** The last bundle received of this case from this agency. */
  head: { id: string; createdAt: string } | null;
}

interface Received {
  id: string;
  previous_bundle_id: string | null;
  report: string;
}

export function chainCheck(sqlite: Sqlite, b: { bundleId: string; caseNumber: string; agency: string; previousBundleId: string | null; createdAt: string }): ChainCheck {
  const rows = sqlite
    .prepare("SELECT id, previous_bundle_id, report FROM bundles WHERE direction = 'received' AND case_number = ? AND sender_agency = ?")
    .all(b.caseNumber, b.agency) as Received[];
  const created = (r: Received) => {
    try {
      return (JSON.parse(r.report) as { bundle?: { createdAt?: string } } | null)?.bundle?.createdAt ?? '';
    } catch {
      return '';
    }
  };
  const continued = new Set(rows.map((r) => r.previous_bundle_id).filter(Boolean));
  const heads = rows.filter((r) => !continued.has(r.id)).sort((x, y) => created(y).localeCompare(created(x)));
  const head = heads[0] ? { id: heads[0].id, createdAt: created(heads[0]) } : null;
  const from = `bundles of case ${b.caseNumber} from ${b.agency}`;
  if (rows.some((r) => r.id === b.bundleId)) return { status: 'known', inOrder: false, head, message: `this bundle was received already` };
  if (!head) {
    if (b.previousBundleId === null) return { status: 'first', inOrder: true, head, message: `the first of the ${from}` };
    return { status: 'skipped', inOrder: false, head, message: `it follows bundle ${b.previousBundleId}, which never arrived here: the first of the ${from} is missing` };
  }
  if (b.previousBundleId === head.id) return { status: 'next', inOrder: true, head, message: `continues the ${from}` };
  if (head.createdAt && b.createdAt < head.createdAt)
    return { status: 'older', inOrder: false, head, message: `it was made on ${b.createdAt}, before the newest of the ${from} (${head.id}, ${head.createdAt}) already imported` };
  if (b.previousBundleId && rows.some((r) => r.id === b.previousBundleId))
    return { status: 'forked', inOrder: false, head, message: `it continues bundle ${b.previousBundleId}, which another bundle (up to ${head.id}) continued already: a second branch of the ${from}` };
  if (b.previousBundleId === null) return { status: 'forked', inOrder: false, head, message: `it starts a new chain, though ${rows.length} of the ${from} were imported (latest ${head.id})` };
  return { status: 'skipped', inOrder: false, head, message: `it follows bundle ${b.previousBundleId}, which never arrived here (the last received is ${head.id}): a bundle is missing in between` };
}
