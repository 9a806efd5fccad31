import { runEngine, type EngineOutput, type Ledger, type TraceMethod } from '../../../core/trace/engine.js';
import { rng } from '../../../bench/random.js';
import { big, type Amt } from '../../../core/trace/amount.js';

export { rng };

/** A transfer in a hand-written ledger: from and to are account names, or null for outside the data. */
export interface Step {
  from: string | null;
  to: string | null;
  amount: number | bigint;
  /** What the receiving side got, when the step is an exchange into another currency. */
  toAmount?: number | bigint;
  /** Labels this transfer is marked with (tainted in full when it arrives). */
  marked?: string[];
}

export interface Traced {
  out: EngineOutput;
  ledger: Ledger;
  /** Tainted held in an account, per label name (a safe number; exact: heldExact). */
  held(account: string, label?: string): number;
  heldExact(account: string, label?: string): bigint;
  balance(account: string): number;
  /** Tainted part that arrived with step i (all labels, or one). */
  carried(step: number, label?: string): number;
}

/** A BigInt result as a number, for readable expectations; refuses to lose precision. */
export function num(x: bigint): number {
  const n = Number(x);
  if (!Number.isSafeInteger(n)) throw new Error(`${x} is past 2^53: compare it as a BigInt`);
  return n;
}

/** Runs the engine over steps given in time order; `external` accounts are sinks. */
export function trace(method: TraceMethod, steps: Step[], opts: { external?: string[]; labels?: string[]; currency?: Record<string, number> } = {}): Traced {
  const names: string[] = [];
  const slot = (n: string | null) => {
    if (n === null) return -1;
    let i = names.indexOf(n);
    if (i < 0) i = names.push(n) - 1;
    return i;
  };
  const labels = opts.labels ?? [...new Set(steps.flatMap((s) => s.marked ?? []))];
  if (labels.length === 0) labels.push('tainted');
  const from = Int32Array.from(steps.map((s) => slot(s.from)));
  const to = Int32Array.from(steps.map((s) => slot(s.to)));
  const marks = new Map<number, number[]>();
  steps.forEach((s, i) => s.marked && marks.set(i, s.marked.map((l) => labels.indexOf(l))));
  const ledger: Ledger = {
    slots: names.length,
    sink: Uint8Array.from(names.map((n) => (opts.external?.includes(n) ? 1 : 0))),
    from,
    to,
    group: names.map((n) => opts.currency?.[n] ?? 0),
    amount: steps.map((s) => BigInt(s.amount)),
    toAmount: steps.map((s) => (s.toAmount === undefined ? undefined : BigInt(s.toAmount))),
    length: steps.length,
  };
  const out = runEngine({ ledger, method, labels: labels.length, marks });
  const L = labels.length;
  const at = (arr: Amt[], account: string, label?: string): bigint => {
    const s = names.indexOf(account);
    if (s < 0) throw new Error(`no account ${account}`);
    if (label) return big(arr[s * L + labels.indexOf(label)]);
    let sum = 0n;
    for (let l = 0; l < L; l++) sum += big(arr[s * L + l]);
    return sum;
  };
  return {
    out,
    ledger,
    held: (account, label) => num(at(out.held, account, label)),
    heldExact: (account, label) => at(out.held, account, label),
    balance: (account) => num(big(out.balance[names.indexOf(account)])),
    carried: (step, label) => {
      const t = out.tainted.taint[out.tainted.event.indexOf(step)];
      if (!t) return 0;
      return num(label ? big(t[labels.indexOf(label)]) : t.reduce((a: bigint, b) => a + big(b), 0n));
    },
  };
}

