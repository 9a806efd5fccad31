import { z } from 'zod';
import { ACCOUNT_KINDS, SUBJECT_KINDS } from './kinds.js';
import { isoDateSchema } from '../dates.js';
import { currencySchema } from '../money.js';
import { uuid } from '../cases/schemas.js';
import { checkIdentifier } from '../identifiers/index.js';

const text = (max = 500) => z.string().trim().max(max);

export const SubjectCreate = z.object({
  caseId: uuid,
  kind: z.enum(SUBJECT_KINDS),
  name: z.string().trim().min(1, 'name is required').max(300),
  aliases: z.array(text(300)).default([]),
  // A type Proceeds knows (CPF, RFC, CUIT, IBAN...) must carry a value that passes its check digits.
  identifiers: z.array(z.object({ type: text(60), value: text(200) }).superRefine((id, ctx) => {
    const r = checkIdentifier(id.type, id.value);
    if (r && !r.ok) ctx.addIssue({ code: 'custom', path: ['value'], message: r.message });
  })).default([]),
  bornOn: isoDateSchema.optional(),
  country: text(80).default(''),
  notes: text(5000).default(''),
});

export const SubjectUpdate = SubjectCreate.omit({ caseId: true })
  .partial()
  .extend({
    id: uuid,
    /** The updatedAt the editor saw (null: never edited): a later change by someone else refuses this edit. */
    ifUnchangedSince: z.string().max(40).nullable().optional(),
  });

export const AccountCreate = z.object({
  caseId: uuid,
  kind: z.enum(ACCOUNT_KINDS),
  identifier: z.string().trim().min(1, 'identifier (IBAN, number, address or label) is required').max(200),
  currency: currencySchema,
  holderSubjectId: uuid.optional(),
  holderName: text(300).default(''),
  institution: text(300).default(''),
  external: z.boolean().default(false),
  notes: text(5000).default(''),
});

export const AccountUpdate = AccountCreate.omit({ caseId: true, identifier: true, currency: true })
  .partial()
  .extend({ id: uuid, holderSubjectId: uuid.nullable().optional() });

/** Upper case, no spaces, dashes, dots or slashes: "de89 3704-0044" and "DE8937040044" match. */
export function normaliseIdentifier(identifier: string): string {
  return identifier.toUpperCase().replace(/[\s\-./]/g, '');
}
