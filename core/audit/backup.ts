import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { query } from '../contract.js';
import { newOutput } from '../files.js';
import { backupDatabase } from '../../db/connection.js';

/** Backups the app keeps for itself (the restore action lists them): `<dataDir>/backups`. */
export const backupsDir = (dataDir: string) => path.join(dataDir, 'backups');

/** A kept backup's name: what `db.backup {keep}` writes, and all `{name}` may refer to. */
export const BackupName = z.string().regex(/^[\w.-]+\.sqlite$/, 'not the name of a kept backup');

export interface KeptBackup {
  name: string;
  bytes: number;
  /** When the file was written (ISO 8601 UTC). */
  modifiedAt: string;
}

/** The kept backups, newest first. */
export function listBackups(dataDir: string): KeptBackup[] {
  const dir = backupsDir(dataDir);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((n) => BackupName.safeParse(n).success)
    .flatMap((name) => {
      const st = fs.statSync(path.join(dir, name));
      return st.isFile() ? [{ name, bytes: st.size, modifiedAt: st.mtime.toISOString() }] : [];
    })
    .sort((a, b) => b.modifiedAt.localeCompare(a.modifiedAt) || b.name.localeCompare(a.name));
}

/**
 * A consistent copy of the live database through SQLite's backup API (never a file copy, which can
 * tear under WAL). Trusted callers name the destination; `keep` puts it among the kept backups the
 * restore action offers; otherwise renderers get an output to download.
 */
export const backupMethods = {
  'db.backup': query(z.object({ to: z.string().min(1).optional(), keep: z.boolean().optional() }), async (input, ctx) => {
    const stamp = ctx.now().replace(/[:.]/g, '-');
    let file: string;
    let outputId: string | undefined;
    if (input.to && ctx.trusted) file = path.resolve(input.to);
    else if (input.keep) {
      fs.mkdirSync(backupsDir(ctx.dataDir), { recursive: true });
      file = path.join(backupsDir(ctx.dataDir), `proceeds-backup-${stamp}.sqlite`);
    } else {
      // Not sealed again: the backup of an encrypted database is encrypted with its key already.
      const out = newOutput(ctx.dataDir, `proceeds-backup-${ctx.now().slice(0, 10)}.sqlite`);
      file = out.path;
      outputId = out.outputId;
    }
    await backupDatabase(ctx.sqlite, file);
    return { path: ctx.trusted ? file : undefined, outputId, name: path.basename(file) };
  }),
  'db.backups': query(z.object({}), (_input, ctx) => listBackups(ctx.dataDir)),
};
