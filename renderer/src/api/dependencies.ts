import type { Change } from '../../../core/change';

export type { Change };

/**
 * Which queries (by method prefix) read what each audited entity holds. A pushed change refreshes
 * those queries only, and only for its case when the query names one. An entity not listed here
 * refreshes everything: better a spare read than a stale figure.
 */
const MONEY = ['transactions.', 'imports.', 'graph.', 'trace.', 'subjects.profile', 'accounts.', 'cases.'];
const ASSETS = ['assets.', 'custody.', 'dashboard.', 'sharing.', 'cases.', 'subjects.profile'];
const DEPENDS: Record<string, string[]> = {
  case: ['cases.', 'dashboard.', 'sharing.'],
  participant: ['cases.', 'dashboard.', 'sharing.', 'agencies.'],
  agency: ['agencies.', 'cases.', 'dashboard.', 'sharing.'],
  subject: ['subjects.', 'accounts.', 'cases.', 'transactions.'],
  account: ['accounts.', 'subjects.', 'cases.', 'transactions.', 'graph.', 'trace.'],
  transaction: MONEY,
  transactions: MONEY,
  import: MONEY,
  transfer_link: MONEY,
  entity_merge: [...MONEY, 'subjects.'],
  taint_mark: ['trace.', 'graph.', 'transactions.', 'subjects.profile'],
  trace: ['trace.', 'graph.', 'assets.', 'subjects.profile'],
  asset: ASSETS,
  asset_status_event: ASSETS,
  asset_link: ASSETS,
  custody_event: ['custody.', 'assets.'],
  sharing_policy: ['sharing.', 'dashboard.', 'assets.'],
  sharing_distribution: ['sharing.', 'dashboard.', 'assets.'],
  sharing_worksheet: ['sharing.'],
  exhibit: ['exhibits.', 'custody.', 'assets.'],
  csv_mapping: ['imports.'],
  bundle: ['bundles.', 'subjects.profile'],
  keyring: ['keyring.', 'bundles.'],
  signing_key: ['keys.', 'bundles.'],
  profile: ['settings.'],
};

/** True when a query shows something the change touched. Every change adds an audit entry. */
export function dependsOn(queryKey: readonly unknown[], changes: Change[]): boolean {
  const [method, input] = queryKey as [string, Record<string, unknown> | undefined];
  if (typeof method !== 'string') return false;
  const queryCase = input && typeof input === 'object' && typeof input.caseId === 'string' ? input.caseId : undefined;
  return changes.some((c) => {
    if (queryCase && c.caseId && queryCase !== c.caseId) return false;
    const prefixes = DEPENDS[c.entity];
    if (!prefixes) return true;
    return method.startsWith('audit.') || prefixes.some((p) => method.startsWith(p));
  });
}
