import { takeWithClean } from './apportion.js';
import { VectorPool, type Taint } from './pool.js';
import { sub, type Amt } from './amount.js';

/**
 * Pro-rata (rateable) tracing: each withdrawal takes clean and tainted money in proportion to the
 * balance at that moment (Barlow Clowes: A 1,000 and B 2,000 in, 600 out leaves A 800, B 1,600).
 * Shares are split by the largest remainder rule, clean money first on ties.
 */
export class ProRataPool extends VectorPool {
  protected takeTainted(amount: Amt): Taint {
    return takeWithClean(amount, sub(this.balance, this.taintedTotal), this.tainted, this.balance);
  }
}
