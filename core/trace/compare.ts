import type { Sqlite } from '../../db/connection.js';
import { TRACE_METHODS, type TraceMethod } from './engine.js';
import type { CurrencyTotals } from './result.js';
import { SAME_DAY_ORDERS, type SameDayOrder } from './ledger.js';
import { runTrace, type RunHooks, type TraceRequest } from './run.js';

/** One account's or asset's tainted amount under every method, and the range they span. */
export interface ComparedRow {
  kind: 'account' | 'asset';
  id: string;
  name: string;
  detail: string;
  external: boolean;
  currency: string;
  /** Per method, in the order of `methods` (decimal text of minor units). */
  taintedMinor: string[];
  minMinor: string;
  maxMinor: string;
  /**
   * Where same-day order is unknown (`MethodComparison.sameDayUnknown`): per method, the least and
   * the most tainted amount over the orderings tried (`orderings`): the best and the worst ordering
   * for the claimant. Absent when every day's order is known.
   */
  bestMinor?: string[];
  worstMinor?: string[];
}

export interface MethodComparison {
  methods: TraceMethod[];
  labels: string[];
  rows: ComparedRow[];
  totals: { method: TraceMethod; totals: CurrencyTotals[] }[];
  /** Whether the case has rows tied on their ordering key (same day, no time or the same time), whose order is unknown. */
  sameDayUnknown: boolean;
  /** The orderings of those rows that were traced (the recorded one first). */
  orderings: SameDayOrder[];
}

/** Rows sharing an ordering key: their order within the day is not known from the data. */
function hasTies(sqlite: Sqlite, caseId: string, until?: string): boolean {
  const cut = until ? ` AND time_key <= ?` : '';
  const args = until ? [caseId, until.length === 10 ? `${until}T24` : until] : [caseId];
  return sqlite.prepare(`SELECT 1 FROM transactions WHERE case_id = ?${cut} GROUP BY time_key HAVING count(*) > 1 LIMIT 1`).get(...args) !== undefined;
}

/**
 * Every court method on the same marks, cut-off and data: courts pick a method, and the analyst
 * shows what each gives. Rows are the accounts and assets that hold taint under at least one
 * method; an account absent from one method's result held none there (0).
 */
export function compareMethods(sqlite: Sqlite, req: Omit<TraceRequest, 'method'>, hooks: RunHooks = {}): MethodComparison {
  const methods = [...TRACE_METHODS];
  const sameDayUnknown = hasTies(sqlite, req.caseId, req.params.until);
  const orderings: SameDayOrder[] = sameDayUnknown ? [...SAME_DAY_ORDERS] : ['recorded'];
  const rows = new Map<string, ComparedRow>();
  const totals: MethodComparison['totals'] = [];
  let labels: string[] = [];
  /** Per row key, per method, per ordering: the tainted amount. */
  const byOrdering = new Map<string, bigint[][]>();
  methods.forEach((method, m) => {
    orderings.forEach((sameDay, o) => {
      const r = runTrace(sqlite, { ...req, method }, { ...hooks, sameDay });
      const put = (key: string, make: () => Omit<ComparedRow, 'taintedMinor' | 'minMinor' | 'maxMinor'>, tainted: string) => {
        let row = rows.get(key);
        if (!row) rows.set(key, (row = { ...make(), taintedMinor: methods.map(() => '0'), minMinor: '0', maxMinor: '0' }));
        if (o === 0) row.taintedMinor[m] = tainted;
        let grid = byOrdering.get(key);
        if (!grid) byOrdering.set(key, (grid = methods.map(() => orderings.map(() => 0n))));
        grid[m][o] = BigInt(tainted);
      };
      if (o === 0) {
        labels = r.labels;
        totals.push({ method, totals: r.totals });
      }
      for (const a of r.accounts)
        if (a.taintedMinor !== '0' || a.taintedInMinor !== '0')
          put(`a|${a.accountId}|${a.currency}`, () => ({ kind: 'account', id: a.accountId, name: a.identifier, detail: a.holderName, external: a.external, currency: a.currency }), a.taintedMinor);
      for (const a of r.assets)
        put(`s|${a.assetId}|${a.currency}`, () => ({ kind: 'asset', id: a.assetId, name: a.description, detail: '', external: false, currency: a.currency }), a.taintedMinor);
    });
  });
  const min = (v: bigint[]) => v.reduce((a, b) => (b < a ? b : a));
  const max = (v: bigint[]) => v.reduce((a, b) => (b > a ? b : a));
  for (const [key, r] of rows) {
    const v = r.taintedMinor.map(BigInt);
    r.minMinor = min(v).toString();
    r.maxMinor = max(v).toString();
    if (!sameDayUnknown) continue;
    const grid = byOrdering.get(key)!;
    r.bestMinor = grid.map((g) => min(g).toString());
    r.worstMinor = grid.map((g) => max(g).toString());
  }
  const out = [...rows.values()].filter((r) => r.kind === 'asset' || r.taintedMinor.some((t) => t !== '0') || r.worstMinor?.some((t) => t !== '0'));
  // Assets first (what can be forfeited), then accounts by the widest range.
  out.sort((a, b) => (a.kind !== b.kind ? (a.kind === 'asset' ? -1 : 1) : Number(BigInt(b.maxMinor) - BigInt(b.minMinor) - (BigInt(a.maxMinor) - BigInt(a.minMinor))) || (a.name < b.name ? -1 : 1)));
  return { methods, labels, rows: out, totals, sameDayUnknown, orderings };
}
