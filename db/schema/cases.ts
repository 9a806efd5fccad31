import { sqliteTable, text, integer, uniqueIndex, index } from 'drizzle-orm/sqlite-core';
import { id, createdAt } from './common.js';
import { CASE_STATUSES, PARTICIPANT_ROLES } from '../../core/cases/kinds.js';
// Re-exported for callers that read them beside the tables; the core owns them.
export { CASE_STATUSES, PARTICIPANT_ROLES };
import { SUBJECT_KINDS, ACCOUNT_KINDS } from '../../core/accounts/kinds.js';
// Re-exported for callers that read them beside the tables; the core owns them.
export { SUBJECT_KINDS, ACCOUNT_KINDS };

export const agencies = sqliteTable('agencies', {
  id: id(),
  name: text('name').notNull(),
  /** ORI or other agency code; unique so the same agency is never entered twice. */
  code: text('code').notNull().unique(),
  jurisdiction: text('jurisdiction').notNull().default(''),
  country: text('country').notNull().default(''),
  createdAt: createdAt(),
});

export const cases = sqliteTable('cases', {
  id: id(),
  number: text('number').notNull().unique(),
  title: text('title').notNull(),
  status: text('status', { enum: CASE_STATUSES }).notNull().default('draft'),
  leadAgencyId: text('lead_agency_id').references(() => agencies.id),
  openedOn: text('opened_on'),
  closedOn: text('closed_on'),
  summary: text('summary').notNull().default(''),
  createdAt: createdAt(),
  updatedAt: text('updated_at'),
});

export const caseParticipants = sqliteTable(
  'case_participants',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    agencyId: text('agency_id').notNull().references(() => agencies.id),
    role: text('role', { enum: PARTICIPANT_ROLES }).notNull().default('participant'),
    /** Hours contributed, in whole hours: the default basis for equitable sharing. */
    hours: integer('hours').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('case_participants_case_agency').on(t.caseId, t.agencyId)],
);

export const subjects = sqliteTable(
  'subjects',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SUBJECT_KINDS }).notNull(),
    name: text('name').notNull(),
    /** JSON array of strings. */
    aliases: text('aliases').notNull().default('[]'),
    /** JSON array of {type, value}: passport, tax id, company registration number... */
    identifiers: text('identifiers').notNull().default('[]'),
    /** Date of birth (person) or of registration (organisation), ISO date. */
    bornOn: text('born_on'),
    country: text('country').notNull().default(''),
    notes: text('notes').notNull().default(''),
    createdAt: createdAt(),
    /** When last edited: the token a stale edit is refused on. */
    updatedAt: text('updated_at'),
  },
  (t) => [index('subjects_case').on(t.caseId)],
);

export const accounts = sqliteTable(
  'accounts',
  {
    id: id(),
    caseId: text('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ACCOUNT_KINDS }).notNull(),
    holderSubjectId: text('holder_subject_id').references(() => subjects.id, { onDelete: 'set null' }),
    holderName: text('holder_name').notNull().default(''),
    institution: text('institution').notNull().default(''),
    /** IBAN, account number, wallet address, or a label for cash. */
    identifier: text('identifier').notNull(),
    /** identifier normalised (upper case, no spaces or dashes): what matching uses. */
    identifierNorm: text('identifier_norm').notNull(),
    currency: text('currency').notNull(),
    /** A counterparty outside the case's subjects (created by import, or by hand). */
    external: integer('external', { mode: 'boolean' }).notNull().default(false),
    notes: text('notes').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('accounts_case_identifier').on(t.caseId, t.identifierNorm)],
);
