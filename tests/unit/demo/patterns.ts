import type { DemoCase } from '../../../core/demo/world/index.js';

/**
 * Pattern finders over plain transactions, written from the definitions (not from the generator's
 * code), so the tests check that the laundering typologies are really there in the data.
 */

type Tx = DemoCase['transactions'][number];
const DAY = 86_400_000;
const time = (t: Tx) => Date.parse(t.occurredAt);

function byFromAccount(txs: Tx[]): Map<string, Tx[]> {
  const out = new Map<string, Tx[]>();
  for (const t of txs) if (t.fromAccountId && t.toAccountId) out.set(t.fromAccountId, [...(out.get(t.fromAccountId) ?? []), t]);
  return out;
}

/**
 * The longest layering chain: t1 -> t2 -> ... where each next transfer leaves the account the
 * previous one arrived in, within `maxDays`, for between `minShare` and 100% of the amount.
 */
export function longestChain(txs: Tx[], maxDays = 7, minShare = 0.99): Tx[] {
  const out = byFromAccount(txs);
  const memo = new Map<string, Tx[]>();
  const from = (t: Tx): Tx[] => {
    const known = memo.get(t.id);
    if (known) return known;
    let best: Tx[] = [t];
    for (const n of out.get(t.toAccountId!) ?? []) {
      const dt = time(n) - time(t);
      if (n.seq <= t.seq || dt > maxDays * DAY) continue;
      if (n.amountMinor > t.amountMinor || n.amountMinor < t.amountMinor * minShare) continue;
      const rest = from(n);
      if (rest.length + 1 > best.length) best = [t, ...rest];
    }
    memo.set(t.id, best);
    return best;
  };
  let longest: Tx[] = [];
  for (const t of txs) if (t.fromAccountId && t.toAccountId) {
    const c = from(t);
    if (c.length > longest.length) longest = c;
  }
  return longest;
}

/** The largest fan-out: one account paying distinct accounts on one calendar day, each under `below`. */
export function largestFanOut(txs: Tx[], below: number): { from: string; day: string; to: Set<string> } {
  const groups = new Map<string, Set<string>>();
  for (const t of txs) {
    if (!t.fromAccountId || !t.toAccountId || t.amountMinor >= below) continue;
    const key = `${t.fromAccountId}|${t.occurredAt.slice(0, 10)}`;
    groups.set(key, (groups.get(key) ?? new Set()).add(t.toAccountId));
  }
  let best = { from: '', day: '', to: new Set<string>() };
  for (const [key, to] of groups) if (to.size > best.to.size) best = { from: key.split('|')[0], day: key.split('|')[1], to };
  return best;
}

/** Distinct accounts that paid `into` within `days` days after `day`. */
export function fanIn(txs: Tx[], into: string, day: string, days: number): Set<string> {
  const start = Date.parse(`${day}T00:00:00Z`);
  const senders = new Set<string>();
  for (const t of txs)
    if (t.toAccountId === into && t.fromAccountId && time(t) >= start && time(t) < start + days * DAY) senders.add(t.fromAccountId);
  return senders;
}

/**
 * Round trips: A -> B -> ... -> A within `maxDays`, at least three distinct accounts, each hop
 * carrying 98-100% of the one before. Returns the first found.
 */
export function roundTrip(txs: Tx[], maxDays = 30): Tx[] | undefined {
  const out = byFromAccount(txs);
  const walk = (path: Tx[]): Tx[] | undefined => {
    const last = path[path.length - 1];
    const origin = path[0].fromAccountId;
    for (const n of out.get(last.toAccountId!) ?? []) {
      if (n.seq <= last.seq || time(n) - time(path[0]) > maxDays * DAY) continue;
      if (n.amountMinor > last.amountMinor || n.amountMinor < last.amountMinor * 0.98) continue;
      if (n.toAccountId === origin && path.length >= 2) return [...path, n];
      if (path.some((p) => p.fromAccountId === n.toAccountId) || path.length > 5) continue;
      const found = walk([...path, n]);
      if (found) return found;
    }
    return undefined;
  };
  for (const t of txs) if (t.fromAccountId && t.toAccountId && t.amountMinor > 1_000_000) {
    const found = walk([t]);
    if (found) return found;
  }
  return undefined;
}

/** Replays the transactions in seq order; returns the first account of the case that goes below zero. */
export function firstOverdraft(demo: DemoCase): { account: string; seq: number } | undefined {
  const internal = new Set(demo.accounts.filter((a) => !a.external).map((a) => a.id));
  const balance = new Map<string, number>();
  for (const t of demo.transactions) {
    if (t.fromAccountId && internal.has(t.fromAccountId)) {
      const left = (balance.get(t.fromAccountId) ?? 0) - t.amountMinor;
      if (left < 0) return { account: t.fromAccountId, seq: t.seq };
      balance.set(t.fromAccountId, left);
    }
    if (t.toAccountId) balance.set(t.toAccountId, (balance.get(t.toAccountId) ?? 0) + t.amountMinor);
  }
  return undefined;
}

/** Balances at the end, per account id. */
export function closingBalances(demo: DemoCase): Map<string, number> {
  const balance = new Map<string, number>();
  for (const t of demo.transactions) {
    if (t.fromAccountId) balance.set(t.fromAccountId, (balance.get(t.fromAccountId) ?? 0) - t.amountMinor);
    if (t.toAccountId) balance.set(t.toAccountId, (balance.get(t.toAccountId) ?? 0) + t.amountMinor);
  }
  return balance;
}
