import type { Database } from 'better-sqlite3';
import type { Ctx } from '../context.js';
import { newId } from '../ids.js';
import { notFound, conflict } from '../errors.js';
import { rowsDigest, RowsDigestBuilder } from '../audit/digest.js';
import { BulkIds } from './ids.js';
export { linkedDuplicateIds, notLinkedDuplicate, standingLinks } from './standing-links.js';

/** What a link was when proposed; its status and decision change later, each change audited on its own. */
const LINK_DIGEST_COLUMNS = ['id', 'case_id', 'debit_tx_id', 'credit_tx_id', 'score', 'evidence', 'match_run'];

/**
 * One transfer, once. A payment shows in the payer's statement (a debit) and again in the payee's
 * (a credit); imported, it is two rows. We pair them: same amount and currency (or the exchange's
 * received leg), booked within a settlement window, from different imports, with endpoints that
 * agree; scored on the reference (end-to-end id), the counterparty account each side names, the
 * names, and the dates. Certain pairs link at once, doubtful ones wait for a person. The credit
 * side of a standing link is the duplicate: `linkedDuplicateIds` is what trace, graph and totals skip.
 */

/** Business days a payment may take to settle between payer's booking and payee's booking. */
export const SETTLEMENT_DAYS = 3;
/** At or above: linked without asking. At or above SUGGEST: offered for review. */
export const CERTAIN = 70;
export const SUGGEST = 30;

export interface Evidence {
  what: string;
  points: number;
}

/**
 * A row as SQLite hands it over (raw). The scan keeps none of these arrays: what a row needs to
 * wait in the window is copied into columns of numbers (Window), so the row itself dies young.
 */
type Row = [id: string, importId: string, from: string | null, to: string | null, key: string, date: string, reference: string, counterparty: string | null, seq: number, rowid: number];
const ID = 0, IMP = 1, FROM = 2, TO = 3, KEY = 4, DATE = 5, REF = 6, NAME = 7, SEQ = 8, ROWID = 9;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/\b(LLC|LTD|LTDA|GMBH|SA|S A|SAS|INC|CORP|BV|AG|SRL|DE CV|S DE RL)\b\.?/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();

