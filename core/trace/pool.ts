import { zeros } from './apportion.js';

/**
 * An account's funds as the trace sees them: how much it holds and which part of it is tainted,
 * per label. Each tracing method is a kind of pool that decides what a withdrawal carries.
 * Amounts are exact integers of minor units (BigInt).
 */

/** Tainted part per label (index = label), or null when the money is all clean. */
export type Taint = bigint[] | null;

export interface Pool {
  /** Funds held, per the trace (never negative: see the overdraft rule in engine.ts). */
  readonly balance: bigint;
  /** Tainted funds held, all labels together. */
  readonly taintedTotal: bigint;
  deposit(amount: bigint, taint: Taint): void;
  /** Takes `amount` (<= balance) out and returns its tainted part. */
  withdraw(amount: bigint): Taint;
  /** Tainted part held, per label (a copy). */
  held(): bigint[];
}

/**
 * A pool that only needs totals per label, not the order funds came in: pro-rata, LIBR and
 * tainted-first differ only in which colour a withdrawal takes first.
 */
export abstract class VectorPool implements Pool {
  balance = 0n;
  taintedTotal = 0n;
  /** Allocated when taint first arrives: most accounts of a large case never hold any. */
  protected tainted: bigint[] = EMPTY;

  constructor(protected readonly labels: number) {}

  deposit(amount: bigint, taint: Taint): void {
    this.balance += amount;
    if (!taint) return;
    if (this.tainted === EMPTY) this.tainted = zeros(this.labels);
    for (let i = 0; i < taint.length; i++) {
      this.tainted[i] += taint[i];
      this.taintedTotal += taint[i];
    }
  }

  withdraw(amount: bigint): Taint {
    if (this.taintedTotal === 0n) {
      this.balance -= amount;
      return null;
    }
    const taken = this.takeTainted(amount);
    this.balance -= amount;
    if (!taken) return null;
    let t = 0n;
    for (const x of taken) t += x;
    this.taintedTotal -= t;
    return t > 0n ? taken : null;
  }

  held(): bigint[] {
    return this.tainted === EMPTY ? zeros(this.labels) : this.tainted.slice();
  }

  /** The tainted part of a withdrawal of `amount`, already removed from `this.tainted`. */
  protected abstract takeTainted(amount: bigint): Taint;
}

const EMPTY: bigint[] = [];
