import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { accounts, subjects } from '../../db/schema/index.js';
import { mutation, query } from '../contract.js';
import { conflict, invalid, ProceedsError } from '../errors.js';
import { newId } from '../ids.js';
import { checkUnchanged } from '../stale-edit.js';
import type { Ctx } from '../context.js';
import { getCase } from '../cases/methods.js';
import { uuid } from '../cases/schemas.js';
import { subjectProfile, type SubjectProfile } from './profile.js';
import { AccountCreate, AccountUpdate, normaliseIdentifier, SubjectCreate, SubjectUpdate } from './schemas.js';
import { checkAccountIdentifier } from '../identifiers/index.js';
import { rowById } from '../row-by-id.js';

const decodeSubject = (s: typeof subjects.$inferSelect) => ({
  ...s,
  aliases: JSON.parse(s.aliases) as string[],
  identifiers: JSON.parse(s.identifiers) as { type: string; value: string }[],
});

const getSubject = (ctx: Ctx, id: string) => rowById(ctx, subjects, 'subject', id);

export const getAccount = (ctx: Ctx, id: string) => rowById(ctx, accounts, 'account', id);

function checkHolder(ctx: Ctx, caseId: string, holderSubjectId: string | null | undefined) {
  if (!holderSubjectId) return;
  const s = ctx.db.select().from(subjects).where(eq(subjects.id, holderSubjectId)).get();
  if (!s || s.caseId !== caseId)
    throw new ProceedsError('Invalid', 'holderSubjectId: not a subject of this case', [
      { path: 'holderSubjectId', message: 'not a subject of this case' },
    ]);
}

/** Inserts an account after checking its identifier is new in the case; used by import too. */
export function insertAccount(ctx: Ctx, input: z.output<typeof AccountCreate>) {
  const identifierNorm = normaliseIdentifier(input.identifier);
  const clash = ctx.db
    .select({ id: accounts.id })
    .from(accounts)
    .where(and(eq(accounts.caseId, input.caseId), eq(accounts.identifierNorm, identifierNorm)))
    .get();
  if (clash) throw conflict(`an account with identifier "${input.identifier}" exists in this case already`, 'identifier');
  const row = { id: newId(), ...input, identifierNorm };
  ctx.db.insert(accounts).values(row).run();
  ctx.audit({ entity: 'account', entityId: row.id, caseId: input.caseId, after: row });
  return row;
}

export const accountMethods = {
  'subjects.create': mutation(SubjectCreate, (input, ctx) => {
    getCase(ctx, input.caseId);
    const row = { id: newId(), ...input, aliases: JSON.stringify(input.aliases), identifiers: JSON.stringify(input.identifiers) };
    ctx.db.insert(subjects).values(row).run();
    ctx.audit({ entity: 'subject', entityId: row.id, caseId: input.caseId, after: row });
    return decodeSubject(getSubject(ctx, row.id));
  }),

  'subjects.update': mutation(SubjectUpdate, (input, ctx) => {
    const before = getSubject(ctx, input.id);
    checkUnchanged('subject', decodeSubject(before), input, ['kind', 'name', 'aliases', 'identifiers', 'bornOn', 'country', 'notes']);
    const { id, aliases, identifiers, ifUnchangedSince: _token, ...rest } = input;
    const set = {
      ...rest,
      updatedAt: ctx.now(),
      ...(aliases ? { aliases: JSON.stringify(aliases) } : {}),
      ...(identifiers ? { identifiers: JSON.stringify(identifiers) } : {}),
    };
    ctx.db.update(subjects).set(set).where(eq(subjects.id, id)).run();
    const after = getSubject(ctx, id);
    ctx.audit({ entity: 'subject', entityId: id, caseId: before.caseId, before, after });
    return decodeSubject(after);
  }),

  'subjects.profile': query(z.object({ id: uuid }), (input, ctx): SubjectProfile => subjectProfile(ctx.sqlite, input.id)),

  'subjects.list': query(z.object({ caseId: uuid }), (input, ctx) =>
    ctx.db.select().from(subjects).where(eq(subjects.caseId, input.caseId)).orderBy(asc(subjects.name)).all().map(decodeSubject),
  ),

  'accounts.create': mutation(AccountCreate, (input, ctx) => {
    getCase(ctx, input.caseId);
    checkHolder(ctx, input.caseId, input.holderSubjectId);
    const holderName = input.holderName || (input.holderSubjectId ? getSubject(ctx, input.holderSubjectId).name : '');
    // An identifier whose shape names its scheme (IBAN, CLABE in MXN, CBU/CVU in ARS) must pass its check digits.
    const check = checkAccountIdentifier(input.identifier, input.currency);
    if (check && !check.ok) throw invalid('identifier', check.message);
    return insertAccount(ctx, { ...input, holderName });
  }),

  'accounts.update': mutation(AccountUpdate, (input, ctx) => {
    const before = getAccount(ctx, input.id);
    checkHolder(ctx, before.caseId, input.holderSubjectId);
    const { id, ...changes } = input;
    ctx.db.update(accounts).set(changes).where(eq(accounts.id, id)).run();
    const after = getAccount(ctx, id);
    ctx.audit({ entity: 'account', entityId: id, caseId: before.caseId, before, after });
    return after;
  }),

  'accounts.list': query(z.object({ caseId: uuid }), (input, ctx) =>
    ctx.db.select().from(accounts).where(eq(accounts.caseId, input.caseId)).orderBy(asc(accounts.identifier)).all(),
  ),
};
