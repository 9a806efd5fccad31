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
 * Conservation holds exactly, per label: for every account tainted in = tainted out + tainted
 * held, and overall injected (marked amounts minus the taint their senders already carried) =
 * held everywhere + left the data (see conservation.ts).
 */
import { apportion } from './apportion.js';
import { FifoPool, LifoPool } from './lots.js';
import { LibrPool } from './libr.js';
import { ProRataPool } from './pro-rata.js';
import { TaintedFirstPool } from './tainted-first.js';
import type { Pool, Taint } from './pool.js';
import { TRACE_METHODS } from '../../db/schema/traces.js';

export type TraceMethod = (typeof TRACE_METHODS)[number];
export { TRACE_METHODS };

export interface EngineOutput {
  labels: number;
  slots: number;
  /** Per slot: 1 for an external account (a sink). */
  sink: Uint8Array;
  /** Per slot: 1 when any transaction touched it. */
  touched: Uint8Array;
  /** Per slot: funds held per the trace (external accounts: net of the flows seen). */
  balance: Float64Array;
  /** Per slot and label (slot * labels + label): tainted in, out and held. */
  taintIn: Float64Array;
  taintOut: Float64Array;
  held: Float64Array;
  /** Per slot: money of unknown origin assumed by the overdraft rule. */
  unknownOrigin: Float64Array;
  /** Events whose arriving money carried taint, in order, with that taint per label (parallel arrays). */
  tainted: TaintedEvents;
  /** Marked events: the taint their sender's pool gave up (before they were deemed tainted in full). */
  departed: Map<number, number[]>;
  /** Outflows beyond the funds held, in order: event, slot and shortfall, as parallel arrays. */
  overdrafts: { event: number[]; slot: number[]; shortfall: number[] };
}

/** Parallel arrays rather than one object per event: a pro-rata trace of a large case has hundreds of thousands. */
export interface TaintedEvents {
  event: number[];
  from: number[];
  to: number[];
  taint: number[][];
}

const POOLS: Record<TraceMethod, new (labels: number) => Pool> = {
  fifo: FifoPool,
  lifo: LifoPool,
  'pro-rata': ProRataPool,
  libr: LibrPool,
  'tainted-first': TaintedFirstPool,
};

/**
 * Feeds transfers to the method's pools. An account holds a pool object only while it holds
 * taint; until then (and again once the taint has all left) it is one number in a typed array,
 * because in a large case most accounts never see taint and most transfers are between them.
 */
/** Per-slot state, packed so one transfer touches one cache line per side: balance, unknown origin, flags. */
const STRIDE = 4;
const BAL = 0;
const UNKNOWN = 1;
const FLAGS = 2;
const SINK = 1;
const TOUCHED = 2;
const POOLED = 4;

export class TraceEngine {
  private readonly Kind: new (labels: number) => Pool;
  private pools: (Pool | undefined)[] = [];
  /** STRIDE numbers per slot: BAL (balance of a slot without a pool; external: net of the flows seen), UNKNOWN, FLAGS. */
  private state = new Float64Array(64 * STRIDE);
  /** Per slot, allocated when taint first touches it: tainted in and out per label. */
  private readonly tin: (number[] | undefined)[] = [];
  private readonly tout: (number[] | undefined)[] = [];
  private readonly taintedEvents: TaintedEvents = { event: [], from: [], to: [], taint: [] };
  private readonly departed = new Map<number, number[]>();
  private readonly overdrafts: EngineOutput['overdrafts'] = { event: [], slot: [], shortfall: [] };
  private slots = 0;
  private events = 0;

  constructor(
    method: TraceMethod,
    private readonly labels: number,
  ) {
    const Kind = POOLS[method];
    if (!Kind) throw new Error(`unknown tracing method "${method}"`);
    this.Kind = Kind;
  }

  /** A new account ledger; external ones collect what reaches them. */
  addSlot(external: boolean): number {
    if ((this.slots + 1) * STRIDE > this.state.length) {
      const bigger = new Float64Array(this.state.length * 2);
      bigger.set(this.state);
      this.state = bigger;
    }
    this.state[this.slots * STRIDE + FLAGS] = external ? SINK : 0;
    this.pools.push(undefined);
    this.tin.push(undefined);
    this.tout.push(undefined);
    return this.slots++;
  }

  /**
   * The next transfer in time order: from and to are slots or -1 (outside the data); `marked`
   * lists the labels it is marked with. Returns the tainted part that arrived with it, or null.
   */
  step(from: number, to: number, amount: number, marked?: number[]): Taint {
    const e = this.events++;
    const st = this.state;
    let carried: Taint = null;
    if (from >= 0) {
      const at = from * STRIDE;
      const flags = st[at + FLAGS];
      st[at + FLAGS] = flags | TOUCHED;
      if (flags & SINK) st[at + BAL] -= amount;
      else if (!(flags & POOLED) && st[at + BAL] >= amount) st[at + BAL] -= amount;
      else carried = this.withdraw(from, e, amount);
      if (carried) add((this.tout[from] ??= zeros(this.labels)), carried);
    }
    let arriving = carried;
    if (marked) {
      this.departed.set(e, carried ?? zeros(this.labels));
      arriving = markedTaint(amount, marked, this.labels);
    }
    if (to >= 0) {
      const at = to * STRIDE;
      const flags = st[at + FLAGS];
      st[at + FLAGS] = flags | TOUCHED;
      if (flags & SINK || (!arriving && !(flags & POOLED))) st[at + BAL] += amount;
      else this.deposit(to, amount, arriving);
      if (arriving) add((this.tin[to] ??= zeros(this.labels)), arriving);
    }
    if (arriving) {
      const t = this.taintedEvents;
      t.event.push(e);
      t.from.push(from);
      t.to.push(to);
      t.taint.push(arriving);
    }
    return arriving;
  }

