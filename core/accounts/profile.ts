import type Database from 'better-sqlite3';
import { notFound } from '../errors.js';

/**
 * One subject seen whole: what it is, the accounts it holds with money in and out per currency,
 * who it dealt with, the assets, traces and bundles that touch it, and its transactions in booked
 * order. Amounts are exact (msum over decimal text); an exchange counts in on the receiving side
 * in the currency received.
 */
export interface SubjectProfile {
  subject: { id: string; caseId: string; kind: string; name: string; aliases: string[]; identifiers: { type: string; value: string }[]; bornOn: string | null; country: string; notes: string };
  accounts: { id: string; identifier: string; institution: string; kind: string; currency: string; totals: { currency: string; inMinor: string; outMinor: string; inCount: number; outCount: number }[] }[];
  counterparties: { accountId: string | null; identifier: string; name: string; currency: string; receivedFromMinor: string; sentToMinor: string; count: number }[];
  assets: { id: string; description: string; type: string; status: string; currency: string; valueSeizedMinor: string }[];
  traces: { id: string; name: string; method: string; createdAt: string }[];
  bundles: { id: string; direction: string; fileName: string; senderAgency: string; createdAt: string }[];
  timeline: { id: string; occurredAt: string; direction: 'in' | 'out' | 'own'; amountMinor: string; currency: string; accountIdentifier: string; counterparty: string; reference: string }[];
  transactionCount: number;
}

const TIMELINE_LIMIT = 1000;
const COUNTERPARTY_LIMIT = 200;

