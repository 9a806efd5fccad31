import type { Sqlite } from '../../db/connection.js';
import type { MinorText } from '../money.js';
import { bookedRange } from '../time.js';
import { notLinkedDuplicate } from '../import/standing-links.js';

export interface FlowFilterInput {
  caseId: string;
  from?: string;
  to?: string;
  minAmountMinor: MinorText;
  currency?: string;
}

/** A node of the money trail: a subject, an account, or "outside the data" (cash, unknown parties). */
export interface FlowNode {
  id: string;
  kind: 'subject' | 'account' | 'outside';
  label: string;
  /** Institution and identifier for accounts, kind for subjects. */
  detail: string;
  external: boolean;
  /** The subject holding an account. */
  subjectId: string | null;
  currency: string | null;
}

/** Flows aggregated per ordered pair of accounts and currency; `holds` edges tie subjects to accounts. */
export interface FlowEdge {
  id: string;
  kind: 'flow' | 'holds';
  source: string;
  target: string;
  /** The currency sent (for an exchange, what the sender paid in). */
  currency: string;
  totalMinor: MinorText;
  count: number;
  /** Booking times (as booked) of the first and last transaction in time order. */
  first: string;
  last: string;
}

/**
 * Money from or to no account of the case (cash, unknown parties) is drawn as a small node of its
 * own beside each account ("outside:<account id>"), not as one hub that every account would be
 * pulled towards: the hub would sit in the middle of every picture and explain nothing.
 */
export const OUTSIDE = 'outside:';
export const outsideOf = (accountId: string) => OUTSIDE + accountId;
export const isOutside = (id: string) => id.startsWith(OUTSIDE);

/**
 * SQL conditions for the shared filter, on the transactions table aliased `t`. Dates match the
 * booking date as booked; amounts are decimal text, compared as numbers (longer is larger).
 */
export function filterSql(f: FlowFilterInput): { where: string; params: Record<string, unknown> } {
  // One transfer, once: the payee's copy of a linked transfer is not drawn again (core/import/transfer-match.ts).
  const where = ['t.case_id = @caseId', notLinkedDuplicate('t')];
  if (f.minAmountMinor !== '0')
    where.push('(length(t.amount_minor) > length(@minAmountMinor) OR (length(t.amount_minor) = length(@minAmountMinor) AND t.amount_minor >= @minAmountMinor))');
  const r = bookedRange(f.from, f.to);
  if (r.fromDate) where.push('substr(t.occurred_at, 1, 10) >= @fromDate');
  if (r.toDate) where.push('substr(t.occurred_at, 1, 10) <= @toDate');
  if (r.fromKey) where.push('t.time_key >= @fromKey');
  if (r.toKey) where.push('t.time_key <= @toKey');
  if (f.currency) where.push('t.currency = @currency');
  return { where: where.join(' AND '), params: { caseId: f.caseId, minAmountMinor: f.minAmountMinor, currency: f.currency, ...r } };
}

/** The booked text of the earliest / latest row of a group: min/max over "key|booked" picks it exactly. */
const bookedOf = (keyed: string) => keyed.slice(keyed.indexOf('|') + 1);

const edgeId = (source: string, target: string, currency: string) => `${source}>${target}>${currency}`;

