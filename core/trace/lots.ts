import { takeWithClean } from './apportion.js';
import { add, sub, zeros, type Amt } from './amount.js';
import type { Pool, Taint } from './pool.js';

const CLEAN = -1;
const MIXED = -2;

/** An account's deposits still in it, oldest first; `head` is the oldest not yet spent. */
class Lots {
  amounts: Amt[] = [];
  taints: Taint[] = [];
  /** CLEAN, MIXED, or the one label a lot is wholly tainted with. */
  kinds: number[] = [];
  head = 0;
  readonly held: Amt[];

  constructor(labels: number) {
    this.held = zeros(labels);
  }

  push(amount: Amt, taint: Taint, kind: number): void {
    this.amounts.push(amount);
    this.taints.push(taint);
    this.kinds.push(kind);
  }
}

/**
 * FIFO and LIFO: the account keeps its deposits as lots in the order they arrived, and a
 * withdrawal consumes whole lots from one end. FIFO takes the oldest first (Clayton's case, 1816);
 * LIFO the newest. A lot that is only partly taken gives up clean and tainted money in the
 * proportion it holds them (a deposit is one sum; its parts are not ordered), by largest remainder.
 *
 * Neighbouring lots of the same kind (all clean, or all of one label) are merged: taking from
 * either end of them gives the same result. An account holding no taint is one clean lot, kept as
 * its balance alone (most accounts of a large case never see taint; they cost one number).
 */
abstract class LotPool implements Pool {
  balance: Amt = 0;
  taintedTotal: Amt = 0;
  protected lots: Lots | null = null;

  constructor(private readonly labels: number) {}

  deposit(amount: Amt, taint: Taint): void {
    if (!taint && !this.lots) {
      this.balance = add(this.balance, amount);
      return;
    }
    let lots = this.lots;
    if (!lots) {
      lots = this.lots = new Lots(this.labels);
      if (this.balance > 0) lots.push(this.balance, null, CLEAN);
    }
    this.balance = add(this.balance, amount);
    const kind = taint ? kindOf(amount, taint) : CLEAN;
    if (taint)
      for (let i = 0; i < taint.length; i++) {
        lots.held[i] = add(lots.held[i], taint[i]);
        this.taintedTotal = add(this.taintedTotal, taint[i]);
      }
    const last = lots.amounts.length - 1;
    if (last >= lots.head && kind !== MIXED && lots.kinds[last] === kind) {
      lots.amounts[last] = add(lots.amounts[last], amount);
      const t = lots.taints[last];
      if (t && taint) for (let i = 0; i < t.length; i++) t[i] = add(t[i], taint[i]);
      return;
    }
    lots.push(amount, taint ? taint.slice() : null, kind);
  }

  withdraw(amount: Amt): Taint {
    this.balance = sub(this.balance, amount);
    const lots = this.lots;
    if (!lots) return null;
    if (this.taintedTotal === 0) {
      // Nothing tainted is left: the lots are all clean, so the account is its balance again.
      this.lots = null;
      return null;
    }
    const out = zeros(this.labels);
    let left = amount;
    let took: Amt = 0;
    while (left > 0) {
      if (lots.amounts.length <= lots.head) throw new Error('trace: a withdrawal went beyond the funds held');
      const i = this.next(lots);
      const a = lots.amounts[i];
      const t = lots.taints[i];
      if (a <= left) {
        if (t)
          for (let l = 0; l < t.length; l++) {
            out[l] = add(out[l], t[l]);
            took = add(took, t[l]);
          }
        left = sub(left, a);
        this.drop(lots);
      } else {
        if (t) took = add(took, takePart(lots, i, left, out));
        lots.amounts[i] = sub(a, left);
        left = 0;
      }
    }
    for (let l = 0; l < out.length; l++) lots.held[l] = sub(lots.held[l], out[l]);
    this.taintedTotal = sub(this.taintedTotal, took);
    if (this.taintedTotal === 0) this.lots = null;
    return took > 0 ? out : null;
  }

  held(): Amt[] {
    return this.lots ? this.lots.held.slice() : zeros(this.labels);
  }

  /** Index of the lot the next withdrawal takes from. */
  protected abstract next(lots: Lots): number;
  /** Removes that lot. */
  protected abstract drop(lots: Lots): void;
}

/** Takes `part` of lot i's money, clean and tainted in proportion; adds the tainted part to `out`. */
function takePart(lots: Lots, i: number, part: Amt, out: Amt[]): Amt {
  const t = lots.taints[i]!;
  const a = lots.amounts[i];
  let tainted: Amt = 0;
  for (const x of t) tainted = add(tainted, x);
  const shares = takeWithClean(part, sub(a, tainted), t, a);
  if (!shares) return 0;
  let took: Amt = 0;
  for (let l = 0; l < t.length; l++) {
    out[l] = add(out[l], shares[l]);
    took = add(took, shares[l]);
  }
  if (tainted === took) lots.kinds[i] = CLEAN;
  return took;
}

function kindOf(amount: Amt, taint: Amt[]): number {
  let label = CLEAN;
  for (let i = 0; i < taint.length; i++) {
    if (taint[i] === 0) continue;
    if (label !== CLEAN || taint[i] !== amount) return MIXED;
    label = i;
  }
  return label;
}

export class FifoPool extends LotPool {
  protected next(lots: Lots): number {
    return lots.head;
  }

  protected drop(lots: Lots): void {
    lots.head++;
    // Compact now and then, so a long-lived account does not keep every lot it ever had.
    if (lots.head > 64 && lots.head * 2 > lots.amounts.length) {
      lots.amounts = lots.amounts.slice(lots.head);
      lots.taints = lots.taints.slice(lots.head);
      lots.kinds = lots.kinds.slice(lots.head);
      lots.head = 0;
    }
  }
}

export class LifoPool extends LotPool {
  protected next(lots: Lots): number {
    return lots.amounts.length - 1;
  }

  protected drop(lots: Lots): void {
    lots.amounts.pop();
    lots.taints.pop();
    lots.kinds.pop();
  }
}
