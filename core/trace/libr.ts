import { takeFromTainted } from './apportion.js';
import { VectorPool, type Taint } from './pool.js';
import { sub, type Amt } from './amount.js';

/**
 * Lowest intermediate balance rule (James Roscoe v Winder): the wrongdoer is deemed to spend his
 * own money first, so tainted money leaves only once the clean money is gone. The tainted part
 * therefore never exceeds the lowest balance since the taint arrived, and later clean deposits do
 * not restore it: they only add clean money. Where several labels are held, what must come out of
 * the tainted part is taken from them in proportion (largest remainder).
 */
export class LibrPool extends VectorPool {
  protected takeTainted(amount: Amt): Taint {
    const clean = sub(this.balance, this.taintedTotal);
    return takeFromTainted(sub(amount, clean), this.tainted, this.taintedTotal);
  }
}
