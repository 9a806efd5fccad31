import type { Ctx } from '../context.js';
import { NATIVE_NET_SQL, NET_SQL } from '../assets/queries.js';
import { netFitsNative } from '../assets/money-sql.js';
import { minorText, type MinorText } from '../money.js';
import { filterSql } from './filters.js';
import { DEFAULT_POLICY, SharingPolicy } from './policy.js';
import { applySharing, planSharing, type Participant, type Share, type SharingPlan } from './sharing.js';
import type { DashboardFilters } from './schemas.js';

const POLICY_KEY = 'sharing.policy';

export function savedPolicy(ctx: Pick<Ctx, 'sqlite'>): SharingPolicy {
  const row = ctx.sqlite.prepare('SELECT value FROM settings WHERE key = ?').get(POLICY_KEY) as { value: string } | undefined;
  return row ? SharingPolicy.parse(JSON.parse(row.value)) : DEFAULT_POLICY;
}

export function savePolicy(ctx: Pick<Ctx, 'sqlite'>, policy: SharingPolicy): void {
  ctx.sqlite
    .prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
    .run(POLICY_KEY, JSON.stringify(policy));
}

const PARTICIPANTS_SQL = `SELECT p.case_id AS caseId, p.agency_id AS agencyId, g.name, g.code, p.role, p.hours
  FROM case_participants p JOIN agencies g ON g.id = p.agency_id`;

export function participantsOf(ctx: Pick<Ctx, 'sqlite'>, caseId: string): Participant[] {
  return ctx.sqlite.prepare(`${PARTICIPANTS_SQL} WHERE p.case_id = ? ORDER BY g.code`).all(caseId) as Participant[];
}

export interface AgencyShare {
  agencyId: string;
  name: string;
  code: string;
  currency: string;
  /** recordedMinor + projectedMinor. */
  shareMinor: MinorText;
  /** From distributions decided and recorded (sharing.compute), each under the policy of its day. */
  recordedMinor: MinorText;
  /** Projected under the current policy for shared assets with nothing recorded yet: not a decision. */
  projectedMinor: MinorText;
  /** Assets this agency has a non-zero share of, and how many of them are recorded and projected. */
  assets: number;
  recordedAssets: number;
  projectedAssets: number;
}

export interface SharingSummary {
  policy: SharingPolicy;
  byAgency: AgencyShare[];
  /** Assets whose shares come from a distribution recorded with its own policy. */
  recordedAssets: number;
  /** Assets whose shares are projected under `policy` (nothing recorded yet). */
  projectedAssets: number;
  /** Cases whose forfeited assets cannot be shared under the policy, and why. */
  skipped: { caseNumber: string; assets: number; reason: string }[];
  skippedCount: number;
}

/** Distributions recorded before exact money hold shareMinor as a JSON number; newer ones as text. */
type ShareLike = Pick<Share, 'agencyId' | 'name' | 'code'> & { shareMinor: MinorText | number };

interface Tally {
  agencyId: string; name: string; code: string; currency: string;
  recorded: bigint; projected: bigint; recordedAssets: number; projectedAssets: number;
}

/**
 * Adds (sign 1) or takes back (sign -1) one asset's shares in the per-agency totals, in BigInt,
 * on the recorded or the projected side: a supervisor must see what was decided apart from what
 * the current policy would give.
 */
function tally(totals: Map<string, Tally>, shares: ShareLike[], currency: string, sign: 1 | -1, kind: 'recorded' | 'projected') {
  for (const s of shares) {
    const share = BigInt(s.shareMinor);
    if (share === 0n) continue;
    const key = `${s.agencyId}|${currency}`;
    let t = totals.get(key);
    if (!t) totals.set(key, (t = { agencyId: s.agencyId, name: s.name, code: s.code, currency, recorded: 0n, projected: 0n, recordedAssets: 0, projectedAssets: 0 }));
    const signed = sign === 1 ? share : -share;
    if (kind === 'recorded') {
      t.recorded += signed;
      t.recordedAssets += sign;
    } else {
      t.projected += signed;
      t.projectedAssets += sign;
    }
  }
}

/**
 * Shares per agency over the forfeited and disposed assets in the filter. A recorded distribution
 * wins (its policy was the one in force when it was decided); the others are projected. All assets
 * are projected in one lean pass over the covering index, then the few with a recorded distribution
 * have their projection swapped for what was recorded: the same sum, without a lookup per asset.
 */
