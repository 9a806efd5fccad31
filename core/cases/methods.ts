import { eq, sql, asc } from 'drizzle-orm';
import { agencies, cases, caseParticipants } from '../../db/schema/index.js';
import { mutation, query } from '../contract.js';
import { conflictOn, invalidField, notFound } from '../errors.js';
import { newId } from '../ids.js';
import { checkUnchanged } from '../stale-edit.js';
import type { Ctx } from '../context.js';
import { AgencyCreate, CaseByNumber, CaseCreate, CaseRef, CaseUpdate, ParticipantAdd, ParticipantUpdate, uuid } from './schemas.js';
import { z } from 'zod';
import { rowById } from '../row-by-id.js';

export const getCase = (ctx: Ctx, id: string) => rowById(ctx, cases, 'case', id);

export function getCaseByNumber(ctx: Ctx, number: string) {
  const row = ctx.db.select().from(cases).where(eq(cases.number, number)).get();
  if (!row) throw notFound('case number', number);
  return row;
}

function requireAgency(ctx: Ctx, id: string, path: string) {
  const row = ctx.db.select().from(agencies).where(eq(agencies.id, id)).get();
  if (!row) throw invalidField(path, 'case.noSuchAgency');
  return row;
}

const CASE_LIST_SQL = sql`
  SELECT c.id, c.number, c.title, c.status, c.opened_on AS openedOn, c.closed_on AS closedOn,
         a.name AS leadAgency,
         (SELECT count(*) FROM subjects s WHERE s.case_id = c.id) AS subjects,
         (SELECT count(*) FROM accounts x WHERE x.case_id = c.id) AS accounts,
         (SELECT count(*) FROM transactions t WHERE t.case_id = c.id) AS transactions,
         (SELECT count(*) FROM assets s WHERE s.case_id = c.id) AS assets,
         (SELECT json_group_object(currency, total) FROM
            (SELECT currency, msum(value_seized_minor) AS total FROM assets s WHERE s.case_id = c.id GROUP BY currency)) AS seizedByCurrency
  FROM cases c LEFT JOIN agencies a ON a.id = c.lead_agency_id
  ORDER BY c.created_at DESC`;

