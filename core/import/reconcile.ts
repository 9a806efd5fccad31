import type { Database } from 'better-sqlite3';
import { formatMinor, minorText, type Minor } from '../money.js';
import type { ParsedStatement, StatedBalance } from './rows.js';

/**
 * Statements reconcile when opening + rows = closing; consecutive statements of one account chain
 * when one's closing is the next one's opening. A break is money nobody can account for (a missing
 * page, a row the bank printed and the file lacks): it is reported with its amount, never hidden.
 */
export interface Reconciliation {
  opening?: { minor: string; date: string };
  closing?: { minor: string; date: string };
  /** Sum of the rows read, money in positive. */
  moved: string;
  /** closing - (opening + moved); null when the statement states no pair of balances. */
  difference: string | null;
  ok: boolean | null;
  firstDate?: string;
  lastDate?: string;
}

const shown = (b?: StatedBalance) => (b ? { minor: minorText(b.minor), date: b.date } : undefined);

export function reconcile(st: Pick<ParsedStatement, 'opening' | 'closing'>, moved: Minor, firstDate?: string, lastDate?: string): Reconciliation {
  const difference = st.opening && st.closing ? st.closing.minor - (st.opening.minor + moved) : null;
  return {
    opening: shown(st.opening),
    closing: shown(st.closing),
    moved: minorText(moved),
    difference: difference === null ? null : minorText(difference),
    ok: difference === null ? null : difference === 0n,
    firstDate,
    lastDate,
  };
}

interface StatementRecord {
  id: string;
  import_id: string;
  account_id: string;
  identifier: string;
  currency: string;
  opening_minor: string | null;
  opening_date: string | null;
  closing_minor: string | null;
  closing_date: string | null;
  moved_minor: string;
  first_date: string | null;
  last_date: string | null;
}

export interface CoverageEvent {
  kind: 'statement' | 'gap' | 'break' | 'unreconciled';
  from: string | null;
  to: string | null;
  /** For a break or an unreconciled statement: the unexplained amount, in minor units. */
  amount?: string;
  text: string;
}

export interface AccountCoverage {
  accountId: string;
  identifier: string;
  currency: string;
  statements: number;
  verified: boolean;
  events: CoverageEvent[];
}

const dayAfter = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86400000).toISOString().slice(0, 10);

/**
 * Per account, its statements in date order: each one (reconciled or not), the gaps between one's
 * end and the next one's start, and each break where a closing balance is not the next opening.
 */
export function coverage(sqlite: Database, caseId: string, accountId?: string): AccountCoverage[] {
  const rows = sqlite
    .prepare(
      `SELECT s.*, a.identifier FROM statements s JOIN accounts a ON a.id = s.account_id
       WHERE s.case_id = ? AND (? IS NULL OR s.account_id = ?)
       ORDER BY a.identifier, s.currency, coalesce(s.opening_date, s.first_date, s.closing_date), coalesce(s.closing_date, s.last_date), s.created_at`,
    )
    .all(caseId, accountId ?? null, accountId ?? null) as StatementRecord[];
  const out: AccountCoverage[] = [];
  let cur: AccountCoverage | undefined;
  let prev: StatementRecord | undefined;
  for (const s of rows) {
    if (!cur || cur.accountId !== s.account_id || cur.currency !== s.currency) {
      cur = { accountId: s.account_id, identifier: s.identifier, currency: s.currency, statements: 0, verified: true, events: [] };
      out.push(cur);
      prev = undefined;
    }
    cur.statements++;
    const from = s.opening_date ?? s.first_date;
    const to = s.closing_date ?? s.last_date;
    const money = (m: string | bigint) => formatMinor(m, s.currency);
    if (prev) {
      const prevEnd = prev.closing_date ?? prev.last_date;
      if (prevEnd && from && from > dayAfter(prevEnd) && !(prev.closing_minor !== null && s.opening_minor !== null && prev.closing_minor === s.opening_minor))
        cur.events.push({ kind: 'gap', from: dayAfter(prevEnd), to: from, text: `no statement from ${dayAfter(prevEnd)} to ${from}` });
      if (prev.closing_minor !== null && s.opening_minor !== null && prev.closing_minor !== s.opening_minor) {
        const diff = BigInt(s.opening_minor) - BigInt(prev.closing_minor);
        cur.verified = false;
        cur.events.push({
          kind: 'break',
          from: prevEnd,
          to: from,
          amount: minorText(diff),
          text: `between ${prevEnd} (closing ${money(prev.closing_minor)}) and ${from} (opening ${money(s.opening_minor)}): ${money(diff < 0n ? -diff : diff)} unexplained - a missing page?`,
        });
      }
    }
    let text = `statement ${from ?? '?'} to ${to ?? '?'}`;
    if (s.opening_minor !== null && s.closing_minor !== null) {
      const diff = BigInt(s.closing_minor) - (BigInt(s.opening_minor) + BigInt(s.moved_minor));
      if (diff !== 0n) {
        cur.verified = false;
        cur.events.push({
          kind: 'unreconciled',
          from,
          to,
          amount: minorText(diff),
          text: `${text}: opening ${money(s.opening_minor)} + rows ${money(s.moved_minor)} = ${money(BigInt(s.opening_minor) + BigInt(s.moved_minor))}, but closing is ${money(s.closing_minor)}: ${money(diff < 0n ? -diff : diff)} unexplained`,
        });
        prev = s;
        continue;
      }
      text += `: opening ${money(s.opening_minor)} + rows ${money(s.moved_minor)} = closing ${money(s.closing_minor)}`;
    } else {
      cur.verified = false;
      text += ': no opening and closing balance to check against';
    }
    cur.events.push({ kind: 'statement', from, to, text });
    prev = s;
  }
  return out;
}
