/**
 * An independent reference of the five tracing methods, written from the rules in
 * docs/money-and-time.md and core/trace/engine.ts's header, as plainly as possible (every account
 * keeps explicit lots or vectors, nothing is optimised, no code is shared with core/trace). The
 * differential test runs random ledgers through both and asks for the same answer to the unit.
 */
export type Method = 'fifo' | 'lifo' | 'pro-rata' | 'libr' | 'tainted-first';

export interface RefAccount {
  id: string;
  external: boolean;
}

export interface RefTx {
  id: string;
  /** Ordering: instant in ms since the epoch (date-only rows: end of their day), then seq. */
  order: number;
  seq: number;
  from: string | null;
  to: string | null;
  amount: bigint;
  /** An exchange: what the receiver got. */
  toAmount?: bigint;
  /** Labels (sorted) the transaction is marked with. */
  marked: string[];
}

/** Largest remainder, ties to the earlier share. */
export function shares(amount: bigint, weights: bigint[]): bigint[] {
  const total = weights.reduce((a, b) => a + b, 0n);
  if (total === 0n) return weights.map(() => 0n);
  const q = weights.map((w) => (amount * w) / total);
  const r = weights.map((w, i) => amount * w - q[i] * total);
  let left = amount - q.reduce((a, b) => a + b, 0n);
  const order = weights.map((_, i) => i).sort((a, b) => (r[b] > r[a] ? 1 : r[b] < r[a] ? -1 : a - b));
  for (let k = 0; left > 0n; k++, left--) q[order[k]] += 1n;
  return q;
}

interface Lot {
  amount: bigint;
  taint: bigint[];
}

class Book {
  lots: Lot[] = [];
  constructor(readonly external: boolean, readonly L: number) {}
  get balance() {
    return this.lots.reduce((a, l) => a + l.amount, 0n);
  }
  taint(): bigint[] {
    const t = Array<bigint>(this.L).fill(0n);
    for (const l of this.lots) l.taint.forEach((x, i) => (t[i] += x));
    return t;
  }
}

const sum = (v: bigint[]) => v.reduce((a, b) => a + b, 0n);

/** Takes `amount` out of one lot, clean and tainted in proportion (clean first on ties). */
function takeFromLot(lot: Lot, amount: bigint): bigint[] {
  const clean = lot.amount - sum(lot.taint);
  const s = shares(amount, [clean, ...lot.taint]).slice(1);
  lot.amount -= amount;
  lot.taint = lot.taint.map((x, i) => x - s[i]);
  return s;
}

/** The tainted part of an outflow of `amount` from a case account, by the method. */
function withdraw(book: Book, amount: bigint, method: Method): bigint[] {
  const L = book.L;
  if (method === 'fifo' || method === 'lifo') {
    const out = Array<bigint>(L).fill(0n);
    let left = amount;
    while (left > 0n) {
      const lot = method === 'fifo' ? book.lots[0] : book.lots[book.lots.length - 1];
      const take = lot.amount < left ? lot.amount : left;
      takeFromLot(lot, take).forEach((x, i) => (out[i] += x));
      left -= take;
      if (lot.amount === 0n) method === 'fifo' ? book.lots.shift() : book.lots.pop();
    }
    return out;
  }
  // The vector methods: the account as one lot.
  const whole: Lot = { amount: book.balance, taint: book.taint() };
  const T = sum(whole.taint);
  const clean = whole.amount - T;
  let out: bigint[];
  if (method === 'pro-rata') out = shares(amount, [clean, ...whole.taint]).slice(1);
  else {
    const tainted = method === 'libr' ? (amount > clean ? amount - clean : 0n) : amount < T ? amount : T;
    out = tainted >= T ? whole.taint.slice() : shares(tainted, whole.taint);
  }
  book.lots = [{ amount: whole.amount - amount, taint: whole.taint.map((x, i) => x - out[i]) }];
  return out;
}

export interface RefResult {
  /** Per account: tainted held per label (externals: what they collected). */
  held: Map<string, bigint[]>;
  balance: Map<string, bigint>;
  /** Per transaction: the tainted part it delivered. */
  carried: Map<string, bigint>;
}

export function referenceTrace(method: Method, accounts: RefAccount[], txs: RefTx[], labels: string[]): RefResult {
  const L = labels.length;
  const books = new Map(accounts.map((a) => [a.id, new Book(a.external, L)]));
  const collected = new Map<string, bigint[]>();
  const extBalance = new Map<string, bigint>();
  const carried = new Map<string, bigint>();
  const ordered = [...txs].sort((a, b) => a.order - b.order || a.seq - b.seq);
  for (const tx of ordered) {
    let taint = Array<bigint>(L).fill(0n);
    if (tx.from) {
      const book = books.get(tx.from)!;
      if (book.external) extBalance.set(tx.from, (extBalance.get(tx.from) ?? 0n) - tx.amount);
      else {
        // Overdraft: the shortfall is clean money of unknown origin, there just before the outflow.
        if (tx.amount > book.balance) book.lots.push({ amount: tx.amount - book.balance, taint: Array<bigint>(L).fill(0n) });
        taint = withdraw(book, tx.amount, method);
      }
    }
    const received = tx.toAmount ?? tx.amount;
    if (tx.toAmount !== undefined) {
      const T = sum(taint);
      // Converted at the exchange's own rate, rounded half up; split by what each label sent.
      const converted = (T * tx.toAmount * 2n + tx.amount) / (tx.amount * 2n);
      taint = T === 0n ? taint : shares(converted, taint);
    }
    if (tx.marked.length) {
      taint = Array<bigint>(L).fill(0n);
      shares(received, tx.marked.map(() => 1n)).forEach((x, i) => (taint[labels.indexOf(tx.marked[i])] += x));
    }
    carried.set(tx.id, sum(taint));
    if (tx.to) {
      const book = books.get(tx.to)!;
      if (book.external) {
        const c = collected.get(tx.to) ?? Array<bigint>(L).fill(0n);
        collected.set(tx.to, c.map((x, i) => x + taint[i]));
        extBalance.set(tx.to, (extBalance.get(tx.to) ?? 0n) + received);
      } else book.lots.push({ amount: received, taint });
    }
  }
  const held = new Map<string, bigint[]>();
  const balance = new Map<string, bigint>();
  for (const a of accounts) {
    const book = books.get(a.id)!;
    held.set(a.id, a.external ? collected.get(a.id) ?? Array<bigint>(L).fill(0n) : book.taint());
    balance.set(a.id, a.external ? extBalance.get(a.id) ?? 0n : book.balance);
  }
  return { held, balance, carried };
}
