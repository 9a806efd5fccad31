import type { Database } from 'better-sqlite3';
import type { Ctx } from '../context.js';
import { newId } from '../ids.js';
import { notFound, conflict } from '../errors.js';

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

interface Row {
  id: string;
  import_id: string | null;
  from_account_id: string | null;
  to_account_id: string | null;
  amount_minor: string;
  currency: string;
  to_amount_minor: string | null;
  to_currency: string | null;
  day: string;
  reference: string;
  counterparty_name: string;
  seq: number;
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/\b(LLC|LTD|LTDA|GMBH|SA|S A|SAS|INC|CORP|BV|AG|SRL|DE CV|S DE RL)\b\.?/g, '')
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();

/** Business days from a to b (a <= b), weekends not counted. */
function businessDays(a: string, b: string): number {
  let n = 0;
  const end = Date.parse(`${b}T00:00:00Z`);
  if (end - Date.parse(`${a}T00:00:00Z`) > 14 * 86400000) return 99;
  for (let t = Date.parse(`${a}T00:00:00Z`) + 86400000; t <= end; t += 86400000) {
    const wd = new Date(t).getUTCDay();
    if (wd !== 0 && wd !== 6) n++;
  }
  return n;
}

/** The score of pairing debit d (money leaving account A) with credit c (money reaching account B), with its evidence. */
function score(d: Row, c: Row, holders: Map<string, string>): { points: number; evidence: Evidence[] } | undefined {
  const A = d.from_account_id!;
  const B = c.to_account_id!;
  if (A === B) return undefined;
  // Endpoints must agree: the payer's row names the payee's account or nobody, and the other way round.
  if (d.to_account_id && d.to_account_id !== B) return undefined;
  if (c.from_account_id && c.from_account_id !== A) return undefined;
  const lo = d.day <= c.day ? d.day : c.day;
  const hi = d.day <= c.day ? c.day : d.day;
  // The credit is booked on or after the debit (a day earlier allowed: cut-off times differ).
  if (c.day < d.day && businessDays(c.day, d.day) > 1) return undefined;
  const lag = businessDays(lo, hi);
  if (lag > SETTLEMENT_DAYS) return undefined;
  const evidence: Evidence[] = [];
  if (d.to_account_id === B && c.from_account_id === A) evidence.push({ what: 'each side names the other\'s account', points: 55 });
  else if (d.to_account_id === B || c.from_account_id === A) evidence.push({ what: 'one side names the other\'s account', points: 25 });
  if (d.reference && d.reference === c.reference) evidence.push({ what: `same reference / end-to-end id "${d.reference}"`, points: 40 });
  evidence.push(lag === 0 ? { what: 'booked the same day', points: 15 } : { what: `booked ${lag} business day(s) apart`, points: 10 - 2 * lag });
  const payee = fold(holders.get(B) ?? '');
  const payer = fold(holders.get(A) ?? '');
  if (payee && fold(d.counterparty_name) === payee) evidence.push({ what: `payer's row names the payee "${d.counterparty_name}"`, points: 10 });
  if (payer && fold(c.counterparty_name) === payer) evidence.push({ what: `payee's row names the payer "${c.counterparty_name}"`, points: 10 });
  return { points: evidence.reduce((s, e) => s + e.points, 0), evidence };
}

export interface MatchResult {
  linked: number;
  suggested: number;
}

/**
 * Matches the case's debits with its credits. Rows already in a link (any status: a rejected pair
 * is not offered again) are left alone. With `importId`, only pairs with a row of that import are
 * looked at (run after each import). Greedy by score: each row is in one pair at most.
 */
