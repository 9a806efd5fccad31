import type { Sqlite } from '../../db/connection.js';
import type { RunHooks, TraceRequest } from './run.js';
import { buildSchedule, type ProvenanceShare, type ScheduleAsset, type ScheduleSource } from './schedule.js';

export interface ProvenanceRow {
  transactionId: string;
  occurredAt: string;
  reference: string;
  /** The paying account (identifier) and the other side as the schedule names it. */
  fromAccount: string;
  counterparty: string;
  direction: 'out' | 'in';
  currency: string;
  /** The tainted part the debit carried. */
  taintedMinor: string;
  provenance: ProvenanceShare[];
}

export interface NodeProvenance {
  sources: ScheduleSource[];
  rows: ProvenanceRow[];
  assets: ScheduleAsset[];
  /** False when there were too many sources to follow each one (the schedule says so too). */
  complete: boolean;
}

const MAX_ROWS = 500;

/**
 * Where the tainted money an account paid out or received came from: each tainted debit from or
 * into the account, split by source deposit (label, original transaction) with the accounts it went
 * through, as the tracing schedule computes it; and the tainted assets bought from the account.
 */
export function nodeProvenance(sqlite: Sqlite, req: TraceRequest, accountId: string, hooks: RunHooks = {}): NodeProvenance {
  const s = buildSchedule(sqlite, req, { caseNumber: '', caseTitle: '', dataVersion: '', checkpoint: '', generatedAt: '', generatedBy: '' }, hooks);
  const tx = new Map(s.result.transactions.map((t) => [t.transactionId, t]));
  const rows: ProvenanceRow[] = [];
  for (const a of s.accounts)
    for (const r of a.rows) {
      if (!r.debitMinor || r.movedMinor === '0' || r.movedMinor === '') continue;
      const t = tx.get(r.transactionId);
      const out = a.accountId === accountId;
      if (!out && t?.toAccountId !== accountId) continue;
      if (rows.length >= MAX_ROWS) break;
      rows.push({
        transactionId: r.transactionId, occurredAt: r.occurredAt, reference: r.reference, fromAccount: a.identifier, counterparty: r.counterparty,
        direction: out ? 'out' : 'in', currency: a.currency, taintedMinor: r.movedMinor, provenance: r.provenance,
      });
    }
  const fromAccount = new Set(s.result.transactions.filter((t) => t.fromAccountId === accountId).map((t) => t.transactionId));
  const assets = s.assets.filter((a) => BigInt(a.taintedMinor) > 0n && s.result.assets.find((x) => x.assetId === a.assetId)?.transactionIds.some((id) => fromAccount.has(id)));
  const used = new Set([...rows.flatMap((r) => r.provenance), ...assets.flatMap((a) => a.provenance)].map((p) => p.source));
  return { sources: s.sources.filter((x) => used.has(x.number)), rows, assets, complete: !s.header.provenanceNote.toLowerCase().includes('left out') };
}
