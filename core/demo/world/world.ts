import type { Accounts } from './accounts.js';
import type { Day } from './calendar.js';
import type { Subjects } from './cast.js';
import type { Rng } from './random.js';
import type { Sim } from './simulation.js';
import type { AccountRow, TransactionRow } from './types.js';

/** What the schemes share: the running simulation, the cast, and the purchases the seizures link back to. */
export interface World {
  sim: Sim;
  rng: Rng;
  scale: number;
  acct: Accounts['acct'];
  mules: AccountRow[];
  subjects: Subjects;
  purchases: Purchases;
}

export interface Purchases {
  porsche?: TransactionRow;
  truck: TransactionRow[];
  propertyFunding: TransactionRow[];
  propertyClosing?: TransactionRow;
  rolex?: TransactionRow;
  necklace?: TransactionRow;
  laptop?: TransactionRow;
  coldTransfers: TransactionRow[];
}

/** Dollars (or euros) to minor units, rounded to the cent. */
export const cents = (major: number): number => Math.round(major * 100);

/** Rounds minor units down to a multiple of `step` minor units (100 = whole dollars). */
export const floorTo = (minor: number, step: number): number => Math.floor(minor / step) * step;

/**
 * True on the business day a monthly payment for day-of-month `dom` goes out: that day, or the
 * Monday after when it falls on a weekend.
 */
export function isPayDay(day: Day, dom: number): boolean {
  if (!day.business) return false;
  if (day.dom === dom) return true;
  return day.weekday === 1 && (day.dom - 1 === dom || day.dom - 2 === dom);
}

/** Minutes past midnight within banking hours. */
export const bankingMinute = (rng: Rng): number => rng.int(9 * 60, 16 * 60 + 30);
