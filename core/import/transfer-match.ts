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
 * A row as SQLite hands it over (raw): the matcher keeps these arrays as they come rather than
 * building an object per row; at a million rows the copies cost more than the matching.
 */
type Row = [id: string, importId: string, from: string | null, to: string | null, key: string, date: string, reference: string, counterparty: string, seq: number, rowid: number];
const ID = 0, IMP = 1, FROM = 2, TO = 3, KEY = 4, DATE = 5, REF = 6, NAME = 7, SEQ = 8, ROWID = 9;

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/\b(LLC|LTD|LTDA|GMBH|SA|S A|SAS|INC|CORP|BV|AG|SRL|DE CV|S DE RL)\b\.?/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();

const days = new Map<string, number>();
/** Epoch day of a YYYY-MM-DD date; a case spans a few thousand dates, each parsed once. */
const epochDay = (date: string) => {
  let d = days.get(date);
  if (d === undefined) {
    d = Math.floor(Date.parse(`${date}T00:00:00Z`) / 86400000);
    if (days.size > 100_000) days.clear();
    days.set(date, d);
  }
  return d;
};
const dayText = (day: number) => new Date(day * 86400000).toISOString().slice(0, 10);

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

/** The score of pairing debit d (money leaving account A) with credit c (money reaching account B), with its evidence when asked. */
function score(d: Row, c: Row, holders: Holders, explain: false): number | undefined;
function score(d: Row, c: Row, holders: Holders, explain: true): { points: number; evidence: Evidence[] } | undefined;
function score(d: Row, c: Row, holders: Holders, explain: boolean): number | { points: number; evidence: Evidence[] } | undefined {
  const A = d[FROM];
  const B = c[TO];
  if (A === null || B === null || A === B || d[IMP] === c[IMP]) return undefined;
  // Endpoints must agree: the payer's row names the payee's account or nobody, and the other way round.
  if (d[TO] !== null && d[TO] !== B) return undefined;
  if (c[FROM] !== null && c[FROM] !== A) return undefined;
  const dd = epochDay(d[DATE]);
  const cd = epochDay(c[DATE]);
  // The credit is booked on or after the debit (a business day earlier allowed: cut-off times differ).
  if (cd < dd && businessDays(cd, dd) > 1) return undefined;
  const lag = dd <= cd ? businessDays(dd, cd) : businessDays(cd, dd);
  if (lag > SETTLEMENT_DAYS) return undefined;
  const evidence: Evidence[] | undefined = explain ? [] : undefined;
  let points = 0;
  const add = (what: () => string, p: number) => {
    points += p;
    evidence?.push({ what: what(), points: p });
  };
  if (d[TO] === B && c[FROM] === A) add(() => "each side names the other's account", 55);
  else if (d[TO] === B || c[FROM] === A) add(() => "one side names the other's account", 25);
  if (d[REF] && d[REF] === c[REF]) add(() => `same reference / end-to-end id "${d[REF]}"`, 40);
  if (lag === 0) add(() => 'booked the same day', 15);
  else add(() => `booked ${lag} business day(s) apart`, 10 - 2 * lag);
  const payee = d[NAME] ? holders.get(B) : undefined;
  const payer = c[NAME] ? holders.get(A) : undefined;
  if (payee && d[NAME] && fold(d[NAME]) === payee) add(() => `payer's row names the payee "${d[NAME]}"`, 10);
  if (payer && c[NAME] && fold(c[NAME]) === payer) add(() => `payee's row names the payer "${c[NAME]}"`, 10);
  return explain ? { points, evidence: evidence! } : points;
}

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

export interface MatchResult {
  linked: number;
  suggested: number;
}

/**
 * Candidate pairs as columns of numbers (the rows' rowids, score and booking order): a million-row
 * case has hundreds of thousands of candidates, and holding their rows until the end kept most of
 * the case in memory and made the garbage collector's work grow with it. The rows of the pairs
 * chosen are read again by rowid when their links are written.
 */
class Pairs {
  readonly debit: number[] = [];
  readonly credit: number[] = [];
  readonly points: number[] = [];
  readonly debitSeq: number[] = [];
  readonly creditSeq: number[] = [];

