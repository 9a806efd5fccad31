import { z } from 'zod';
import { mutation, query } from '../contract.js';
import { ProceedsError } from '../errors.js';
import { getCase } from '../cases/methods.js';
import { uuid } from '../cases/schemas.js';
import { deleteMapping, listMappings, saveMapping } from './mappings.js';
import { previewImport } from './preview.js';
import { exportRejects, getImport, listImports, listRejects } from './rejects.js';
import { runImport } from './run.js';
import { coverage } from './reconcile.js';
import { decideLink, listLinks, matchTransfers } from './transfer-match.js';
import { ImportPreview, ImportRun, MappingSave, RejectsList } from './schemas.js';

export const importMethods = {
  /** Detects the format and layout of a file and parses its first rows, without writing anything. */
  'imports.preview': query(ImportPreview, (input, ctx) => previewImport(input, ctx)),

  /** Imports a file into a case in one transaction: all of it (less its listed rejects) or nothing. */
  'imports.run': mutation(ImportRun, (input, ctx) => runImport(input, ctx), { long: true }),

  'imports.list': query(z.object({ caseId: uuid }), (input, ctx) => {
    getCase(ctx, input.caseId);
    return listImports(ctx, input.caseId);
  }),

  'imports.get': query(z.object({ id: uuid }), (input, ctx) => getImport(ctx, input.id)),

  /** The rows an import rejected, skipped or found to be duplicates, with line, reason and raw text. */
  'imports.rejects': query(RejectsList, (input, ctx) => listRejects(ctx, input.importId, input.kind, input.offset, input.limit)),

  /** Writes the rejects as CSV to the outbox (or, for trusted callers, to a path). */
  'imports.exportRejects': query(z.object({ importId: uuid, path: z.string().min(1).optional() }), (input, ctx) => {
    if (input.path && !ctx.trusted) throw new ProceedsError('Forbidden', 'file paths are only accepted from the command line or desktop app');
    return exportRejects(ctx, input.importId, input.path);
  }),

  /** Per account: its statements, whether each reconciles, the gaps between them and each break with its amount. */
  'imports.coverage': query(z.object({ caseId: uuid, accountId: uuid.optional() }), (input, ctx) => {
    getCase(ctx, input.caseId);
    return coverage(ctx.sqlite, input.caseId, input.accountId);
  }),

  /** Pairs the payer's debit with the payee's credit across the case's imports: certain pairs link, doubtful ones wait for review. */
  'imports.links.match': mutation(z.object({ caseId: uuid }), (input, ctx) => {
    getCase(ctx, input.caseId);
    return matchTransfers(ctx, input.caseId);
  }),

  /** The links (or the review queue: status 'suggested'), each with its score and evidence. */
  'imports.links.list': query(z.object({ caseId: uuid, status: z.enum(['auto', 'suggested', 'accepted', 'rejected']).optional() }), (input, ctx) => {
    getCase(ctx, input.caseId);
    return listLinks(ctx.sqlite, input.caseId, input.status);
  }),

  /** Accept, reject or undo a link; audited, nothing deleted. */
  'imports.links.decide': mutation(z.object({ id: uuid, decision: z.enum(['accept', 'reject', 'undo']) }), (input, ctx) => decideLink(ctx, input.id, input.decision)),

  'imports.mappings.list': query(z.object({}), (_input, ctx) => listMappings(ctx)),

  'imports.mappings.save': mutation(MappingSave, (input, ctx) => saveMapping(ctx, input.name, input.header, input.mapping)),

  'imports.mappings.delete': mutation(z.object({ name: z.string().trim().min(1) }), (input, ctx) => deleteMapping(ctx, input.name)),
};
