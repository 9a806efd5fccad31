/**
 * The tracing engine: pure (no database), exact (integers of minor units), deterministic.
 *
 * It is fed the case's transactions in time order (timestamp, then import/entry order) as events
 * between account ledgers ("slots"), one at a time, so that reading the data and tracing it are one
 * pass. Every event is one transfer: the sender's pool gives up `amount` (its tainted part decided
 * by the method) and the receiver's pool takes it in, so tainted money follows every hop to the end
 * of the data.
 *
 * Rules, as they will be explained to a court:
 * - A marked transaction is tainted in full when it arrives, whatever its sender held. Marked with
 *   several labels, its amount is split evenly among them (largest remainder).
 * - External accounts (counterparties outside the case) collect what reaches them: we do not have
 *   their books, so money they send is treated as clean and what they received stays with them.
 * - Overdraft (an outflow beyond the funds the data shows): the shortfall is deemed clean money of
 *   unknown origin that was in the account before the outflow (missing statements, an opening
 *   balance). It is added to the pool just before the outflow and flagged.
 * - Money sent to no account (cash withdrawals, unknown payees) leaves the data with its taint.
 * - An exchange (a transfer whose receiving side is in another currency: bank FX, cash to crypto,
 *   crypto to crypto) carries its taint across at that transaction's own rate: the tainted part
 *   sent, times received / sent, rounded half up; split among labels by largest remainder. The
 *   clean part is the rest, so both parts add up to what was received.
 * Conservation holds exactly, per label and currency: for every account tainted in = tainted out +
 * tainted held, and overall injected (marked amounts minus the taint their senders already
 * carried) + exchanged in = held everywhere + left the data + exchanged out (see conservation.ts).
 * Amounts are exact at any size: numbers while safe integers, BigInt beyond (amount.ts).
 */
import { apportion } from './apportion.js';
import { add, addInto, big, norm, sub, sum, zeros, type Amt } from './amount.js';
import { FifoPool, LifoPool } from './lots.js';
import { LibrPool } from './libr.js';
import { ProRataPool } from './pro-rata.js';
import { TaintedFirstPool } from './tainted-first.js';
import type { Pool, Taint } from './pool.js';
import { convertAtRate } from '../money.js';
import { TRACE_METHODS } from './kinds.js';

export type TraceMethod = (typeof TRACE_METHODS)[number];
export { TRACE_METHODS };

export interface EngineOutput {
  labels: number;
  slots: number;
  /** Per slot: 1 for an external account (a sink). */
  sink: Uint8Array;
  /** Per slot: 1 when any transaction touched it. */
  touched: Uint8Array;
  /** Per slot: the currency group it belongs to (the caller's numbering). */
  group: Int32Array;
  /** Per slot: funds held per the trace (external accounts: net of the flows seen). */
  balance: Amt[];
  /** Per slot and label (slot * labels + label): tainted in, out and held. */
  taintIn: Amt[];
  taintOut: Amt[];
  held: Amt[];
  /** Per slot: money of unknown origin assumed by the overdraft rule. */
  unknownOrigin: Amt[];
  /** Events whose arriving money carried taint, in order, with that taint per label (parallel arrays). */
  tainted: TaintedEvents;
  /** Marked events: the taint their sender's pool gave up (before they were deemed tainted in full). */
  departed: Map<number, Amt[]>;
  /** Exchanges that carried taint: what left in the sender's currency, per label. */
  exchanged: Map<number, ExchangeOut>;
  /** Outflows beyond the funds held, in order: event, slot and shortfall, as parallel arrays. */
  overdrafts: { event: number[]; slot: number[]; shortfall: Amt[] };
}

/** Parallel arrays rather than one object per event: a pro-rata trace of a large case has hundreds of thousands. */
export interface TaintedEvents {
  event: number[];
  from: number[];
  to: number[];
  /** The currency group of the arriving money. */
  group: number[];
  taint: Amt[][];
}

/** The taint an exchange sent, in the sender's currency, and the exchange's two legs (its rate). */
export interface ExchangeOut {
  outGroup: number;
  out: Amt[];
  sent: Amt;
  received: Amt;
}

/** The receiving side of an exchange: its amount, and the currency group it arrives in. */
export interface Exchange {
  toAmount: Amt;
  toGroup: number;
}

const POOLS: Record<TraceMethod, new (labels: number) => Pool> = {
  fifo: FifoPool,
  lifo: LifoPool,
  'pro-rata': ProRataPool,
  libr: LibrPool,
  'tainted-first': TaintedFirstPool,
};

const SINK = 1;
const TOUCHED = 2;
const POOLED = 4;

/**
 * Feeds transfers to the method's pools. An account holds a pool object only while it holds
 * taint; until then (and again once the taint has all left) it is one amount in an array,
 * because in a large case most accounts never see taint and most transfers are between them.
 */
