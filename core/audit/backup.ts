import path from 'node:path';
import { z } from 'zod';
import { query } from '../contract.js';
import { newOutput } from '../files.js';
import { backupDatabase } from '../../db/connection.js';

/**
 * A consistent copy of the live database through SQLite's backup API (never a file copy, which can
 * tear under WAL). Trusted callers name the destination; renderers get an output to download.
 */
export const backupMethods = {
  'db.backup': query(z.object({ to: z.string().min(1).optional() }), async (input, ctx) => {
    const dest = input.to && ctx.trusted ? path.resolve(input.to) : newOutput(ctx.dataDir, `proceeds-backup-${ctx.now().slice(0, 10)}.sqlite`);
    const file = typeof dest === 'string' ? dest : dest.path;
    await backupDatabase(ctx.sqlite, file);
    return { path: ctx.trusted ? file : undefined, outputId: typeof dest === 'string' ? undefined : dest.outputId, name: path.basename(file) };
  }),
};
