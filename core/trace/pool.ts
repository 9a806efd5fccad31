import { add, sub, zeros, type Amt } from './amount.js';

/**
 * An account's funds as the trace sees them: how much it holds and which part of it is tainted,
 * per label. Each tracing method is a kind of pool that decides what a withdrawal carries.
 * Amounts are exact integers of minor units (amount.ts: numbers while safe, BigInt beyond).
 */

/** Tainted part per label (index = label), or null when the money is all clean. */
export type Taint = Amt[] | null;

export interface Pool {
  /** Funds held, per the trace (never negative: see the overdraft rule in engine.ts). */
  readonly balance: Amt;
  /** Tainted funds held, all labels together. */
  readonly taintedTotal: Amt;
  deposit(amount: Amt, taint: Taint): void;
  /** Takes `amount` (<= balance) out and returns its tainted part. */
  withdraw(amount: Amt): Taint;
  /** Tainted part held, per label (a copy). */
  held(): Amt[];
}

/**
 * A pool that only needs totals per label, not the order funds came in: pro-rata, LIBR and
 * tainted-first differ only in which colour a withdrawal takes first.
 */
export abstract class VectorPool implements Pool {
  balance: Amt = 0;
  taintedTotal: Amt = 0;
  /** Allocated when taint first arrives: most accounts of a large case never hold any. */
  protected tainted: Amt[] = EMPTY;

  constructor(protected readonly labels: number) {}

  deposit(amount: Amt, taint: Taint): void {
    this.balance = add(this.balance, amount);
    if (!taint) return;
    if (this.tainted === EMPTY) this.tainted = zeros(this.labels);
    for (let i = 0; i < taint.length; i++) {
      this.tainted[i] = add(this.tainted[i], taint[i]);
      this.taintedTotal = add(this.taintedTotal, taint[i]);
    }
  }

  withdraw(amount: Amt): Taint {
    if (this.taintedTotal === 0) {
      this.balance = sub(this.balance, amount);
      return null;
    }
    const taken = this.takeTainted(amount);
    this.balance = sub(this.balance, amount);
    if (!taken) return null;
    let t: Amt = 0;
    for (const x of taken) t = add(t, x);
    this.taintedTotal = sub(this.taintedTotal, t);
    return t > 0 ? taken : null;
  }

  held(): Amt[] {
    return this.tainted === EMPTY ? zeros(this.labels) : this.tainted.slice();
  }

  /** The tainted part of a withdrawal of `amount`, already removed from `this.tainted`. */
  protected abstract takeTainted(amount: Amt): Taint;
}

const EMPTY: Amt[] = [];
