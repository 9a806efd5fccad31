import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';

/** Table behind each kind of record an exhibit can be attached to (constants: never user text in SQL). */
const TABLES = { subject: 'subjects', account: 'accounts', transaction: 'transactions', asset: 'assets' } as const;

/** The record must exist and belong to the exhibit's case, or the file would travel with the wrong case. */
export function checkTarget(ctx: Pick<Ctx, 'sqlite'>, caseId: string, kind: string, id: string | undefined): string | null {
  if (kind === 'case') {
    if (id && id !== caseId) throw invalid('targetId', 'for a case exhibit, leave targetId empty or give the case id');
    return null;
  }
  const table = TABLES[kind as keyof typeof TABLES];
  const row = ctx.sqlite.prepare(`SELECT case_id AS caseId FROM ${table} WHERE id = ?`).get(id) as { caseId: string } | undefined;
  if (!row) throw invalid('targetId', `no such ${kind}`);
  if (row.caseId !== caseId) throw invalid('targetId', `the ${kind} belongs to another case`);
  return id!;
}