export function subjectProfile(db: Database.Database, subjectId: string): SubjectProfile {
  const s = db.prepare('SELECT * FROM subjects WHERE id = ?').get(subjectId) as Record<string, string | null> | undefined;
  if (!s) throw notFound('subject', subjectId);
  const held = db.prepare('SELECT id, identifier, institution, kind, currency FROM accounts WHERE holder_subject_id = ? ORDER BY identifier').all(subjectId) as SubjectProfile['accounts'];
  // The subject's accounts as a temp-free IN list: a JSON array read by json_each keeps it one statement.
  const ids = JSON.stringify(held.map((a) => a.id));
  const HELD = 'SELECT value FROM json_each(@ids)';

  const totals = db.prepare(`
    SELECT acc, currency, msum(inm) AS inMinor, msum(outm) AS outMinor, sum(isin) AS inCount, sum(1 - isin) AS outCount FROM (
      SELECT to_account_id AS acc, coalesce(to_currency, currency) AS currency, coalesce(to_amount_minor, amount_minor) AS inm, NULL AS outm, 1 AS isin
        FROM transactions WHERE to_account_id IN (${HELD})
      UNION ALL
      SELECT from_account_id, currency, NULL, amount_minor, 0 FROM transactions WHERE from_account_id IN (${HELD})
    ) GROUP BY acc, currency ORDER BY acc, currency`).all({ ids }) as { acc: string; currency: string; inMinor: string | null; outMinor: string | null; inCount: number; outCount: number }[];
  const accounts = held.map((a) => ({
    ...a,
    totals: totals.filter((x) => x.acc === a.id).map((x) => ({ currency: x.currency, inMinor: x.inMinor ?? '0', outMinor: x.outMinor ?? '0', inCount: x.inCount, outCount: x.outCount })),
  }));

  // The other side of each transaction, when it is not one of the subject's own accounts.
  const counterparties = db.prepare(`
    SELECT cp AS accountId, coalesce(a.identifier, '') AS identifier, coalesce(nullif(sub.name, ''), nullif(a.holder_name, ''), max(x.cpname), '') AS name, x.currency,
           coalesce(msum(x.inm), '0') AS receivedFromMinor, coalesce(msum(x.outm), '0') AS sentToMinor, count(*) AS count
    FROM (
      SELECT from_account_id AS cp, counterparty_name AS cpname, coalesce(to_currency, currency) AS currency, coalesce(to_amount_minor, amount_minor) AS inm, NULL AS outm
        FROM transactions WHERE to_account_id IN (${HELD}) AND (from_account_id IS NULL OR from_account_id NOT IN (${HELD}))
      UNION ALL
      SELECT to_account_id, counterparty_name, currency, NULL, amount_minor
        FROM transactions WHERE from_account_id IN (${HELD}) AND (to_account_id IS NULL OR to_account_id NOT IN (${HELD}))
    ) x LEFT JOIN accounts a ON a.id = x.cp LEFT JOIN subjects sub ON sub.id = a.holder_subject_id
    GROUP BY cp, x.currency ORDER BY count(*) DESC, identifier LIMIT ${COUNTERPARTY_LIMIT}`).all({ ids }) as SubjectProfile['counterparties'];

  const assets = db.prepare(`
    SELECT DISTINCT s.id, s.description, s.type, s.status, s.currency, s.value_seized_minor AS valueSeizedMinor FROM assets s
    JOIN asset_links l ON l.asset_id = s.id
    WHERE l.account_id IN (${HELD})
       OR l.transaction_id IN (SELECT id FROM transactions WHERE from_account_id IN (${HELD}) OR to_account_id IN (${HELD}))
    ORDER BY s.seized_on, s.id`).all({ ids }) as SubjectProfile['assets'];

  // A trace involves the subject when its result passes through one of the subject's accounts.
  const traces = db.prepare(`
    SELECT t.id, t.name, t.method, t.created_at AS createdAt FROM traces t
    WHERE t.case_id = @c AND EXISTS (SELECT 1 FROM json_each(t.result, '$.accounts') j WHERE json_extract(j.value, '$.accountId') IN (${HELD}))
    ORDER BY t.created_at`).all({ ids, c: s.case_id }) as SubjectProfile['traces'];

  // Bundles: received ones that brought the subject or its accounts, sent ones whose scope covered it.
  const bundles = db.prepare(`
    SELECT b.id, b.direction, b.file_name AS fileName, b.sender_agency AS senderAgency, b.created_at AS createdAt FROM bundles b
    WHERE EXISTS (SELECT 1 FROM provenance p WHERE p.bundle_id = b.id AND (p.record_id = @s OR p.record_id IN (${HELD})))
       OR (b.direction = 'sent' AND b.case_id = @c AND (
            (json_extract(b.report, '$.scope.subjectIds') IS NULL AND json_extract(b.report, '$.scope.accountIds') IS NULL AND json_extract(b.report, '$.scope.assetIds') IS NULL)
            OR EXISTS (SELECT 1 FROM json_each(b.report, '$.scope.subjectIds') j WHERE j.value = @s)
            OR EXISTS (SELECT 1 FROM json_each(b.report, '$.scope.accountIds') j WHERE j.value IN (${HELD}))))
    ORDER BY b.created_at`).all({ ids, s: subjectId, c: s.case_id }) as SubjectProfile['bundles'];

  const timeline = db.prepare(`
    SELECT t.id, t.occurred_at AS occurredAt,
      CASE WHEN t.from_account_id IN (${HELD}) AND t.to_account_id IN (${HELD}) THEN 'own' WHEN t.to_account_id IN (${HELD}) THEN 'in' ELSE 'out' END AS direction,
      CASE WHEN t.to_account_id IN (${HELD}) AND coalesce(t.from_account_id, '') NOT IN (${HELD}) THEN coalesce(t.to_amount_minor, t.amount_minor) ELSE t.amount_minor END AS amountMinor,
      CASE WHEN t.to_account_id IN (${HELD}) AND coalesce(t.from_account_id, '') NOT IN (${HELD}) THEN coalesce(t.to_currency, t.currency) ELSE t.currency END AS currency,
      CASE WHEN t.to_account_id IN (${HELD}) AND coalesce(t.from_account_id, '') NOT IN (${HELD}) THEN coalesce(mine_to.identifier, '') ELSE coalesce(mine_from.identifier, '') END AS accountIdentifier,
      CASE WHEN t.from_account_id IN (${HELD}) AND t.to_account_id IN (${HELD}) THEN '→ ' || mine_to.identifier
           WHEN t.to_account_id IN (${HELD}) AND coalesce(t.from_account_id, '') NOT IN (${HELD}) THEN coalesce(nullif(other_from.holder_name, ''), other_from.identifier, t.counterparty_name)
           ELSE coalesce(nullif(other_to.holder_name, ''), other_to.identifier, t.counterparty_name) END AS counterparty,
      t.reference
    FROM transactions t
    LEFT JOIN accounts mine_to ON mine_to.id = t.to_account_id
    LEFT JOIN accounts mine_from ON mine_from.id = t.from_account_id
    LEFT JOIN accounts other_from ON other_from.id = t.from_account_id
    LEFT JOIN accounts other_to ON other_to.id = t.to_account_id
    WHERE t.case_id = @c AND (t.from_account_id IN (${HELD}) OR t.to_account_id IN (${HELD}))
    ORDER BY t.time_key, t.seq LIMIT ${TIMELINE_LIMIT}`).all({ ids, c: s.case_id }) as SubjectProfile['timeline'];
  const { n } = db.prepare(`SELECT count(*) AS n FROM transactions WHERE case_id = @c AND (from_account_id IN (${HELD}) OR to_account_id IN (${HELD}))`).get({ ids, c: s.case_id }) as { n: number };

  return {
    subject: {
      id: s.id!, caseId: s.case_id!, kind: s.kind!, name: s.name!, aliases: JSON.parse(s.aliases ?? '[]') as string[], identifiers: JSON.parse(s.identifiers ?? '[]') as SubjectProfile['subject']['identifiers'],
      bornOn: s.born_on, country: s.country ?? '', notes: s.notes ?? '',
    },
    accounts, counterparties, assets, traces, bundles, timeline, transactionCount: n,
  };
}