/** Business days from day a to day b (epoch days, a <= b), weekends not counted. */
function businessDays(a: number, b: number): number {
  if (b - a > 14) return 99;
  let n = 0;
  // 1970-01-01 was a Thursday: (day + 4) % 7 is 0 on Sundays, 6 on Saturdays.
  for (let t = a + 1; t <= b; t++) {
    const wd = (t + 4) % 7;
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
}

/** Calendar days a pending row stays a candidate: 3 business days after, 1 before, with weekends and holidays to spare. */
const WINDOW_DAYS = 14;

/**
 * Account holders' names, folded for comparison when a pair first needs one: folding every name of
 * a 50,000-account case up front cost more than the rest of matching a pair.
 */
class Holders {
  /** Read up front (the scan holds the connection while it runs); folded when first asked for. */
  private readonly names = new Map<string, string>();
  private readonly folded = new Map<string, string>();

  constructor(db: Database, caseId: string) {
    for (const [id, name] of db.prepare('SELECT id, holder_name FROM accounts WHERE case_id = ?').raw().iterate(caseId) as IterableIterator<[string, string | null]>)
      if (name) this.names.set(id, name);
  }

  get(accountId: string): string | undefined {
    let f = this.folded.get(accountId);
    if (f === undefined) {
      const name = this.names.get(accountId);
      f = name ? fold(name) : '';
      this.folded.set(accountId, f);
    }
    return f || undefined;
  }
}

/**
 * The rows that may still find a partner, oldest first, as columns in a ring (row n of the scan at
 * slot n & mask). Rows with one key (currency and amount received) are chained newest to oldest
 * through `prev`. At a million rows, keeping each row's array until its window closed made the
 * garbage collector copy and promote most of the case (it cost more than the scan), and turning the
 * ids into numbers (a map look-up per id) cost as much again: the values are kept as they came.
 */
class Window {
  head = 0;
  tail = 0;
  private mask = 0;
  day = new Int32Array(0);
  prev = new Int32Array(0);
  seq = new Float64Array(0);
  rowid = new Float64Array(0);
  imp: string[] = [];
  from: (string | null)[] = [];
  to: (string | null)[] = [];
  id: string[] = [];
  key: string[] = [];
  ref: string[] = [];
  name: (string | null)[] = [];
  /** The newest row of each key in the window. */
  private readonly newest = new Map<string, number>();

  constructor() {
    this.grow(1 << 14);
  }

  at(n: number): number {
    return n & this.mask;
  }

  /** Rows booked before `day` leave (rows come in booking order, so they are the oldest). */
  expire(day: number): void {
    while (this.head < this.tail && this.day[this.head & this.mask] < day) {
      const s = this.head & this.mask;
      if (this.newest.get(this.key[s]) === this.head) this.newest.delete(this.key[s]);
      this.head++;
    }
  }

  /** The newest row with this key still in the window, or -1. */
  newestOf(key: string): number {
    return this.newest.get(key) ?? -1;
  }

  /** Adds row r, whose key's newest row in the window is `newest` (-1: none). */
  add(r: Row, day: number, newest: number): number {
    if (this.tail - this.head > this.mask) this.grow((this.mask + 1) * 2);
    const n = this.tail++;
    const s = n & this.mask;
    this.imp[s] = r[IMP];
    this.from[s] = r[FROM];
    this.to[s] = r[TO];
    this.day[s] = day;
    this.seq[s] = r[SEQ];
    this.rowid[s] = r[ROWID];
    this.id[s] = r[ID];
    this.key[s] = r[KEY];
    this.ref[s] = r[REF];
    this.name[s] = r[NAME];
    this.prev[s] = newest;
    this.newest.set(r[KEY], n);
    return n;
  }

  private grow(size: number): void {
    const mask = size - 1;
    const move = <T extends Int32Array | Float64Array | unknown[]>(from: T, to: T): T => {
      for (let n = this.head; n < this.tail; n++) to[n & mask] = from[n & this.mask];
      return to;
    };
    this.day = move(this.day, new Int32Array(size));
    this.prev = move(this.prev, new Int32Array(size));
    this.seq = move(this.seq, new Float64Array(size));
    this.rowid = move(this.rowid, new Float64Array(size));
    this.imp = move(this.imp, new Array<string>(size).fill(''));
    this.from = move(this.from, new Array<string | null>(size).fill(null));
    this.to = move(this.to, new Array<string | null>(size).fill(null));
    this.id = move(this.id, new Array<string>(size).fill(''));
    this.key = move(this.key, new Array<string>(size).fill(''));
    this.ref = move(this.ref, new Array<string>(size).fill(''));
    this.name = move(this.name, new Array<string | null>(size).fill(null));
    this.mask = mask;
  }
}

/**
 * What a pairing scored on, as bits (with the lag in business days above them): the points and the
 * evidence are both read from it, so the explanation written is the one that decided.
 */
const EACH_NAMES = 1, ONE_NAMES = 2, SAME_REF = 4, PAYER_NAMES_PAYEE = 8, PAYEE_NAMES_PAYER = 16, LAG = 32;

function pointsOf(code: number): number {
  const lag = Math.floor(code / LAG);
  return (code & EACH_NAMES ? 55 : code & ONE_NAMES ? 25 : 0) + (code & SAME_REF ? 40 : 0) + (lag === 0 ? 15 : 10 - 2 * lag) + (code & PAYER_NAMES_PAYEE ? 10 : 0) + (code & PAYEE_NAMES_PAYER ? 10 : 0);
}

function evidenceOf(code: number, ref: string, payerRowName: string, payeeRowName: string): Evidence[] {
  const lag = Math.floor(code / LAG);
  const e: Evidence[] = [];
  if (code & EACH_NAMES) e.push({ what: "each side names the other's account", points: 55 });
  else if (code & ONE_NAMES) e.push({ what: "one side names the other's account", points: 25 });
  if (code & SAME_REF) e.push({ what: `same reference / end-to-end id "${ref}"`, points: 40 });
  if (lag === 0) e.push({ what: 'booked the same day', points: 15 });
  else e.push({ what: `booked ${lag} business day(s) apart`, points: 10 - 2 * lag });
  if (code & PAYER_NAMES_PAYEE) e.push({ what: `payer's row names the payee "${payerRowName}"`, points: 10 });
  if (code & PAYEE_NAMES_PAYER) e.push({ what: `payee's row names the payer "${payeeRowName}"`, points: 10 });
  return e;
}

/** What pairing debit d (money leaving account A) with credit c (money reaching account B), rows of the window, scored on; -1 when they cannot pair. */
function score(w: Window, d: number, c: number, holders: Holders): number {
  const A = w.from[d];
  const B = w.to[c];
  if (A === null || B === null || A === B || w.imp[d] === w.imp[c]) return -1;
  // Endpoints must agree: the payer's row names the payee's account or nobody, and the other way round.
  const dTo = w.to[d];
  const cFrom = w.from[c];
  if (dTo !== null && dTo !== B) return -1;
  if (cFrom !== null && cFrom !== A) return -1;
  const dd = w.day[d];
  const cd = w.day[c];
  // The credit is booked on or after the debit (a business day earlier allowed: cut-off times differ).
  if (cd < dd && businessDays(cd, dd) > 1) return -1;
  const lag = dd <= cd ? businessDays(dd, cd) : businessDays(cd, dd);
  if (lag > SETTLEMENT_DAYS) return -1;
  let code = lag * LAG;
  if (dTo === B && cFrom === A) code |= EACH_NAMES;
  else if (dTo === B || cFrom === A) code |= ONE_NAMES;
  if (w.ref[d] && w.ref[d] === w.ref[c]) code |= SAME_REF;
  const dName = w.name[d];
  const cName = w.name[c];
  if (dName) {
    const payee = holders.get(B);
    if (payee && fold(dName) === payee) code |= PAYER_NAMES_PAYEE;
  }
  if (cName) {
    const payer = holders.get(A);
    if (payer && fold(cName) === payer) code |= PAYEE_NAMES_PAYER;
  }
  return code;
}

export interface MatchResult {
  linked: number;
  suggested: number;
}

/**
 * Candidate pairs as columns (the rows' rowids, score and booking order, and what the link will
 * say): the rows themselves left memory with their window.
 */
class Pairs {
  readonly debit: number[] = [];
  readonly credit: number[] = [];
  readonly points: number[] = [];
  readonly debitSeq: number[] = [];
  readonly creditSeq: number[] = [];
  readonly code: number[] = [];
  readonly debitId: string[] = [];
  readonly creditId: string[] = [];
  readonly ref: string[] = [];
  readonly debitName: string[] = [];
  readonly creditName: string[] = [];

  push(w: Window, d: number, c: number, code: number, points: number): void {
    this.debit.push(w.rowid[d]);
    this.credit.push(w.rowid[c]);
    this.points.push(points);
    this.debitSeq.push(w.seq[d]);
    this.creditSeq.push(w.seq[c]);
    this.code.push(code);
    this.debitId.push(w.id[d]);
    this.creditId.push(w.id[c]);
    this.ref.push(code & SAME_REF ? w.ref[d] : '');
    this.debitName.push(code & PAYER_NAMES_PAYEE ? w.name[d]! : '');
    this.creditName.push(code & PAYEE_NAMES_PAYER ? w.name[c]! : '');
  }

  get length(): number {
    return this.points.length;
  }

  /** Indexes, best first: by score, then the debit's booking order, then the credit's. */
  ranked(): number[] {
    const order = Array.from({ length: this.length }, (_v, i) => i);
    const { points, debitSeq, creditSeq } = this;
    return order.sort((a, b) => points[b] - points[a] || debitSeq[a] - debitSeq[b] || creditSeq[a] - creditSeq[b]);
  }

  /** Each row's pairs in one role (rowid -> index, or indexes when several), to find a rival without looking at every pair. */
  byRow(side: number[]): Map<number, number | number[]> {
    const m = new Map<number, number | number[]>();
    for (let i = 0; i < side.length; i++) {
      const had = m.get(side[i]);
      if (had === undefined) m.set(side[i], i);
      else if (typeof had === 'number') m.set(side[i], [had, i]);
      else had.push(i);
    }
    return m;
  }
}

const others = (m: Map<number, number | number[]>, rowid: number, self: number): number[] => {
  const v = m.get(rowid)!;
  return typeof v === 'number' ? [] : v.filter((i) => i !== self);
};

/**
 * Matches the case's debits with its credits. Rows already in a link (any status: a rejected pair
 * is not offered again) are left alone. With `importId`, only pairs with a row of that import are
 * looked at (run after each import). Greedy by score: each row is in one pair at most.
 *
 * One ordered pass: the rows come in booking order, and each waits in a window keyed by what was
 * received (currency and amount) for as long as a partner could still come (WINDOW_DAYS). Rows
 * leave memory with their window; a candidate pair is kept as numbers (Pairs).
 */
export function matchTransfers(ctx: Ctx, caseId: string, importId?: string): MatchResult {
  // 200,000 links go into four indexes, one of them (the credit side) in random order: with SQLite's
  // default 2 MB page cache their pages spill and are read back; 32 MB holds them (as for imports).
  const cacheBefore = ctx.sqlite.pragma('cache_size', { simple: true }) as number;
  ctx.sqlite.pragma('cache_size = -32768');
  try {
    return matchAll(ctx, caseId, importId);
  } finally {
    ctx.sqlite.pragma(`cache_size = ${cacheBefore}`);
  }
}

/** The columns the matcher reads of each imported row; the benchmark's floor scans the same. */
export const MATCH_COLUMNS_SQL = `id, import_id, from_account_id, to_account_id, coalesce(to_currency, currency) || ':' || coalesce(to_amount_minor, amount_minor),
              substr(occurred_at, 1, 10), reference, counterparty_name, seq, t.rowid`;

/** Epoch day of a YYYY-MM-DD date; a case spans a few thousand dates, each parsed once. */
class Days {
  private last = '';
  private lastDay = 0;

  of(date: string): number {
    if (date !== this.last) {
      this.last = date;
      this.lastDay = Math.floor(Date.parse(`${date}T00:00:00Z`) / 86400000);
      if (!Number.isFinite(this.lastDay)) throw new Error(`transfer matching: a transaction has no booking date ("${date}")`);
    }
    return this.lastDay;
  }
}

/** One pass over the case's rows in booking order: every pair that could be one transfer, scored. */
function candidates(db: Database, caseId: string, importId: string | undefined, holders: Holders): Pairs {
  const linked = new Set((db.prepare('SELECT debit_tx_id AS d, credit_tx_id AS c FROM transfer_links WHERE case_id = ?').all(caseId) as { d: string; c: string }[]).flatMap((l) => [l.d, l.c]));
  const w = new Window();
  const days = new Days();
  const pairs = new Pairs();
  // Run after an import: only pairs with a row of it.
  const only = importId || null;
  const consider = (d: number, c: number) => {
    if (only !== null && w.imp[d] !== only && w.imp[c] !== only) return;
    const code = score(w, d, c, holders);
    if (code < 0) return;
    const points = pointsOf(code);
    if (points >= SUGGEST) pairs.push(w, d, c, code, points);
  };
  const rows = db
    .prepare(`SELECT ${MATCH_COLUMNS_SQL} FROM transactions t WHERE case_id = ? AND import_id IS NOT NULL ORDER BY time_key, seq`)
    .raw()
    .iterate(caseId) as IterableIterator<Row>;
  // A key's rows in the window, oldest first (pairs are considered in booking order, as ranked ties expect).
  let older = new Int32Array(64);
  for (const r of rows) {
    if ((r[FROM] === null && r[TO] === null) || (linked.size && linked.has(r[ID]))) continue;
    const day = days.of(r[DATE]);
    w.expire(day - WINDOW_DAYS);
    let k = 0;
    const newest = w.newestOf(r[KEY]);
    for (let e = newest; e >= w.head; e = w.prev[w.at(e)]) {
      if (k === older.length) older = Int32Array.from({ length: k * 2 }, (_v, i) => (i < k ? older[i] : 0));
      older[k++] = e;
    }
    const imp = r[IMP];
    const n = w.add(r, day, newest);
    const rs = w.at(n);
    while (k > 0) {
      const es = w.at(older[--k]);
      if (w.imp[es] === imp) continue;
      if (w.from[es] !== null && w.to[rs] !== null) consider(es, rs);
      // Two rows that each name both accounts, the same way round, pair one way only: the other
      // orientation is the same pairing at the same score, and would double the pairs held.
      if (w.from[rs] !== null && w.to[es] !== null && !(w.from[es] === w.from[rs] && w.to[es] === w.to[rs])) consider(rs, es);
    }
  }
  return pairs;
}

function matchAll(ctx: Ctx, caseId: string, importId: string | undefined): MatchResult {
  const db = ctx.sqlite;
  const holders = new Holders(db, caseId);
  const pairs = candidates(db, caseId, importId, holders);

  const byDebit = pairs.byRow(pairs.debit);
  const byCredit = pairs.byRow(pairs.credit);
  const order = pairs.ranked();
  const used = new Set<number>();
  const run = newId();
  // Random bytes drawn in bulk: at 200,000 links one system call per id is most of an id's cost.
  const ids = new BulkIds();
  const insert = db.prepare(
    'INSERT INTO transfer_links (id, case_id, debit_tx_id, credit_tx_id, score, evidence, status, decided_by, decided_at, match_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const out: MatchResult = { linked: 0, suggested: 0 };
  const now = ctx.now();
  // The run's digest is built as the links are written (ids rise, so this is id order): 200,000 links need not be read back.
  const digest = new RowsDigestBuilder('transfer_links', { match_run: run }, LINK_DIGEST_COLUMNS, false);
  const { debit, credit, points } = pairs;
  // Decided best first; written in the debits' rowid order, which is near both sides' id order:
  // the links' indexes then grow at their ends instead of jumping about.
  const chosen: { p: number; auto: boolean }[] = [];
  for (const p of order) {
    const [d, c] = [debit[p], credit[p]];
    if (used.has(d) || used.has(c)) continue;
    // Two equally good partners for one row: a person must choose, even at a high score.
    // (The same two rows the other way round, when each names both accounts, are not a rival.)
    const rivalOf = (q: number) => points[q] === points[p] && debit[q] !== c && !used.has(debit[q]) && !used.has(credit[q]);
    const rival = others(byDebit, d, p).some(rivalOf) || others(byCredit, c, p).some(rivalOf);
    chosen.push({ p, auto: points[p] >= CERTAIN && !rival });
    used.add(d);
    used.add(c);
  }
  chosen.sort((a, b) => debit[a.p] - debit[b.p]);
  for (const { p, auto } of chosen) {
    const json = JSON.stringify(evidenceOf(pairs.code[p], pairs.ref[p], pairs.debitName[p], pairs.creditName[p]));
    const id = ids.next();
    const [dId, cId] = [pairs.debitId[p], pairs.creditId[p]];
    insert.run(id, caseId, dId, cId, points[p], json, auto ? 'auto' : 'suggested', auto ? 'matcher' : '', auto ? now : null, run);
    digest.add([id, caseId, dId, cId, points[p], json, run]);
    if (auto) out.linked++;
    else out.suggested++;
  }
  // One audit entry for the run (a case may get hundreds of thousands of links at once): the counts
  // and a digest of the links as proposed, so `audit verify --deep` sees one changed, added or
  // removed. A person's later decisions are audited one by one (decideLink).
  if (out.linked + out.suggested)
    ctx.audit({
      entity: 'transfer_match', entityId: run, caseId,
      after: { id: run, caseId, importId: importId ?? null, linked: out.linked, suggested: out.suggested, at: now, rowsDigests: [digest.result(db) ?? rowsDigest(db, 'transfer_links', { match_run: run }, { columns: LINK_DIGEST_COLUMNS })] },
    });
  return out;
}

const side = (r: Record<string, unknown>, p: 'd' | 'c', id: string) => ({
  id,
  occurredAt: r[`${p}_at`] as string,
  amountMinor: r[`${p}_amount`] as string,
  currency: r[`${p}_currency`] as string,
  reference: r[`${p}_ref`] as string,
  counterpartyName: (r[`${p}_name`] as string | null) ?? '',
  memo: (r[`${p}_memo`] as string | null) ?? '',
  account: (r[`${p}_account`] as string | null) ?? '',
});

export function listLinks(sqlite: Database, caseId: string, status?: string) {
  const rows = sqlite
    .prepare(
      `SELECT l.*, d.occurred_at AS d_at, d.amount_minor AS d_amount, d.currency AS d_currency, d.reference AS d_ref,
              d.counterparty_name AS d_name, d.memo AS d_memo, da.identifier AS d_account,
              c.occurred_at AS c_at, c.amount_minor AS c_amount, c.currency AS c_currency, c.reference AS c_ref,
              c.counterparty_name AS c_name, c.memo AS c_memo, ca.identifier AS c_account
       FROM transfer_links l JOIN transactions d ON d.id = l.debit_tx_id JOIN transactions c ON c.id = l.credit_tx_id
       LEFT JOIN accounts da ON da.id = d.from_account_id LEFT JOIN accounts ca ON ca.id = c.to_account_id
       WHERE l.case_id = ? AND (? IS NULL OR l.status = ?) ORDER BY l.score DESC, l.created_at`,
    )
    .all(caseId, status ?? null, status ?? null) as Record<string, unknown>[];
  return rows.map((r) => ({
    id: r.id as string,
    status: r.status as string,
    score: r.score as number,
    evidence: JSON.parse(r.evidence as string) as Evidence[],
    decidedBy: r.decided_by as string,
    decidedAt: r.decided_at as string | null,
    /** The payer's row (kept) and the payee's (the duplicate while the link stands), each with the account whose statement it came from. */
    debit: side(r, 'd', r.debit_tx_id as string),
    credit: side(r, 'c', r.credit_tx_id as string),
  }));
}

/** A person's decision on a link: accept, reject, or undo (back to a suggestion). Audited; nothing deleted. */
export function decideLink(ctx: Ctx, id: string, decision: 'accept' | 'reject' | 'undo') {
  const before = ctx.sqlite.prepare('SELECT * FROM transfer_links WHERE id = ?').get(id) as Record<string, unknown> | undefined;
  if (!before) throw notFound('transfer link', id);
  const status = decision === 'accept' ? 'accepted' : decision === 'reject' ? 'rejected' : 'suggested';
  if (before.status === status) throw conflict(`the link is ${status} already`, 'decision');
  const now = ctx.now();
  ctx.sqlite.prepare('UPDATE transfer_links SET status = ?, decided_by = ?, decided_at = ? WHERE id = ?').run(status, ctx.actor.user, now, id);
  const after = { ...before, status, decided_by: ctx.actor.user, decided_at: now };
  ctx.audit({ entity: 'transfer_link', entityId: id, caseId: before.case_id as string, before, after });
  return { id, status };
}
