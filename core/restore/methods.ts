import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { exclusive, query } from '../contract.js';
import { ProceedsError } from '../errors.js';
import { discardStaged, FileRef, resolveFile } from '../files.js';
import { BackupName, backupsDir } from '../audit/backup.js';
import { restoreDatabase, stageBackup } from './restore.js';
import { keyOf } from '../../db/cipher.js';

/** A backup to check or restore: one of the kept backups by name, an upload, or (trusted callers) a path. */
export const BackupRef = z.union([z.object({ name: BackupName }), FileRef]);
export type BackupRef = z.infer<typeof BackupRef>;

function resolveBackup(ctx: { dataDir: string; trusted: boolean }, ref: BackupRef): { path: string; name: string } {
  if ('name' in ref) {
    const file = path.join(backupsDir(ctx.dataDir), ref.name);
    if (!fs.existsSync(file)) throw new ProceedsError('NotFound', `no kept backup named ${ref.name}`, [{ path: 'backup', message: 'no such backup' }]);
    return { path: file, name: ref.name };
  }
  return resolveFile(ctx, ref);
}

const dbPathOf = (sqliteName: string) => path.resolve(sqliteName);

export const restoreMethods = {
  /**
   * What a restore of this backup would find, without changing anything: the same staged copy and
   * checks the restore itself makes (integrity, schema, audit chain and tree, signed checkpoints).
   */
  'db.checkBackup': query(
    z.object({ backup: BackupRef }),
    async (input, ctx) => {
      const file = resolveBackup(ctx, input.backup);
      ctx.progress({ phase: 'checking', done: 0 });
      const staged = await stageBackup(dbPathOf(ctx.sqlite.name), path.resolve(file.path), keyOf(ctx.sqlite));
      staged.discard();
      return { name: file.name, bytes: fs.statSync(file.path).size, sha256: staged.backupSha256, ...staged.check };
    },
    { long: true },
  ),
  /** Replaces the open database with the backup (see core/restore/restore.ts), then reopens it. */
  'db.restore': exclusive(z.object({ backup: BackupRef }), async (input, x) => {
    const file = resolveBackup(x, input.backup);
    x.progress({ phase: 'restoring', done: 0 });
    try {
      const r = await restoreDatabase({ dbPath: x.dbPath, backup: file.path, key: x.key, actor: x.actor });
      return { name: file.name, keptAs: r.keptAs, backupSha256: r.backupSha256, installedSha256: r.installedSha256, auditSeq: r.auditSeq, check: r.check };
    } finally {
      discardStaged(x.dataDir, 'name' in input.backup ? undefined : input.backup);
    }
  }),
};
