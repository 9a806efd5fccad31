import { convertAtRate } from '../money.js';
import { big, type Amt } from './amount.js';

const bzeros = (n: number): bigint[] => new Array<bigint>(n).fill(0n);
const bsum = (v: ArrayLike<Amt>): bigint => {
  let s = 0n;
  for (let i = 0; i < v.length; i++) s += big(v[i]);
  return s;
};
import type { EngineOutput } from './engine.js';

export interface ConservationTotals {
  /** Marked amounts, less the taint their senders already carried: what the marks brought in. */
  injected: bigint[];
  /** Tainted money still held in case accounts (not external). */
  held: bigint[];
  /** Tainted money collected by external accounts. */
  external: bigint[];
  /** Tainted money sent to no account (cash out, unknown payees). */
  leftData: bigint[];
  /** Tainted money that left this currency through an exchange, and that arrived in it through one. */
  exchangedOut: bigint[];
  exchangedIn: bigint[];
}

export interface ConservationReport {
  ok: boolean;
  /** Per currency group (the engine's numbering): the totals, per label. */
  groups: Map<number, ConservationTotals>;
  /** What does not add up, if anything (an engine bug: a trace with problems is never saved). */
  problems: string[];
}

/**
 * Checks that no tainted money was made or lost: per ledger, tainted in = out + held; per
 * exchange, what arrived = what left converted at that exchange's rate; overall, per currency and
 * label, injected + exchanged in = held + external + left the data + exchanged out.
 */
export function checkConservation(out: EngineOutput, nameOf: (group: number) => string = (g) => String(g)): ConservationReport {
  const L = out.labels;
  const problems: string[] = [];
  const groups = new Map<number, ConservationTotals>();
  const group = (g: number) => {
    let t = groups.get(g);
    if (!t) groups.set(g, (t = { injected: bzeros(L), held: bzeros(L), external: bzeros(L), leftData: bzeros(L), exchangedOut: bzeros(L), exchangedIn: bzeros(L) }));
    return t;
  };

  for (let s = 0; s < out.slots; s++) {
    const g = group(out.group[s]);
    for (let l = 0; l < L; l++) {
      const i = s * L + l;
      // Most ledgers of a large case never see taint: zeros (always the number 0) need no BigInt.
      if (out.taintIn[i] === 0 && out.taintOut[i] === 0 && out.held[i] === 0) continue;
      const [tin, tout, held] = [big(out.taintIn[i]), big(out.taintOut[i]), big(out.held[i])];
      if (held < 0n) problems.push(`ledger ${s}, label ${l}: negative tainted balance ${held}`);
      if (tin !== tout + held) problems.push(`ledger ${s}, label ${l}: in ${tin} != out ${tout} + held ${held}`);
      if (out.sink[s]) g.external[l] += held;
      else g.held[l] += held;
    }
    if (!out.sink[s] && out.balance[s] < 0) problems.push(`ledger ${s}: negative balance ${out.balance[s]}`);
  }

  const ev = out.tainted;
  const arrivedByEvent = new Map<number, Amt[]>();
  for (let i = 0; i < ev.event.length; i++) {
    const [event, taint, to] = [ev.event[i], ev.taint[i], ev.to[i]];
    const g = group(ev.group[i]);
    const departed = out.departed.get(event);
    const fx = out.exchanged.get(event);
    // What came through the exchange: everything that arrived, or for a marked one what it carried.
    const through = fx ? (departed ?? taint) : undefined;
    if (through) arrivedByEvent.set(event, through);
    for (let l = 0; l < L; l++) {
      if (departed) g.injected[l] += big(taint[l]) - big(departed[l]);
      if (through) g.exchangedIn[l] += big(through[l]);
      if (to < 0) g.leftData[l] += big(taint[l]);
    }
  }
  for (const [event, fx] of out.exchanged) {
    const g = group(fx.outGroup);
    for (let l = 0; l < L; l++) g.exchangedOut[l] += big(fx.out[l]);
    const arrived = bsum(arrivedByEvent.get(event) ?? []);
    const expected = convertAtRate(bsum(fx.out), big(fx.sent), big(fx.received));
    if (arrived !== expected) problems.push(`exchange at event ${event}: ${arrived} arrived, ${expected} expected at its rate`);
  }

  for (const [name, t] of groups)
    for (let l = 0; l < L; l++) {
      const came = t.injected[l] + t.exchangedIn[l];
      const went = t.held[l] + t.external[l] + t.leftData[l] + t.exchangedOut[l];
      if (came !== went) problems.push(`${nameOf(name)}, label ${l}: injected + exchanged in ${came} != held + external + left + exchanged out ${went}`);
    }
  return { ok: problems.length === 0, groups, problems };
}
