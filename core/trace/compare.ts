import type { Sqlite } from '../../db/connection.js';
import { TRACE_METHODS, type TraceMethod } from './engine.js';
import type { CurrencyTotals } from './result.js';
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
}

export interface MethodComparison {
  methods: TraceMethod[];
  labels: string[];
  rows: ComparedRow[];
  totals: { method: TraceMethod; totals: CurrencyTotals[] }[];
}

/**
 * Every court method on the same marks, cut-off and data: courts pick a method, and the analyst
 * shows what each gives. Rows are the accounts and assets that hold taint under at least one
 * method; an account absent from one method's result held none there (0).
 */
export function compareMethods(sqlite: Sqlite, req: Omit<TraceRequest, 'method'>, hooks: RunHooks = {}): MethodComparison {
  const methods = [...TRACE_METHODS];
  const rows = new Map<string, ComparedRow>();
  const totals: MethodComparison['totals'] = [];
  let labels: string[] = [];
  methods.forEach((method, m) => {
    const r = runTrace(sqlite, { ...req, method }, hooks);
    labels = r.labels;
    totals.push({ method, totals: r.totals });
    const put = (key: string, make: () => Omit<ComparedRow, 'taintedMinor' | 'minMinor' | 'maxMinor'>, tainted: string) => {
      let row = rows.get(key);
      if (!row) rows.set(key, (row = { ...make(), taintedMinor: methods.map(() => '0'), minMinor: '0', maxMinor: '0' }));
      row.taintedMinor[m] = tainted;
    };
    for (const a of r.accounts)
      if (a.taintedMinor !== '0' || a.taintedInMinor !== '0')
        put(`a|${a.accountId}|${a.currency}`, () => ({ kind: 'account', id: a.accountId, name: a.identifier, detail: a.holderName, external: a.external, currency: a.currency }), a.taintedMinor);
    for (const a of r.assets)
      put(`s|${a.assetId}|${a.currency}`, () => ({ kind: 'asset', id: a.assetId, name: a.description, detail: '', external: false, currency: a.currency }), a.taintedMinor);
  });
  const out = [...rows.values()].filter((r) => r.kind === 'asset' || r.taintedMinor.some((t) => t !== '0'));
  for (const r of out) {
    const v = r.taintedMinor.map(BigInt);
    r.minMinor = v.reduce((a, b) => (b < a ? b : a)).toString();
    r.maxMinor = v.reduce((a, b) => (b > a ? b : a)).toString();
  }
  // Assets first (what can be forfeited), then accounts by the widest range.
  out.sort((a, b) => (a.kind !== b.kind ? (a.kind === 'asset' ? -1 : 1) : Number(BigInt(b.maxMinor) - BigInt(b.minMinor) - (BigInt(a.maxMinor) - BigInt(a.minMinor))) || (a.name < b.name ? -1 : 1)));
  return { methods, labels, rows: out, totals };
}