export const caseMethods = {
  'agencies.create': mutation(AgencyCreate, (input, ctx) => {
    if (ctx.db.select().from(agencies).where(eq(agencies.code, input.code)).get())
      throw conflictOn('code', 'case.agencyCodeExists', { code: input.code });
    const row = { id: newId(), ...input };
    ctx.db.insert(agencies).values(row).run();
    ctx.audit({ entity: 'agency', entityId: row.id, after: row });
    return row;
  }),

  'agencies.list': query(z.object({}), (_input, ctx) => ctx.db.select().from(agencies).orderBy(asc(agencies.name)).all()),

  'cases.create': mutation(CaseCreate, (input, ctx) => {
    if (ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.number, input.number)).get())
      throw conflictOn('number', 'case.numberExists', { number: input.number });
    if (input.leadAgencyId) requireAgency(ctx, input.leadAgencyId, 'leadAgencyId');
    const row = { id: newId(), ...input, openedOn: input.openedOn ?? ctx.now().slice(0, 10) };
    ctx.db.insert(cases).values(row).run();
    ctx.audit({ entity: 'case', entityId: row.id, caseId: row.id, after: row });
    if (input.leadAgencyId) {
      const p = { id: newId(), caseId: row.id, agencyId: input.leadAgencyId, role: 'lead' as const, hours: 0 };
      ctx.db.insert(caseParticipants).values(p).run();
      ctx.audit({ entity: 'participant', entityId: p.id, caseId: row.id, after: p });
    }
    return getCase(ctx, row.id);
  }),

  'cases.list': query(z.object({}), (_input, ctx) => {
    const rows = ctx.db.all<Record<string, unknown>>(CASE_LIST_SQL);
    return rows.map((r) => ({
      ...(r as {
        id: string; number: string; title: string; status: string; openedOn: string | null; closedOn: string | null;
        leadAgency: string | null; subjects: number; accounts: number; transactions: number; assets: number;
      }),
      // msum gives exact text per currency (sum() would go through floating point).
      seizedByCurrency: JSON.parse((r.seizedByCurrency as string) || '{}') as Record<string, string>,
    }));
  }),

  'cases.get': query(CaseRef, (input, ctx) => {
    const c = getCase(ctx, input.id);
    const participants = ctx.db
      .select({
        id: caseParticipants.id, agencyId: caseParticipants.agencyId, role: caseParticipants.role,
        hours: caseParticipants.hours, name: agencies.name, code: agencies.code,
      })
      .from(caseParticipants)
      .innerJoin(agencies, eq(agencies.id, caseParticipants.agencyId))
      .where(eq(caseParticipants.caseId, c.id))
      .all();
    return { ...c, participants };
  }),

  'cases.getByNumber': query(CaseByNumber, (input, ctx) => getCaseByNumber(ctx, input.number)),

  'cases.update': mutation(CaseUpdate, (input, ctx) => {
    const before = getCase(ctx, input.id);
    checkUnchanged('case', before, input, ['title', 'status', 'leadAgencyId', 'openedOn', 'closedOn', 'summary']);
    const { id, ifUnchangedSince: _token, ...changes } = input;
    // Once opened, a case's records are evidence: back to draft would make it deletable.
    if (changes.status === 'draft' && before.status !== 'draft')
      throw conflictOn('status', 'case.noBackToDraft', { number: before.number, status: before.status });
    if (changes.leadAgencyId) requireAgency(ctx, changes.leadAgencyId, 'leadAgencyId');
    ctx.db.update(cases).set({ ...changes, updatedAt: ctx.now() }).where(eq(cases.id, id)).run();
    const after = getCase(ctx, id);
    ctx.audit({ entity: 'case', entityId: id, caseId: id, before, after });
    return after;
  }),

  /** Only a draft case can be deleted: once open, its records are evidence and the trail must stay. */
  'cases.delete': mutation(CaseRef, (input, ctx) => {
    const before = getCase(ctx, input.id);
    if (before.status !== 'draft')
      throw conflictOn('status', 'case.onlyDraftDeleted', { number: before.number, status: before.status });
    ctx.db.delete(cases).where(eq(cases.id, input.id)).run();
    ctx.audit({ entity: 'case', entityId: input.id, caseId: input.id, before });
    return { deleted: input.id };
  }),

  'participants.add': mutation(ParticipantAdd, (input, ctx) => {
    getCase(ctx, input.caseId);
    requireAgency(ctx, input.agencyId, 'agencyId');
    const exists = ctx.db
      .select({ id: caseParticipants.id })
      .from(caseParticipants)
      .where(sql`${caseParticipants.caseId} = ${input.caseId} AND ${caseParticipants.agencyId} = ${input.agencyId}`)
      .get();
    if (exists) throw conflictOn('agencyId', 'case.agencyParticipates');
    const row = { id: newId(), ...input };
    ctx.db.insert(caseParticipants).values(row).run();
    ctx.audit({ entity: 'participant', entityId: row.id, caseId: input.caseId, after: row });
    return row;
  }),

  'participants.update': mutation(ParticipantUpdate, (input, ctx) => {
    const before = ctx.db.select().from(caseParticipants).where(eq(caseParticipants.id, input.id)).get();
    if (!before) throw notFound('participant', input.id);
    const { id, ...changes } = input;
    ctx.db.update(caseParticipants).set(changes).where(eq(caseParticipants.id, id)).run();
    const after = ctx.db.select().from(caseParticipants).where(eq(caseParticipants.id, id)).get();
    ctx.audit({ entity: 'participant', entityId: id, caseId: before.caseId, before, after });
    return after!;
  }),

  'participants.remove': mutation(z.object({ id: uuid }), (input, ctx) => {
    const before = ctx.db.select().from(caseParticipants).where(eq(caseParticipants.id, input.id)).get();
    if (!before) throw notFound('participant', input.id);
    ctx.db.delete(caseParticipants).where(eq(caseParticipants.id, input.id)).run();
    ctx.audit({ entity: 'participant', entityId: input.id, caseId: before.caseId, before });
    return { removed: input.id };
  }),
};