  push(d: Row, c: Row, points: number): void {
    this.debit.push(d[ROWID]);
    this.credit.push(c[ROWID]);
    this.points.push(points);
    this.debitSeq.push(d[SEQ]);
    this.creditSeq.push(c[SEQ]);
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

function matchAll(ctx: Ctx, caseId: string, importId: string | undefined): MatchResult {
  const db = ctx.sqlite;
  const holders = new Holders(db, caseId);
  const linked = new Set((db.prepare('SELECT debit_tx_id AS d, credit_tx_id AS c FROM transfer_links WHERE case_id = ?').all(caseId) as { d: string; c: string }[]).flatMap((l) => [l.d, l.c]));
  const window = new Map<string, Row[]>();
  const queue: Row[] = [];
  let head = 0;
  const pairs = new Pairs();
  const consider = (d: Row, c: Row) => {
    if (importId && d[IMP] !== importId && c[IMP] !== importId) return;
    const points = score(d, c, holders, false);
    if (points !== undefined && points >= SUGGEST) pairs.push(d, c, points);
  };
  const rows = db
    .prepare(`SELECT ${MATCH_COLUMNS_SQL} FROM transactions t WHERE case_id = ? AND import_id IS NOT NULL ORDER BY time_key, seq`)
    .raw()
    .iterate(caseId) as IterableIterator<Row>;
  // Rows come in date order: the cut-off (rows older leave the window) moves when the date does.
  let lastDate = '';
  let cutoff = '';
  for (const r of rows) {
    if ((r[FROM] === null && r[TO] === null) || (linked.size && linked.has(r[ID]))) continue;
    const date = r[DATE];
    if (date !== lastDate) {
      lastDate = date;
      cutoff = dayText(epochDay(date) - WINDOW_DAYS);
    }
    // Rows too old to pair with this one leave (the queue is in booking order, as is each key's list).
    while (head < queue.length && queue[head][DATE] < cutoff) {
      const old = queue[head++];
      const list = window.get(old[KEY])!;
      list.shift();
      if (!list.length) window.delete(old[KEY]);
    }
    // Compacted often: a row the queue keeps past its window would live on into the old generation.
    if (head > 1024 && head * 2 > queue.length) {
      queue.splice(0, head);
      head = 0;
    }
    const list = window.get(r[KEY]);
    if (list) {
      for (const e of list) {
        if (e[IMP] === r[IMP]) continue;
        if (e[FROM] !== null && r[TO] !== null) consider(e, r);
        // Two rows that each name both accounts, the same way round, pair one way only: the other
        // orientation is the same pairing at the same score, and would double the pairs held.
        if (r[FROM] !== null && e[TO] !== null && !(e[FROM] === r[FROM] && e[TO] === r[TO])) consider(r, e);
      }
      list.push(r);
    } else window.set(r[KEY], [r]);
    queue.push(r);
  }
  window.clear();
  queue.length = 0;

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
  const rowAt = db.prepare(`SELECT ${MATCH_COLUMNS_SQL} FROM transactions t WHERE t.rowid = ?`).raw();
  const out: MatchResult = { linked: 0, suggested: 0 };
  const now = ctx.now();
  // The run's digest is built as the links are written (ids rise, so this is id order): 200,000 links need not be read back.
  const digest = new RowsDigestBuilder('transfer_links', { match_run: run }, LINK_DIGEST_COLUMNS, false);
  const { debit, credit, points } = pairs;
  // Decided best first; written in the debits' rowid order, which is near both sides' id order:
  // the links' indexes and the look-ups of both rows then walk the B-trees instead of jumping about.
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
    const dr = rowAt.get(debit[p]) as Row;
    const cr = rowAt.get(credit[p]) as Row;
    const { evidence } = score(dr, cr, holders, true)!;
    const id = ids.next();
    const json = JSON.stringify(evidence);
    insert.run(id, caseId, dr[ID], cr[ID], points[p], json, auto ? 'auto' : 'suggested', auto ? 'matcher' : '', auto ? now : null, run);
    digest.add([id, caseId, dr[ID], cr[ID], points[p], json, run]);
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
