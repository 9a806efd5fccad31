import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { readKeyringOrEmpty, trustedKeyFrom, writeKeyringFile, type TrustedKey } from '../../core/keys/keyring.js';
import { isIsoTimestamp } from '../../core/dates.js';

const line = (k: Pick<TrustedKey, 'agencyName' | 'fingerprint' | 'validFrom' | 'validTo' | 'revokedAt'>) =>
  `${k.agencyName.padEnd(30)} ${k.fingerprint}  ${k.revokedAt ? `REVOKED ${k.revokedAt}` : `valid ${k.validFrom ?? '-'} .. ${k.validTo ?? '-'}`}`;

function checkDate(value: string | undefined, flag: string) {
  if (value !== undefined && !isIsoTimestamp(value)) throw new Error(`${flag}: not a real date (YYYY-MM-DD) or date-time`);
}

/**
 * The keyring of trusted agencies: a file (--keyring, for verifying without a database), or this
 * installation's keyring in its database when --keyring is not given.
 */
export function registerKeyringCommands(program: Command, cli: () => CliContext): void {
  const cmd = program.command('keyring').description('agencies whose signing keys you trust');

  cmd
    .command('add <pubfile>')
    .description("trust an agency's public key (confirm its fingerprint with them first)")
    .option('--keyring <file>', 'keyring file (created if missing); default: the database')
    .option('--agency <name>', 'agency name (default: the file name)')
    .option('--valid-from <date>', 'first day the key may sign')
    .option('--valid-to <date>', 'last day the key may sign')
    .action(async (file: string, o: { keyring?: string; agency?: string; validFrom?: string; validTo?: string }) => {
      const c = cli();
      const text = fs.readFileSync(file, 'utf8');
      const agencyName = o.agency ?? path.basename(file).replace(/\.pub$/, '');
      checkDate(o.validFrom, '--valid-from');
      checkDate(o.validTo, '--valid-to');
      if (!o.keyring) {
        const row = await c.call('keyring.add', { publicKey: text, agencyName, validFrom: o.validFrom, validTo: o.validTo });
        return c.print(row, `trusted ${row.agencyName}: ${row.fingerprint}`);
      }
      const keys = readKeyringOrEmpty(o.keyring);
      const k = trustedKeyFrom(text, { agencyName, validFrom: o.validFrom, validTo: o.validTo });
      const clash = keys.find((x) => x.fingerprint === k.fingerprint);
      if (clash) throw new Error(`this key is in ${o.keyring} already, for ${clash.agencyName}`);
      writeKeyringFile(o.keyring, [...keys, k]);
      c.print(k, `trusted ${k.agencyName}: ${k.fingerprint}\nconfirm this fingerprint with ${k.agencyName} by phone`);
    });

  cmd
    .command('list')
    .option('--keyring <file>', 'keyring file; default: the database')
    .action(async (o: { keyring?: string }) => {
      const c = cli();
      const keys = o.keyring ? readKeyringOrEmpty(o.keyring) : await c.call('keyring.list', {});
      c.print(keys, () => (keys.length ? keys.map(line).join('\n') : 'the keyring is empty'));
    });

  cmd
    .command('revoke <fingerprint>')
    .description('stop trusting a key: bundles it signed are refused from now on')
    .requiredOption('--reason <text>', 'why (lost laptop, staff left...)')
    .option('--keyring <file>', 'keyring file; default: the database')
    .action(async (fp: string, o: { reason: string; keyring?: string }) => {
      const c = cli();
      const norm = (s: string) => s.replace(/\s+/g, '').toUpperCase();
      if (!o.keyring) {
        const k = (await c.call('keyring.list', {})).find((x) => norm(x.fingerprint) === norm(fp));
        if (!k) throw new Error(`no key with fingerprint ${fp} in the keyring`);
        const row = await c.call('keyring.revoke', { id: k.id, reason: o.reason });
        return c.print(row, `revoked the key of ${row.agencyName}`);
      }
      const keys = readKeyringOrEmpty(o.keyring);
      const k = keys.find((x) => norm(x.fingerprint) === norm(fp));
      if (!k) throw new Error(`no key with fingerprint ${fp} in ${o.keyring}`);
      if (k.revokedAt) throw new Error(`the key of ${k.agencyName} was revoked already on ${k.revokedAt}`);
      k.revokedAt = new Date().toISOString();
      k.revokedReason = o.reason;
      writeKeyringFile(o.keyring, keys);
      c.print(k, `revoked the key of ${k.agencyName}`);
    });
}
