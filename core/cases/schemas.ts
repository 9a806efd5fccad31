import { z } from 'zod';
import { CASE_STATUSES, PARTICIPANT_ROLES } from './kinds.js';
import { isoDateSchema } from '../dates.js';

export const uuid = z.string().uuid('not a valid id');
const text = (max = 500) => z.string().trim().max(max);
const required = (what: string, max = 200) => z.string().trim().min(1, `${what} is required`).max(max);

export const AgencyCreate = z.object({
  name: required('name'),
  code: required('agency code (ORI)', 40),
  jurisdiction: text(200).default(''),
  country: text(80).default(''),
});

export const CaseCreate = z.object({
  number: required('case number', 60).regex(/^[\w./:#-]+$/, 'use letters, digits and - _ . / : # only'),
  title: required('title', 300),
  status: z.enum(CASE_STATUSES).default('draft'),
  leadAgencyId: uuid.optional(),
  openedOn: isoDateSchema.optional(),
  summary: text(5000).default(''),
});

export const CaseUpdate = z.object({
  id: uuid,
  title: required('title', 300).optional(),
  status: z.enum(CASE_STATUSES).optional(),
  leadAgencyId: uuid.nullable().optional(),
  openedOn: isoDateSchema.nullable().optional(),
  closedOn: isoDateSchema.nullable().optional(),
  summary: text(5000).optional(),
  /** The updatedAt the editor saw (null: never edited): a later change by someone else refuses this edit. */
  ifUnchangedSince: z.string().max(40).nullable().optional(),
});

export const CaseRef = z.object({ id: uuid });
export const CaseByNumber = z.object({ number: required('case number', 60) });

export const ParticipantAdd = z.object({
  caseId: uuid,
  agencyId: uuid,
  role: z.enum(PARTICIPANT_ROLES).default('participant'),
  hours: z.number().int('hours must be whole hours').min(0, 'hours cannot be negative').default(0),
});

export const ParticipantUpdate = z.object({
  id: uuid,
  role: z.enum(PARTICIPANT_ROLES).optional(),
  hours: z.number().int('hours must be whole hours').min(0, 'hours cannot be negative').optional(),
});