export function matchTransfers(ctx: Ctx, caseId: string, importId?: string): MatchResult {
  const db = ctx.sqlite;
  const holders = new Map(
    (db.prepare('SELECT id, holder_name AS h FROM accounts WHERE case_id = ?').all(caseId) as { id: string; h: string }[]).map((a) => [a.id, a.h]),
  );
  const rows = db
    .prepare(
      `SELECT id, import_id, from_account_id, to_account_id, amount_minor, currency, to_amount_minor, to_currency, substr(occurred_at, 1, 10) AS day,
              reference, counterparty_name, seq
       FROM transactions t WHERE case_id = ? AND import_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM transfer_links l WHERE l.debit_tx_id = t.id OR l.credit_tx_id = t.id)`,
    )
    .all(caseId) as Row[];
  // Credits by what was received: amount and currency (an exchange's received leg).
  const credits = new Map<string, Row[]>();
  for (const r of rows) if (r.to_account_id) {
    const key = `${r.to_currency ?? r.currency}:${r.to_amount_minor ?? r.amount_minor}`;
    const list = credits.get(key);
    if (list) list.push(r);
    else credits.set(key, [r]);
  }
  const pairs: { d: Row; c: Row; points: number; evidence: Evidence[] }[] = [];
  for (const d of rows) {
    if (!d.from_account_id) continue;
    const key = `${d.to_currency ?? d.currency}:${d.to_amount_minor ?? d.amount_minor}`;
    for (const c of credits.get(key) ?? []) {
      if (c.id === d.id || c.import_id === d.import_id) continue;
      if (importId && d.import_id !== importId && c.import_id !== importId) continue;
      const s = score(d, c, holders);
      if (s && s.points >= SUGGEST) pairs.push({ d, c, ...s });
    }
  }
  pairs.sort((a, b) => b.points - a.points || a.d.seq - b.d.seq || a.c.seq - b.c.seq);
  const used = new Set<string>();
  const insert = db.prepare(
    'INSERT INTO transfer_links (id, case_id, debit_tx_id, credit_tx_id, score, evidence, status, decided_by, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const out: MatchResult = { linked: 0, suggested: 0 };
  for (const p of pairs) {
    if (used.has(p.d.id) || used.has(p.c.id)) continue;
    // Two equally good partners for one row: a person must choose, even at a high score.
    const rival = pairs.some((q) => q !== p && q.points === p.points && !used.has(q.d.id) && !used.has(q.c.id) && (q.d.id === p.d.id || q.c.id === p.c.id));
    const status = p.points >= CERTAIN && !rival ? 'auto' : 'suggested';
    used.add(p.d.id);
    used.add(p.c.id);
    const id = newId();
    const now = ctx.now();
    const row = { id, caseId, debitTxId: p.d.id, creditTxId: p.c.id, score: p.points, evidence: p.evidence, status, decidedBy: status === 'auto' ? 'matcher' : '', decidedAt: status === 'auto' ? now : null };
    insert.run(id, caseId, p.d.id, p.c.id, p.points, JSON.stringify(p.evidence), status, row.decidedBy, row.decidedAt);
    ctx.audit({ entity: 'transfer_link', entityId: id, caseId, after: row });
    if (status === 'auto') out.linked++;
    else out.suggested++;
  }
  return out;
}

/**
 * Ids of the transactions that are the duplicate side of a standing link (auto or accepted): the
 * payee's credit. Trace, graph, Sankey, totals and exports skip these so a transfer counts once;
 * the payer's debit stays and carries the transfer.
 */
export function linkedDuplicateIds(sqlite: Database, caseId: string): Set<string> {
  return new Set(standingLinks(sqlite, caseId).map((r) => r.credit));
}

/**
 * The case's standing links (auto or accepted): each payer's debit, the payee's credit that
 * duplicates it, and the account the credit arrived in (where the kept debit carries the transfer
 * when the payer's statement did not name it).
 */
export function standingLinks(sqlite: Database, caseId: string): { debit: string; credit: string; creditTo: string | null }[] {
  return sqlite
    .prepare(
      `SELECT l.debit_tx_id AS debit, l.credit_tx_id AS credit, c.to_account_id AS creditTo FROM transfer_links l
       JOIN transactions c ON c.id = l.credit_tx_id WHERE l.case_id = ? AND l.status IN ('auto', 'accepted')`,
    )
    .all(caseId) as { debit: string; credit: string; creditTo: string | null }[];
}

/** SQL condition keeping a transaction (aliased `alias`) unless it is a linked duplicate, for queries that aggregate in SQL. */
export const notLinkedDuplicate = (alias = 't') =>
  `NOT EXISTS (SELECT 1 FROM transfer_links tl WHERE tl.credit_tx_id = ${alias}.id AND tl.status IN ('auto', 'accepted'))`;

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
