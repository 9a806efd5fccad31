import { z } from 'zod';
import { EXHIBIT_TARGETS } from './kinds.js';
import { uuid } from '../cases/schemas.js';
import { FileRef } from '../files.js';

export const ExhibitAdd = z
  .object({
    caseId: uuid,
    file: FileRef,
    targetKind: z.enum(EXHIBIT_TARGETS).default('case'),
    /** The subject, account, transaction or asset; omitted for the case itself. */
    targetId: uuid.optional(),
    description: z.string().trim().max(2000).default(''),
    /** Overrides the media type guessed from the file name. */
    mediaType: z.string().trim().regex(/^[\w.+-]+\/[\w.+-]+$/, 'not a media type such as application/pdf').optional(),
  })
  .superRefine((e, ctx) => {
    if (e.targetKind !== 'case' && !e.targetId)
      ctx.addIssue({ code: 'custom', path: ['targetId'], message: `say which ${e.targetKind} the file belongs to` });
  });

export const ExhibitList = z.object({
  caseId: uuid,
  targetKind: z.enum(EXHIBIT_TARGETS).optional(),
  targetId: uuid.optional(),
});

/** Re-hash every stored file of one case, or of the whole database when no case is named. */
export const ExhibitVerify = z.object({ caseId: uuid.optional() });

export const ExhibitRef = z.object({ id: uuid });