export function sharingSummary(ctx: Pick<Ctx, 'sqlite'>, filters: DashboardFilters, policy: SharingPolicy): SharingSummary {
  const summary: SharingSummary = { policy, byAgency: [], recordedAssets: 0, projectedAssets: 0, skipped: [], skippedCount: 0 };
  // Only forfeited and disposed assets are shared; a filter on other statuses leaves nothing to share.
  const statuses = (filters.statuses ?? ['forfeited', 'disposed']).filter((s) => s === 'forfeited' || s === 'disposed');
  if (statuses.length === 0) return summary;
  const { where, params } = filterSql({ ...filters, statuses });
  const byCase = new Map<string, Participant[]>();
  for (const p of ctx.sqlite.prepare(`${PARTICIPANTS_SQL} ORDER BY g.code`).all() as (Participant & { caseId: string })[])
    byCase.set(p.caseId, [...(byCase.get(p.caseId) ?? []), p]);
  // One plan per case: the policy's thresholds do not depend on the amount, only each net does.
  const plans = new Map<string, SharingPlan | Error>();
  const planOf = (caseId: string) => {
    if (!plans.has(caseId)) {
      try {
        plans.set(caseId, planSharing(byCase.get(caseId) ?? [], policy));
      } catch (e) {
        plans.set(caseId, e as Error);
      }
    }
    return plans.get(caseId)!;
  };
  // Nets in SQLite's integer arithmetic while every amount is narrow enough to be exact, else mnet.
  const netSql = netFitsNative(ctx.sqlite, where, params) ? NATIVE_NET_SQL : NET_SQL;
  const totals = new Map<string, Tally>();
  const unshared = new Map<string, number>();
  const project = (caseId: string, currency: string, net: MinorText | number, sign: 1 | -1) => {
    const plan = planOf(caseId);
    if (plan instanceof Error) unshared.set(caseId, (unshared.get(caseId) ?? 0) + sign);
    else tally(totals, applySharing(typeof net === 'number' ? BigInt(net) : net, plan).shares, currency, sign, 'projected');
    return !(plan instanceof Error);
  };
  const all = ctx.sqlite.prepare(`SELECT a.case_id, a.currency, ${netSql} FROM assets a ${where}`).raw().all(params) as [string, string, MinorText | number][];
  for (const [caseId, currency, net] of all) if (project(caseId, currency, net, 1)) summary.projectedAssets++;
  const recorded = ctx.sqlite
    .prepare(
      `SELECT a.case_id, a.currency, ${netSql}, d.result FROM sharing_distributions d JOIN assets a ON a.id = d.asset_id
       ${where ? `${where} AND` : 'WHERE'} d.id = (SELECT max(x.id) FROM sharing_distributions x WHERE x.asset_id = d.asset_id)`,
    )
    .raw()
    .all(params) as [string, string, MinorText | number, string][];
  for (const [caseId, currency, net, result] of recorded) {
    if (project(caseId, currency, net, -1)) summary.projectedAssets--;
    tally(totals, JSON.parse(result) as ShareLike[], currency, 1, 'recorded');
    summary.recordedAssets++;
  }
  const number = ctx.sqlite.prepare('SELECT number FROM cases WHERE id = ?').pluck();
  for (const [caseId, assets] of unshared) {
    if (assets <= 0) continue;
    summary.skippedCount += assets;
    summary.skipped.push({ caseNumber: number.get(caseId) as string, assets, reason: (plans.get(caseId) as Error).message });
  }
  summary.byAgency = [...totals.values()]
    .map((t) => ({ t, share: t.recorded + t.projected }))
    .filter(({ t }) => t.recorded !== 0n || t.projected !== 0n)
    .sort((a, b) => a.t.currency.localeCompare(b.t.currency) || (b.share > a.share ? 1 : b.share < a.share ? -1 : 0) || a.t.code.localeCompare(b.t.code))
    .map(({ t, share }) => ({
      agencyId: t.agencyId, name: t.name, code: t.code, currency: t.currency,
      shareMinor: minorText(share), recordedMinor: minorText(t.recorded), projectedMinor: minorText(t.projected),
      assets: t.recordedAssets + t.projectedAssets, recordedAssets: t.recordedAssets, projectedAssets: t.projectedAssets,
    }));
  return summary;
}
