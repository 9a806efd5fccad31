import { buildDays, stamp, type Day } from './calendar.js';
import { Ledger, type Payment } from './ledger.js';
import type { Rng } from './random.js';
import type { AccountRow, TransactionRow } from './types.js';

interface Event {
  minute: number;
  order: number;
  run: (day: Day) => void;
}

/**
 * Runs the demo's schemes day by day. A scheme registers daily hooks and schedules follow-ups
 * ("forward this wire in two business days"); events run in time order, so balances are always
 * those of the moment and the ledger's order is the order things happened.
 */
export class Sim {
  readonly days: Day[];
  readonly ledger: Ledger;
  private readonly byIso = new Map<string, Day>();
  private readonly agenda = new Map<number, Event[]>();
  private readonly hooks: ((day: Day) => void)[] = [];
  private readonly reserved = new Map<string, number>();
  private order = 0;
  private now?: { day: Day; minute: number };

  constructor(first: string, last: string, caseId: string, newId: (at: string) => string, rng: Rng, createdAt: string) {
    this.days = buildDays(first, last);
    for (const d of this.days) this.byIso.set(d.iso, d);
    this.ledger = new Ledger(caseId, newId, rng, createdAt);
  }

  day(iso: string): Day {
    const d = this.byIso.get(iso);
    if (!d) throw new Error(`demo: ${iso} is outside the simulated period`);
    return d;
  }

  get last(): Day {
    return this.days[this.days.length - 1];
  }

  daily(hook: (day: Day) => void): void {
    this.hooks.push(hook);
  }

  /** Runs `run` on `day` at `minute` past midnight; a day past the end is dropped (the takedown stops it all). */
  at(day: Day | number, minute: number, run: (day: Day) => void): void {
    const index = typeof day === 'number' ? day : day.index;
    if (index >= this.days.length) return;
    if (this.now && (index < this.now.day.index || (index === this.now.day.index && minute < this.now.minute)))
      throw new Error('demo: an event cannot be scheduled in the past');
    const list = this.agenda.get(index) ?? [];
    list.push({ minute, order: this.order++, run });
    this.agenda.set(index, list);
  }

  /** The business day `n` business days after `from` (weekends skipped). */
  businessDaysAfter(from: Day, n: number): number {
    let index = from.index;
    let left = n;
    while (left > 0) {
      index++;
      if (index >= this.days.length) return index;
      if (this.days[index].business) left--;
    }
    return index;
  }

  /** Records a payment at the current event's time. */
  pay(p: Payment): TransactionRow {
    if (!this.now) throw new Error('demo: pay() outside an event');
    return this.ledger.record(p, stamp(this.now.day, this.now.minute));
  }

  balance(account: AccountRow): number {
    return this.ledger.balance(account);
  }

  /** What can be paid out of `account`, up to `wanted`, leaving `keep` in it besides what is reserved. */
  affordable(account: AccountRow, wanted: number, keep = 0): number {
    return account.external ? wanted : Math.max(0, Math.min(wanted, this.balance(account) - keep - this.reservedIn(account)));
  }

  /** Sets money aside for a payment scheduled later (a mule's onward wire, a closing): affordable() will not offer it. */
  reserve(account: AccountRow, amount: number): void {
    this.reserved.set(account.id, this.reservedIn(account) + amount);
  }

  release(account: AccountRow, amount: number): void {
    this.reserved.set(account.id, Math.max(0, this.reservedIn(account) - amount));
  }

  reservedIn(account: AccountRow): number {
    return this.reserved.get(account.id) ?? 0;
  }

  run(): void {
    for (const day of this.days) {
      for (const hook of this.hooks) hook(day);
      const list = this.agenda.get(day.index) ?? [];
      // Events may add later events to the same day while it runs: keep taking the earliest.
      while (list.length) {
        let best = 0;
        for (let i = 1; i < list.length; i++) {
          const e = list[i];
          if (e.minute < list[best].minute || (e.minute === list[best].minute && e.order < list[best].order)) best = i;
        }
        const [event] = list.splice(best, 1);
        this.now = { day, minute: event.minute };
        event.run(day);
      }
      this.agenda.delete(day.index);
      this.now = undefined;
    }
  }
}