export class TraceEngine {
  private readonly Kind: new (labels: number) => Pool;
  private pools: (Pool | undefined)[] = [];
  /** Balance of a slot without a pool; external: net of the flows seen. */
  private bal: Amt[] = [];
  private unknown: Amt[] = [];
  private flags: number[] = [];
  private groups: number[] = [];
  /** Per slot, allocated when taint first touches it: tainted in and out per label. */
  private readonly tin: (Amt[] | undefined)[] = [];
  private readonly tout: (Amt[] | undefined)[] = [];
  private readonly taintedEvents: TaintedEvents = { event: [], from: [], to: [], group: [], taint: [] };
  private readonly departed = new Map<number, Amt[]>();
  private readonly exchanged = new Map<number, ExchangeOut>();
  private readonly overdrafts: EngineOutput['overdrafts'] = { event: [], slot: [], shortfall: [] };
  private slots = 0;
  private events = 0;
  /** What the last step's sender gave up (its tainted part, before any exchange or marking): for schedules. */
  lastOut: Taint = null;
  /** The shortfall the overdraft rule assumed in the last step (0 when none). */
  lastShortfall: Amt = 0;

  constructor(
    method: TraceMethod,
    private readonly labels: number,
  ) {
    const Kind = POOLS[method];
    if (!Kind) throw new Error(`unknown tracing method "${method}"`);
    this.Kind = Kind;
  }

  /** A new account ledger in currency group `group`; external ones collect what reaches them. */
  addSlot(external: boolean, group = 0): number {
    this.bal.push(0);
    this.unknown.push(0);
    this.flags.push(external ? SINK : 0);
    this.groups.push(group);
    this.pools.push(undefined);
    this.tin.push(undefined);
    this.tout.push(undefined);
    return this.slots++;
  }

  /**
   * The next transfer in time order: from and to are slots or -1 (outside the data); `marked`
   * lists the labels it is marked with; `fx` is the receiving side of an exchange. Returns the
   * tainted part that arrived with it (in the receiving currency), or null.
   */
  step(from: number, to: number, amount: Amt, marked?: number[], fx?: Exchange, fromGroup = 0): Taint {
    const e = this.events++;
    let carried: Taint = null;
    this.lastShortfall = 0;
    if (from >= 0) {
      const flags = this.flags[from];
      this.flags[from] = flags | TOUCHED;
      if (flags & SINK || (!(flags & POOLED) && this.bal[from] >= amount)) this.bal[from] = sub(this.bal[from], amount);
      else carried = this.withdraw(from, e, amount);
      if (carried) addInto((this.tout[from] ??= zeros(this.labels)), carried);
    }
    this.lastOut = carried;
    const received = fx ? fx.toAmount : amount;
    let arriving = carried;
    if (fx && carried) {
      this.exchanged.set(e, { outGroup: from >= 0 ? this.groups[from] : fromGroup, out: carried, sent: amount, received: fx.toAmount });
      arriving = exchange(carried, amount, fx.toAmount);
    }
    if (marked) {
      this.departed.set(e, arriving ?? zeros(this.labels));
      arriving = markedTaint(received, marked, this.labels);
    }
    if (to >= 0) {
      const flags = this.flags[to];
      this.flags[to] = flags | TOUCHED;
      if (flags & SINK || (!arriving && !(flags & POOLED))) this.bal[to] = add(this.bal[to], received);
      else this.deposit(to, received, arriving);
      if (arriving) addInto((this.tin[to] ??= zeros(this.labels)), arriving);
    }
    if (arriving) {
      const t = this.taintedEvents;
      t.event.push(e);
      t.from.push(from);
      t.to.push(to);
      t.group.push(fx ? fx.toGroup : to >= 0 ? this.groups[to] : from >= 0 ? this.groups[from] : fromGroup);
      t.taint.push(arriving);
    }
    return arriving;
  }

  get length(): number {
    return this.events;
  }

  /** A slot's funds now and their tainted part per label (a copy): the running balances of a schedule. */
  state(slot: number): { balance: Amt; held: Amt[] } {
    const p = this.pools[slot];
    if (this.flags[slot] & SINK) return { balance: this.bal[slot], held: this.tin[slot]?.slice() ?? zeros(this.labels) };
    return p ? { balance: p.balance, held: p.held() } : { balance: this.bal[slot], held: zeros(this.labels) };
  }

  get overdraftCount(): number {
    return this.overdrafts.event.length;
  }

  /** Into a pool: the slot's own, or a new one when taint first arrives. */
  private deposit(slot: number, amount: Amt, taint: Taint): void {
    let p = this.pools[slot];
    if (!p) {
      // Taint arrives: the account's clean balance becomes the first money in its pool.
      p = this.pools[slot] = new this.Kind(this.labels);
      if (this.bal[slot] > 0) p.deposit(this.bal[slot], null);
      this.bal[slot] = 0;
      this.flags[slot] |= POOLED;
    }
    p.deposit(amount, taint);
  }

