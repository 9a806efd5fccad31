import { mutation, query } from '../contract.js';
import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';
import { newId } from '../ids.js';
import { getCase } from '../cases/methods.js';
import { TaintMark, TaintResolve, TaintUnmark, CaseTraces } from './schemas.js';

export interface TaintMarkRow {
  id: string;
  transactionId: string;
  label: string;
  createdAt: string;
  reference: string;
  occurredAt: string;
  amountMinor: string;
  currency: string;
  fromIdentifier: string | null;
  toIdentifier: string | null;
}

/** Fails naming the first id (by its index in the input) that is not a transaction of the case. */
function requireCaseTransactions(ctx: Ctx, caseId: string, ids: string[], path: string): void {
  const found = new Set(
    (
      ctx.sqlite
        .prepare('SELECT t.id FROM json_each(?) j CROSS JOIN transactions t ON t.id = j.value WHERE t.case_id = ?')
        .all(JSON.stringify(ids), caseId) as { id: string }[]
    ).map((r) => r.id),
  );
  const i = ids.findIndex((id) => !found.has(id));
  if (i >= 0) throw invalid(`${path}.${i}`, 'not a transaction of this case');
}

export const taintMethods = {
  /** Marks transactions as proceeds of an offence (tainted in full when they arrive). */
  'taint.mark': mutation(TaintMark, (input, ctx) => {
    getCase(ctx, input.caseId);
    requireCaseTransactions(ctx, input.caseId, input.transactionIds, 'transactionIds');
    const exists = ctx.sqlite.prepare('SELECT 1 FROM taint_marks WHERE transaction_id = ? AND label = ?');
    const insert = ctx.sqlite.prepare('INSERT INTO taint_marks (id, case_id, transaction_id, label) VALUES (?, ?, ?, ?)');
    let added = 0;
    for (const transactionId of new Set(input.transactionIds)) {
      if (exists.get(transactionId, input.label)) continue;
      const row = { id: newId(), caseId: input.caseId, transactionId, label: input.label };
      insert.run(row.id, row.caseId, row.transactionId, row.label);
      ctx.audit({ entity: 'taint_mark', entityId: row.id, caseId: input.caseId, after: row });
      added++;
    }
    return { added, alreadyMarked: new Set(input.transactionIds).size - added };
  }),

  'taint.unmark': mutation(TaintUnmark, (input, ctx) => {
    getCase(ctx, input.caseId);
    const rows = ctx.sqlite
      .prepare(
        `SELECT id, case_id AS caseId, transaction_id AS transactionId, label FROM taint_marks
         WHERE case_id = ? AND transaction_id IN (SELECT value FROM json_each(?)) AND (? IS NULL OR label = ?)`,
      )
      .all(input.caseId, JSON.stringify(input.transactionIds), input.label ?? null, input.label ?? null) as {
      id: string; caseId: string; transactionId: string; label: string;
    }[];
    const del = ctx.sqlite.prepare('DELETE FROM taint_marks WHERE id = ?');
    for (const row of rows) {
      del.run(row.id);
      ctx.audit({ entity: 'taint_mark', entityId: row.id, caseId: input.caseId, before: row });
    }
    return { removed: rows.length };
  }),

  'taint.list': query(CaseTraces, (input, ctx) => {
    getCase(ctx, input.caseId);
    return ctx.sqlite
      .prepare(
        `SELECT m.id, m.transaction_id AS transactionId, m.label, m.created_at AS createdAt, t.reference,
                t.occurred_at AS occurredAt, t.amount_minor AS amountMinor, t.currency,
                fa.identifier AS fromIdentifier, ta.identifier AS toIdentifier
         FROM taint_marks m JOIN transactions t ON t.id = m.transaction_id
         LEFT JOIN accounts fa ON fa.id = t.from_account_id LEFT JOIN accounts ta ON ta.id = t.to_account_id
         WHERE m.case_id = ? ORDER BY t.time_key, t.seq, m.label`,
      )
      .all(input.caseId) as TaintMarkRow[];
  }),

  /** Bank references or ids -> transaction ids; an unknown or ambiguous reference is an error naming it. */
  'taint.resolve': query(TaintResolve, (input, ctx) => {
    getCase(ctx, input.caseId);
    const byId = ctx.sqlite.prepare('SELECT id FROM transactions WHERE case_id = ? AND id = ?');
    const byRef = ctx.sqlite.prepare('SELECT id FROM transactions WHERE case_id = ? AND reference = ? LIMIT 3');
    return input.refs.map((ref, i) => {
      const direct = byId.get(input.caseId, ref) as { id: string } | undefined;
      if (direct) return { ref, transactionId: direct.id };
      const hits = byRef.all(input.caseId, ref) as { id: string }[];
      if (hits.length === 0) throw invalid(`refs.${i}`, `no transaction with reference or id "${ref}" in this case`);
      if (hits.length > 1) throw invalid(`refs.${i}`, `reference "${ref}" matches several transactions; give the transaction id`);
      return { ref, transactionId: hits[0].id };
    });
  }),
};
