import type { EngineOutput } from './engine.js';

export interface ConservationTotals {
  /** Marked amounts, less the taint their senders already carried: what the marks brought in. */
  injected: number[];
  /** Tainted money still held in case accounts (not external). */
  held: number[];
  /** Tainted money collected by external accounts. */
  external: number[];
  /** Tainted money sent to no account (cash out, unknown payees). */
  leftData: number[];
}

export interface ConservationReport {
  ok: boolean;
  /** Per group (currency): the totals, per label. */
  groups: Map<string, ConservationTotals>;
  /** What does not add up, if anything (an engine bug: a trace with problems is never saved). */
  problems: string[];
}

/**
 * Checks that no tainted money was made or lost: per ledger, tainted in = out + held; overall,
 * per currency and label, injected = held + external + left the data.
 */
export function checkConservation(out: EngineOutput, groupOf: (slot: number) => string = () => ''): ConservationReport {
  const L = out.labels;
  const problems: string[] = [];
  const groups = new Map<string, ConservationTotals>();
  const group = (g: string) => {
    let t = groups.get(g);
    if (!t) groups.set(g, (t = { injected: zeros(L), held: zeros(L), external: zeros(L), leftData: zeros(L) }));
    return t;
  };

  for (let s = 0; s < out.slots; s++) {
    const g = group(groupOf(s));
    for (let l = 0; l < L; l++) {
      const i = s * L + l;
      const [tin, tout, held] = [out.taintIn[i], out.taintOut[i], out.held[i]];
      if (held < 0) problems.push(`ledger ${s}, label ${l}: negative tainted balance ${held}`);
      if (tin !== tout + held) problems.push(`ledger ${s}, label ${l}: in ${tin} != out ${tout} + held ${held}`);
      if (out.sink[s]) g.external[l] += held;
      else g.held[l] += held;
    }
    if (!out.sink[s] && out.balance[s] < 0) problems.push(`ledger ${s}: negative balance ${out.balance[s]}`);
  }

  const ev = out.tainted;
  for (let i = 0; i < ev.event.length; i++) {
    const [event, taint, from, to] = [ev.event[i], ev.taint[i], ev.from[i], ev.to[i]];
    const g = group(groupOf(to >= 0 ? to : from));
    const departed = out.departed.get(event);
    for (let l = 0; l < L; l++) {
      if (departed) g.injected[l] += taint[l] - departed[l];
      if (to < 0) g.leftData[l] += taint[l];
    }
  }

  for (const [name, t] of groups)
    for (let l = 0; l < L; l++) {
      const accounted = t.held[l] + t.external[l] + t.leftData[l];
      if (t.injected[l] !== accounted)
        problems.push(`${name || 'all'}, label ${l}: injected ${t.injected[l]} != held + external + left ${accounted}`);
    }
  return { ok: problems.length === 0, groups, problems };
}

const zeros = (n: number) => new Array<number>(n).fill(0);
