import fs from 'node:fs';
import { and, asc, eq } from 'drizzle-orm';
import mime from 'mime-types';
import { exhibits } from '../../db/schema/index.js';
import { mutation, query } from '../contract.js';
import { conflict, notFound, ProceedsError, fail } from '../errors.js';
import { newOutput, resolveFile } from '../files.js';
import { newId } from '../ids.js';
import { getCase } from '../cases/methods.js';
import { ExhibitAdd, ExhibitList, ExhibitRef, ExhibitVerify } from './schemas.js';
import { exhibitPath, openExhibit, storeExhibit } from './store.js';
import { pipeline } from 'node:stream/promises';
import { fileCipherOf } from '../encryption/file-key.js';
import { checkTarget } from './targets.js';
import { verifyExhibits } from './verify.js';

export const exhibitMethods = {
  /** Streams the file into the store (hashing as it copies) and records the hash taken at intake. */
  'exhibits.add': mutation(
    ExhibitAdd,
    async (input, ctx) => {
      getCase(ctx, input.caseId);
      const targetId = checkTarget(ctx, input.caseId, input.targetKind, input.targetId);
      const file = resolveFile(ctx, input.file);
      const started = Date.now();
      const stored = await storeExhibit(ctx.dataDir, file.path, {
        cipher: fileCipherOf(ctx.sqlite),
        signal: ctx.signal,
        onBytes: (bytesDone, bytesTotal) => {
          const rate = bytesDone / Math.max(1, Date.now() - started);
          ctx.progress({ phase: 'storing', done: bytesDone, total: bytesTotal, bytesDone, bytesTotal, etaSeconds: (bytesTotal - bytesDone) / rate / 1000 });
        },
      }).catch((e: Error) => {
        throw e.name === 'AbortError' ? fail('Cancelled', 'cancelled.attach') : e;
      });
      const same = ctx.db
        .select()
        .from(exhibits)
        .where(and(eq(exhibits.caseId, input.caseId), eq(exhibits.sha256, stored.sha256), eq(exhibits.targetKind, input.targetKind)))
        .all()
        .find((x) => x.targetId === targetId);
      if (same) throw conflict(`this file is attached here already, as "${same.fileName}" (exhibit ${same.id})`, 'file');
      const row = {
        id: newId(), caseId: input.caseId, sha256: stored.sha256, size: stored.size, fileName: file.name,
        mediaType: input.mediaType ?? (mime.lookup(file.name) || 'application/octet-stream'),
        description: input.description, targetKind: input.targetKind, targetId, actor: ctx.actor.user,
      };
      ctx.db.insert(exhibits).values(row).run();
      ctx.audit({ entity: 'exhibit', entityId: row.id, caseId: input.caseId, after: row });
      return { ...row, storedOnce: !stored.added };
    },
    { long: true },
  ),

  'exhibits.list': query(ExhibitList, (input, ctx) => {
    const where = [eq(exhibits.caseId, input.caseId)];
    if (input.targetKind) where.push(eq(exhibits.targetKind, input.targetKind));
    if (input.targetId) where.push(eq(exhibits.targetId, input.targetId));
    return ctx.db.select().from(exhibits).where(and(...where)).orderBy(asc(exhibits.createdAt), asc(exhibits.id)).all();
  }),

  'exhibits.verify': query(ExhibitVerify, (input, ctx) => verifyExhibits(ctx, input.caseId), { long: true }),

  /**
   * Puts a copy in the outbox, for download or opening. A copy, not a hard link: an editor that
   * saves in place would otherwise change the stored evidence itself.
   */
  'exhibits.open': query(ExhibitRef, async (input, ctx) => {
    const row = ctx.db.select().from(exhibits).where(eq(exhibits.id, input.id)).get();
    if (!row) throw notFound('exhibit', input.id);
    const src = exhibitPath(ctx.dataDir, row.sha256);
    if (!fs.existsSync(src)) throw new ProceedsError('NotFound', `the stored file of "${row.fileName}" is missing; run exhibit verify`);
    const out = newOutput(ctx, row.fileName);
    // The plain bytes: the person asked to open the file (a stored copy may be encrypted).
    await pipeline(openExhibit(ctx.dataDir, row.sha256, fileCipherOf(ctx.sqlite)), fs.createWriteStream(out.path, { mode: 0o644 }));
    return { outputId: out.outputId, name: out.name, mediaType: row.mediaType, path: ctx.trusted ? out.path : undefined };
  }),
};