  /** An outflow: beyond the funds held, the shortfall is deemed clean money of unknown origin (flagged). */
  private withdraw(slot: number, event: number, amount: Amt): Taint {
    const p = this.pools[slot];
    const held = p ? p.balance : this.bal[slot];
    if (amount > held) {
      const shortfall = sub(amount, held);
      if (p) p.deposit(shortfall, null);
      else this.bal[slot] = amount;
      this.unknown[slot] = add(this.unknown[slot], shortfall);
      this.overdrafts.event.push(event);
      this.overdrafts.slot.push(slot);
      this.overdrafts.shortfall.push(shortfall);
      this.lastShortfall = shortfall;
    }
    if (!p) {
      this.bal[slot] = sub(this.bal[slot], amount);
      return null;
    }
    const taken = p.withdraw(amount);
    if (p.taintedTotal === 0) {
      // The taint has all left: back to a plain balance.
      this.bal[slot] = p.balance;
      this.flags[slot] &= ~POOLED;
      this.pools[slot] = undefined;
    }
    return taken;
  }

  finish(): EngineOutput {
    const n = this.slots;
    const L = this.labels;
    const out: EngineOutput = {
      labels: L,
      slots: n,
      sink: new Uint8Array(n),
      touched: new Uint8Array(n),
      group: Int32Array.from(this.groups),
      balance: this.bal.slice(),
      taintIn: zeros(n * L),
      taintOut: zeros(n * L),
      held: zeros(n * L),
      unknownOrigin: this.unknown.slice(),
      tainted: this.taintedEvents,
      departed: this.departed,
      exchanged: this.exchanged,
      overdrafts: this.overdrafts,
    };
    for (let s = 0; s < n; s++) {
      const flags = this.flags[s];
      out.sink[s] = flags & SINK ? 1 : 0;
      out.touched[s] = flags & TOUCHED ? 1 : 0;
      const [tin, tout] = [this.tin[s], this.tout[s]];
      for (let l = 0; l < L; l++) {
        if (tin) out.taintIn[s * L + l] = tin[l];
        if (tout) out.taintOut[s * L + l] = tout[l];
      }
      if (flags & SINK) {
        if (tin) for (let l = 0; l < L; l++) out.held[s * L + l] = tin[l];
        continue;
      }
      const p = this.pools[s];
      if (!p) continue;
      out.balance[s] = p.balance;
      if (p.taintedTotal > 0) {
        const h = p.held();
        for (let l = 0; l < L; l++) out.held[s * L + l] = h[l];
      }
    }
    return out;
  }
}

/** A whole ledger at once, for callers that have it in memory (tests, tools). */
export interface Ledger {
  slots: number;
  sink: Uint8Array;
  /** Per slot: currency group (default: all 0). */
  group?: ArrayLike<number>;
  from: Int32Array;
  to: Int32Array;
  amount: Amt[];
  /** Per event: what the receiving side got when it is an exchange (else undefined). */
  toAmount?: (Amt | undefined)[];
  length: number;
}

export function runEngine(input: { ledger: Ledger; method: TraceMethod; labels: number; marks: Map<number, number[]> }): EngineOutput {
  const { ledger } = input;
  const engine = new TraceEngine(input.method, input.labels);
  const group = (s: number) => (ledger.group ? ledger.group[s] : 0);
  for (let s = 0; s < ledger.slots; s++) engine.addSlot(ledger.sink[s] === 1, group(s));
  for (let e = 0; e < ledger.length; e++) {
    const toAmount = ledger.toAmount?.[e];
    const [from, to] = [ledger.from[e], ledger.to[e]];
    const fx = toAmount === undefined ? undefined : { toAmount, toGroup: to >= 0 ? group(to) : group(from) };
    engine.step(from, to, ledger.amount[e], input.marks.get(e), fx);
  }
  return engine.finish();
}

/** A marked transaction arrives tainted in full; several labels share it evenly. */
function markedTaint(a: Amt, labelled: number[], labels: number): Amt[] {
  const v = zeros(labels);
  if (labelled.length === 1) {
    v[labelled[0]] = a;
    return v;
  }
  const shares = apportion(a, labelled.map(() => 1), labelled.length, new Array<Amt>(labelled.length));
  labelled.forEach((l, i) => (v[l] = add(v[l], shares[i])));
  return v;
}

/**
 * The taint an exchange delivers: the tainted total converted at the exchange's own rate
 * (rounded half up), split among the labels in proportion to what each sent (largest remainder).
 */
export function exchange(taint: Amt[], sent: Amt, received: Amt): Amt[] | null {
  const total = sum(taint);
  const converted = norm(convertAtRate(big(total), big(sent), big(received)));
  if (converted === 0) return null;
  return apportion(converted, taint, total, new Array<Amt>(taint.length));
}
