import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { ProceedsError } from '../../core/errors.js';
import { readPassphrase } from '../passphrase.js';

/** `proceeds db encrypt` and `proceeds db rekey` (docs/encryption-at-rest.md). */
export function registerDbCommands(program: Command, cli: () => CliContext): void {
  const db = program.command('db').description('the database file itself: encryption at rest (docs/encryption-at-rest.md)');
  db.command('encrypt')
    .description('encrypt a plain database and its exhibit files with a passphrase (--passphrase-fd N, PROCEEDS_PASSPHRASE_FILE, or typed twice on a terminal)')
    .action(async () => {
      const c = cli();
      const core = await c.getCore();
      if (core.encrypted) throw new ProceedsError('Conflict', 'the database is encrypted already; change its passphrase with "proceeds db rekey"');
      const { keyFromPassphrase } = await import('../../db/cipher.js');
      const src = { ...c.passphraseSource(), prompt: 'new passphrase', confirm: true };
      const key = keyFromPassphrase(core.dbFile, await readPassphrase(src));
      const r = await core.changeKey(key);
      c.print(r, `encrypted ${r.database} (and ${r.filesEncrypted} exhibit file(s)); recorded in the audit log (row ${r.auditSeq}). Keep the passphrase safe: without it the data cannot be recovered.`);
    });
  db.command('rekey')
    .description('change the passphrase of an encrypted database (the new one from --new-passphrase-fd N, PROCEEDS_NEW_PASSPHRASE_FILE, or typed twice on a terminal)')
    .option('--new-passphrase-fd <n>', 'read the new passphrase from this file descriptor')
    .action(async (o: { newPassphraseFd?: string }) => {
      const c = cli();
      const core = await c.getCore();
      if (!core.encrypted) throw new ProceedsError('Conflict', 'the database is not encrypted; encrypt it with "proceeds db encrypt"');
      const { keyFromPassphrase } = await import('../../db/cipher.js');
      const next = await readPassphrase({ fd: o.newPassphraseFd, fileEnv: 'PROCEEDS_NEW_PASSPHRASE_FILE', prompt: 'new passphrase', confirm: true });
      const r = await core.changeKey(keyFromPassphrase(core.dbFile, next));
      c.print(r, `changed the passphrase of ${r.database}; recorded in the audit log (row ${r.auditSeq}). Backups made before keep the old passphrase.`);
    });
}
