import { z } from 'zod';
import { mutation, query } from '../contract.js';
import { filePathsRefused } from '../errors.js';
import { getCase } from '../cases/methods.js';
import { uuid } from '../cases/schemas.js';
import { deleteMapping, listMappings, saveMapping } from './mappings.js';
import { previewImport } from './preview.js';
import { exportRejects, getImport, listImports, listRejects } from './rejects.js';
import { runImport, prepareImport } from './run.js';
import { coverage } from './reconcile.js';
import { decideLink, listLinks, matchTransfers } from './transfer-match.js';
import { mergeEntities, suggestMerges, unmergeEntities } from './merge.js';
import { ImportPreview, ImportRun, MappingSave, RejectsList } from './schemas.js';

export const importMethods = {
  /** Detects the format and layout of a file and parses its first rows, without writing anything. */
  'imports.preview': query(ImportPreview, (input, ctx) => previewImport(input, ctx)),

  /** Imports a file into a case in one transaction: all of it (less its listed rejects) or nothing. */
  'imports.run': mutation(ImportRun, (input, ctx) => runImport(input, ctx), { long: true, prepare: (input, ctx) => prepareImport(input, ctx) }),

  'imports.list': query(z.object({ caseId: uuid }), (input, ctx) => {
    getCase(ctx, input.caseId);
    return listImports(ctx, input.caseId);
  }),

  'imports.get': query(z.object({ id: uuid }), (input, ctx) => getImport(ctx, input.id)),

  /** The rows an import rejected, skipped or found to be duplicates, with line, reason and raw text. */
  'imports.rejects': query(RejectsList, (input, ctx) => listRejects(ctx, input.importId, input.kind, input.offset, input.limit)),

  /** Writes the rejects as CSV to the outbox (or, for trusted callers, to a path). */
  'imports.exportRejects': query(z.object({ importId: uuid, path: z.string().min(1).optional() }), (input, ctx) => {
    if (input.path && !ctx.trusted) throw filePathsRefused();
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

  /** Accounts and subjects that may be one (IBAN/BBAN/masked numbers; name variants, shared identifiers), ranked with reasons. */
  'imports.merges.suggest': query(z.object({ caseId: uuid }), (input, ctx) => {
    getCase(ctx, input.caseId);
    return suggestMerges(ctx.sqlite, input.caseId);
  }),

  'imports.merges.list': query(z.object({ caseId: uuid }), (input, ctx) => {
    getCase(ctx, input.caseId);
    return (ctx.sqlite.prepare('SELECT * FROM entity_merges WHERE case_id = ? ORDER BY created_at').all(input.caseId) as Record<string, unknown>[]).map((r) => ({
      id: r.id as string, kind: r.kind as 'account' | 'subject', survivorId: r.survivor_id as string, mergedId: r.merged_id as string,
      reasons: JSON.parse(r.reasons as string) as string[], status: r.status as 'merged' | 'unmerged', decidedBy: r.decided_by as string,
      createdAt: r.created_at as string, undoneAt: r.undone_at as string | null,
    }));
  }),

  /** Merges one record into another; nothing is deleted, readers fold it (canonicalIds); audited. */
  'imports.merges.merge': mutation(
    z.object({ caseId: uuid, kind: z.enum(['account', 'subject']), survivorId: uuid, mergedId: uuid, reasons: z.array(z.string().max(500)).max(20).default([]) }),
    (input, ctx) => mergeEntities(ctx, input.caseId, input.kind, input.survivorId, input.mergedId, input.reasons),
  ),

  'imports.merges.unmerge': mutation(z.object({ id: uuid }), (input, ctx) => unmergeEntities(ctx, input.id)),

  'imports.mappings.list': query(z.object({}), (_input, ctx) => listMappings(ctx)),

  'imports.mappings.save': mutation(MappingSave, (input, ctx) => saveMapping(ctx, input.name, input.header, input.mapping)),

  'imports.mappings.delete': mutation(z.object({ name: z.string().trim().min(1) }), (input, ctx) => deleteMapping(ctx, input.name)),
};
