import type { Ctx } from '../context.js';
import { textOf } from '../text-of.js';

/** The fields whose changes the value history lists: what moves the net and every share. */
const VALUE_FIELDS = ['valueSeizedMinor', 'valueAppraisedMinor', 'appraisedOn', 'appraiser', 'valueRealisedMinor', 'costsMinor', 'deductionsMinor'] as const;

export interface ValueChange {
  at: string;
  actor: string;
  method: string;
  field: (typeof VALUE_FIELDS)[number];
  /** Amounts as decimal text of minor units (older audit rows may hold numbers: passed on as text). */
  before: string | null;
  after: string | null;
}

const asText = (v: unknown): string | null => (v === null || v === undefined ? null : textOf(v));

/**
 * An asset's value history, read from the audit log (the tamper-evident record of every change),
 * oldest first: each appraisal, cost, claim and sale as it was entered, by whom and when. Nothing
 * is kept twice, so the history cannot disagree with the chain a court can verify.
 */
export function valueHistory(ctx: Pick<Ctx, 'sqlite'>, assetId: string): ValueChange[] {
  const rows = ctx.sqlite
    .prepare("SELECT at, actor, method, before, after FROM audit_log WHERE entity = 'asset' AND entity_id = ? ORDER BY seq")
    .all(assetId) as { at: string; actor: string; method: string; before: string; after: string }[];
  const out: ValueChange[] = [];
  for (const r of rows) {
    const before = (r.before ? JSON.parse(r.before) : null) as Record<string, unknown> | null;
    const after = (r.after ? JSON.parse(r.after) : null) as Record<string, unknown> | null;
    for (const field of VALUE_FIELDS) {
      const was = asText(before?.[field]);
      const now = asText(after?.[field]);
      // On creation only what was given is history; an absent appraisal is not a change.
      if (was === now || (before === null && now === null)) continue;
      out.push({ at: r.at, actor: r.actor, method: r.method, field, before: was, after: now });
    }
  }
  return out;
}
