import { takeFromTainted } from './apportion.js';
import { VectorPool, type Taint } from './pool.js';
import type { Amt } from './amount.js';

/**
 * Tainted-first: money leaving an account is deemed to be the tainted money as long as any is
 * left (the claimant's choice against a wrongdoer, cf. Re Oatway). Several labels held are taken
 * in proportion to one another (largest remainder).
 */
export class TaintedFirstPool extends VectorPool {
  protected takeTainted(amount: Amt): Taint {
    return takeFromTainted(amount < this.taintedTotal ? amount : this.taintedTotal, this.tainted, this.taintedTotal);
  }
}
