import { ProceedsError } from '../errors.js';
import { minorText, toMinor, type Minor, type MinorText } from '../money.js';
import type { SharingPolicy } from './policy.js';

/**
 * Equitable sharing of an asset's net proceeds: pure and exact. Every rule of the policy (the
 * keeper's share, the cap, the minimums) is a fraction of the net, so which agency is lifted to
 * its minimum or whether the cap binds does not depend on the amount: a case's plan is worked out
 * once, as exact fractions, and each asset's net is then divided by it and rounded to the minor
 * unit by largest remainder, so the shares add up to the net exactly.
 */

export interface Participant {
  agencyId: string;
  name: string;
  code: string;
  role: string;
  hours: number;
}

export interface Share extends Participant {
  /** What the share followed: hours, or 1 for equal parts. */
  basis: number;
  /** Decimal text of minor units: the shares of a net past 2^53 must still add up to it exactly. */
  shareMinor: MinorText;
  keeper: boolean;
  /** The minimum share lifted this agency above its proportional part. */
  raisedToMinimum: boolean;
}

export interface Distribution {
  netMinor: MinorText;
  shares: Share[];
  keeperAgencyId: string | null;
  /** Other agencies together would have had more than the cap allows. */
  capped: boolean;
}

/** A case's division of "one net": agency i gets net * num_i / den. */
export interface SharingPlan {
  den: bigint;
  parts: { p: Participant; basis: bigint; num: bigint }[];
  keeper: Participant | undefined;
  capped: boolean;
  raised: Set<string>;
}

const policyError = (path: string, message: string) =>
  new ProceedsError('Invalid', `policy.${path}: ${message}`, [{ path: `policy.${path}`, message }]);

/** Agency codes compare by code point, not locale: the same order on every machine. */
const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

interface Member {
  id: string;
  basis: bigint;
  minimum: boolean;
}

/**
 * Divides `total` (basis points of the net) among `members` by basis, lifting any member with a
 * claim to the minimum first (repeatedly: lifting one shrinks what the others divide, which may pull
 * another under it). Returns numerators over `den`, in basis points of the net.
 */
function divide(total: bigint, members: Member[], minimum: bigint): { den: bigint; nums: Map<string, bigint>; raised: Set<string> } {
  const raised = new Set<string>();
  for (;;) {
    const rest = total - minimum * BigInt(raised.size);
    if (rest < 0n) throw policyError('minimumBps', 'the minimum shares add up to more than there is to share');
    const free = members.filter((m) => !raised.has(m.id));
    const weight = free.reduce((w, m) => w + m.basis, 0n);
    if (weight === 0n) {
      // Everyone was lifted: what is left over follows the bases of all of them.
      const all = members.reduce((w, m) => w + m.basis, 0n) || 1n;
      return { den: all, nums: new Map(members.map((m) => [m.id, minimum * all + rest * m.basis])), raised };
    }
    // rest * basis / weight < minimum  <=>  rest * basis < minimum * weight
    const under = free.filter((m) => m.minimum && rest * m.basis < minimum * weight);
    if (under.length === 0)
      return { den: weight, nums: new Map(members.map((m) => [m.id, raised.has(m.id) ? minimum * weight : rest * m.basis])), raised };
    under.forEach((m) => raised.add(m.id));
  }
}

function pickKeeper(parts: Participant[], policy: SharingPolicy): Participant | undefined {
  let keeper: Participant | undefined;
  for (const p of parts) if (p.role === policy.keeper && (!keeper || byCode(p.code, keeper.code) < 0)) keeper = p;
  return keeper;
}

/** Works out a case's plan: who keeps, who is lifted, whether the cap binds, each agency's exact fraction. */
export function planSharing(participants: Participant[], policy: SharingPolicy): SharingPlan {
  if (participants.length === 0) throw new ProceedsError('Invalid', 'the case has no participating agencies to share with');
  const basisOf = (p: Participant) => BigInt(policy.basis === 'hours' ? p.hours : 1);
  if (participants.every((p) => basisOf(p) === 0n))
    throw policyError('basis', 'no hours are recorded for any participating agency; record hours, or share in equal parts');
  const keeper = pickKeeper(participants, policy);
  if ((policy.keeperShareBps > 0 || policy.capBps !== undefined) && !keeper)
    throw policyError('keeper', `the case has no ${policy.keeper} agency to keep the retained share`);
  const members = participants.filter((p) => basisOf(p) > 0n).map((p) => ({ id: p.agencyId, basis: basisOf(p), minimum: p !== keeper }));
  const others = members.filter((m) => m.id !== keeper?.agencyId);
  const minimum = BigInt(policy.minimumBps);
  let q = divide(10_000n - BigInt(policy.keeperShareBps), members, minimum);
  const othersNum = () => others.reduce((n, m) => n + q.nums.get(m.id)!, 0n);
  let capped = false;
  if (policy.capBps !== undefined && othersNum() > BigInt(policy.capBps) * q.den) {
    capped = true;
    q = divide(BigInt(policy.capBps), others, minimum);
  }
  // The keeper takes exactly what is left, so the fractions add up to one.
  const nums = new Map(others.map((m) => [m.id, q.nums.get(m.id)!]));
  if (keeper) nums.set(keeper.agencyId, 10_000n * q.den - othersNum());
  return {
    den: q.den * 10_000n,
    parts: participants.map((p) => ({ p, basis: basisOf(p), num: nums.get(p.agencyId) ?? 0n })),
    keeper,
    capped,
    raised: new Set([...q.raised].filter((id) => id !== keeper?.agencyId)),
  };
}

/** Largest remainder: floors first, then one unit each to the largest remainders (ties: larger basis, then agency code). */
export function applySharing(netMinor: Minor | MinorText, plan: SharingPlan): Distribution {
  const given = toMinor(netMinor);
  // A net below zero (costs and liens above the value) leaves nothing to share.
  const net = given > 0n ? given : 0n;
  const { parts, den } = plan;
  // Plain arrays, not spread objects: copying objects that hold BigInts is slow in V8, and the
  // dashboard runs this for every forfeited asset in its filter.
  const floors: bigint[] = [];
  const rems: bigint[] = [];
  let left = net;
  for (const x of parts) {
    const product = net * x.num;
    floors.push(product / den);
    rems.push(product % den);
    left -= product / den;
  }
  if (left > 0n) {
    const order = parts.map((_, i) => i).sort((i, j) =>
      (rems[j] > rems[i] ? 1 : rems[j] < rems[i] ? -1 : 0) ||
      (parts[j].basis > parts[i].basis ? 1 : parts[j].basis < parts[i].basis ? -1 : 0) ||
      byCode(parts[i].p.code, parts[j].p.code));
    for (const i of order) {
      if (left <= 0n) break;
      floors[i] += 1n;
      left--;
    }
  }
  return {
    netMinor: minorText(given),
    keeperAgencyId: plan.keeper?.agencyId ?? null,
    capped: plan.capped,
    shares: parts.map(({ p, basis }, i) => ({
      agencyId: p.agencyId, name: p.name, code: p.code, role: p.role, hours: p.hours,
      basis: Number(basis), shareMinor: minorText(floors[i]), keeper: p === plan.keeper, raisedToMinimum: plan.raised.has(p.agencyId),
    })),
  };
}

export function computeSharing(netMinor: Minor | MinorText, participants: Participant[], policy: SharingPolicy): Distribution {
  return applySharing(netMinor, planSharing(participants, policy));
}
