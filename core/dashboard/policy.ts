import { z } from 'zod';

const bps = (what: string) =>
  z.number().int(`${what} is in whole basis points (1% = 100)`).min(0, `${what} cannot be negative`).max(10_000, `${what} cannot exceed 10000 (100%)`);

/**
 * How net proceeds of a forfeited asset are shared among the agencies of a joint case. Stored,
 * whole, with every distribution computed under it, so a later change of policy never rewrites
 * what was decided before.
 */
export const SharingPolicy = z
  .object({
    /** What a share follows: hours contributed (case_participants.hours), or equal parts. */
    basis: z.enum(['hours', 'equal']).default('hours'),
    /** Which participant keeps the off-the-top share and whatever the cap holds back. */
    keeper: z.enum(['lead', 'federal']).default('lead'),
    /** Share of the net kept by the keeper before anything is divided. */
    keeperShareBps: bps('keeperShareBps').default(0),
    /** Most of the net that may go to agencies other than the keeper, all together. */
    capBps: bps('capBps').optional(),
    /** Least share of the net an agency with any contribution gets, taken before the rest is divided. */
    minimumBps: bps('minimumBps').default(0),
    /** The stated rounding rule; recorded so a reader of an old distribution knows it. */
    rounding: z.literal('largest-remainder').default('largest-remainder'),
    tieBreak: z.literal('larger-basis-then-agency-code').default('larger-basis-then-agency-code'),
  });

export type SharingPolicy = z.output<typeof SharingPolicy>;

export const DEFAULT_POLICY: SharingPolicy = SharingPolicy.parse({});

/** Human words for a policy, for reports and the CLI. */
export function describePolicy(p: SharingPolicy): string {
  const parts = [`shares follow ${p.basis === 'hours' ? 'hours contributed' : 'equal parts'}`];
  if (p.keeperShareBps) parts.push(`the ${p.keeper} agency keeps ${p.keeperShareBps / 100}% first`);
  if (p.capBps !== undefined) parts.push(`other agencies get at most ${p.capBps / 100}% together`);
  if (p.minimumBps) parts.push(`each contributing agency gets at least ${p.minimumBps / 100}%`);
  parts.push('rounded to the minor unit by largest remainder (ties: larger basis, then agency code)');
  return parts.join('; ');
}