/** The graph of the case's money: nodes and edges aggregated in SQL. */
export function caseFlows(sqlite: Sqlite, f: FlowFilterInput): { nodes: FlowNode[]; edges: FlowEdge[]; currencies: string[] } {
  const { where, params } = filterSql(f);
  const rows = sqlite
    .prepare(
      `SELECT t.from_account_id AS src, t.to_account_id AS dst, t.currency, msum(t.amount_minor) AS total, count(*) AS n,
              min(t.time_key || '|' || t.occurred_at) AS first, max(t.time_key || '|' || t.occurred_at) AS last
       FROM transactions t WHERE ${where} GROUP BY t.from_account_id, t.to_account_id, t.currency`,
    )
    .all(params) as { src: string | null; dst: string | null; currency: string; total: string; n: number; first: string; last: string }[];

  const edges: FlowEdge[] = rows.map((r) => {
    const [source, target] = [r.src ?? outsideOf(r.dst!), r.dst ?? outsideOf(r.src!)];
    return { id: edgeId(source, target, r.currency), kind: 'flow', source, target, currency: r.currency, totalMinor: r.total, count: r.n, first: bookedOf(r.first), last: bookedOf(r.last) };
  });
  const used = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes: FlowNode[] = [];
  const accounts = sqlite
    .prepare(
      `SELECT a.id, a.identifier, a.holder_name AS holderName, a.institution, a.external, a.currency, a.holder_subject_id AS subjectId
       FROM accounts a WHERE a.case_id = ? ORDER BY a.identifier`,
    )
    .all(f.caseId) as { id: string; identifier: string; holderName: string; institution: string; external: number; currency: string; subjectId: string | null }[];
  const holders = new Set<string>();
  for (const a of accounts) {
    if (!used.has(a.id)) continue;
    // With its holder drawn beside it, an account is named by bank and number, not by the holder again.
    const label = a.subjectId ? `${a.institution || a.holderName} ···${a.identifier.slice(-4)}` : a.holderName || a.identifier;
    nodes.push({
      id: a.id, kind: 'account', label, detail: [a.holderName, a.institution, a.identifier].filter(Boolean).join(' · '),
      external: a.external === 1, subjectId: a.subjectId, currency: a.currency,
    });
    if (a.subjectId) {
      holders.add(a.subjectId);
      edges.push({ id: edgeId(a.subjectId, a.id, ''), kind: 'holds', source: a.subjectId, target: a.id, currency: '', totalMinor: '0', count: 0, first: '', last: '' });
    }
  }
  const subjects = sqlite.prepare('SELECT id, name, kind FROM subjects WHERE case_id = ? ORDER BY name').all(f.caseId) as { id: string; name: string; kind: string }[];
  for (const s of subjects)
    if (holders.has(s.id)) nodes.push({ id: s.id, kind: 'subject', label: s.name, detail: s.kind, external: false, subjectId: null, currency: null });
  for (const id of used)
    if (isOutside(id)) nodes.push({ id, kind: 'outside', label: '', detail: '', external: true, subjectId: null, currency: null });
  const currencies = [...new Set(rows.map((r) => r.currency))].sort();
  return { nodes, edges, currencies };
}

export interface EdgeTransactionRow {
  id: string;
  occurredAt: string;
  amountMinor: MinorText;
  currency: string;
  toAmountMinor: MinorText | null;
  toCurrency: string | null;
  method: string;
  reference: string;
  memo: string;
  counterpartyName: string;
}

/** The transactions behind one edge of the graph, under the same filter. */
export function edgeTransactions(sqlite: Sqlite, f: FlowFilterInput, fromAccountId: string | null, toAccountId: string | null, offset: number, limit: number) {
  const { where, params } = filterSql(f);
  const edge = `${where} AND t.from_account_id IS @src AND t.to_account_id IS @dst`;
  const all = { ...params, src: fromAccountId, dst: toAccountId, limit, offset };
  const rows = sqlite
    .prepare(
      `SELECT t.id, t.occurred_at AS occurredAt, t.amount_minor AS amountMinor, t.currency, t.to_amount_minor AS toAmountMinor,
              t.to_currency AS toCurrency, t.method, t.reference, t.memo, t.counterparty_name AS counterpartyName
       FROM transactions t WHERE ${edge} ORDER BY t.time_key, t.seq LIMIT @limit OFFSET @offset`,
    )
    .all(all) as EdgeTransactionRow[];
  const total = (sqlite.prepare(`SELECT count(*) AS n FROM transactions t WHERE ${edge}`).get(all) as { n: number }).n;
  return { rows, total };
}