  get length(): number {
    return this.events;
  }

  get overdraftCount(): number {
    return this.overdrafts.event.length;
  }

  /** Into a pool: the slot's own, or a new one when taint first arrives. */
  private deposit(slot: number, amount: number, taint: Taint): void {
    const at = slot * STRIDE;
    let p = this.pools[slot];
    if (!p) {
      // Taint arrives: the account's clean balance becomes the first money in its pool.
      p = this.pools[slot] = new this.Kind(this.labels);
      if (this.state[at + BAL] > 0) p.deposit(this.state[at + BAL], null);
      this.state[at + BAL] = 0;
      this.state[at + FLAGS] = this.state[at + FLAGS] | POOLED;
    }
    p.deposit(amount, taint);
  }

  /** An outflow: beyond the funds held, the shortfall is deemed clean money of unknown origin (flagged). */
  private withdraw(slot: number, event: number, amount: number): Taint {
    const at = slot * STRIDE;
    const p = this.pools[slot];
    const held = p ? p.balance : this.state[at + BAL];
    if (amount > held) {
      const shortfall = amount - held;
      if (p) p.deposit(shortfall, null);
      else this.state[at + BAL] = amount;
      this.state[at + UNKNOWN] += shortfall;
      this.overdrafts.event.push(event);
      this.overdrafts.slot.push(slot);
      this.overdrafts.shortfall.push(shortfall);
    }
    if (!p) {
      this.state[at + BAL] -= amount;
      return null;
    }
    const taken = p.withdraw(amount);
    if (p.taintedTotal === 0) {
      // The taint has all left: back to a plain balance.
      this.state[at + BAL] = p.balance;
      this.state[at + FLAGS] = this.state[at + FLAGS] & ~POOLED;
      this.pools[slot] = undefined;
    }
    return taken;
  }

  finish(): EngineOutput {
    const n = this.slots;
    const L = this.labels;
    const st = this.state;
    const out: EngineOutput = {
      labels: L,
      slots: n,
      sink: new Uint8Array(n),
      touched: new Uint8Array(n),
      balance: new Float64Array(n),
      taintIn: new Float64Array(n * L),
      taintOut: new Float64Array(n * L),
      held: new Float64Array(n * L),
      unknownOrigin: new Float64Array(n),
      tainted: this.taintedEvents,
      departed: this.departed,
      overdrafts: this.overdrafts,
    };
    for (let s = 0; s < n; s++) {
      const flags = st[s * STRIDE + FLAGS];
      out.sink[s] = flags & SINK ? 1 : 0;
      out.touched[s] = flags & TOUCHED ? 1 : 0;
      out.balance[s] = st[s * STRIDE + BAL];
      out.unknownOrigin[s] = st[s * STRIDE + UNKNOWN];
      const [tin, tout] = [this.tin[s], this.tout[s]];
      if (tin) out.taintIn.set(tin, s * L);
      if (tout) out.taintOut.set(tout, s * L);
      if (flags & SINK) {
        if (tin) out.held.set(tin, s * L);
        continue;
      }
      const p = this.pools[s];
      if (!p) continue;
      out.balance[s] = p.balance;
      if (p.taintedTotal > 0) out.held.set(p.held(), s * L);
    }
    return out;
  }
}

/** A whole ledger at once, for callers that have it in memory (tests, tools). */
export interface Ledger {
  slots: number;
  sink: Uint8Array;
  from: Int32Array;
  to: Int32Array;
  amount: Float64Array;
  length: number;
}

export function runEngine(input: { ledger: Ledger; method: TraceMethod; labels: number; marks: Map<number, number[]> }): EngineOutput {
  const { ledger } = input;
  const engine = new TraceEngine(input.method, input.labels);
  for (let s = 0; s < ledger.slots; s++) engine.addSlot(ledger.sink[s] === 1);
  for (let e = 0; e < ledger.length; e++) engine.step(ledger.from[e], ledger.to[e], ledger.amount[e], input.marks.get(e));
  return engine.finish();
}

/** A marked transaction arrives tainted in full; several labels share it evenly. */
function markedTaint(a: number, labelled: number[], labels: number): number[] {
  const v = zeros(labels);
  if (labelled.length === 1) {
    v[labelled[0]] = a;
    return v;
  }
  const shares = apportion(a, labelled.map(() => 1), labelled.length, new Array(labelled.length));
  labelled.forEach((l, i) => (v[l] += shares[i]));
  return v;
}

const zeros = (n: number) => new Array<number>(n).fill(0);

function add(acc: number[], v: number[]): void {
  for (let l = 0; l < v.length; l++) acc[l] += v[l];
}
