import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import type { TrustedKey } from '../../core/keys/keyring.js';
import { isIsoTimestamp } from '../../core/dates.js';
// Key, bundle and restore modules are imported inside the actions: `proceeds --help` and every
// other command start without loading them.

const line = (k: Pick<TrustedKey, 'agencyName' | 'fingerprint' | 'validFrom' | 'validTo' | 'revokedAt' | 'confirmedAt'>) =>
  `${k.agencyName.padEnd(30)} ${k.fingerprint}  ${k.revokedAt ? `REVOKED ${k.revokedAt}` : k.confirmedAt === null ? 'PENDING confirmation' : `valid ${k.validFrom ?? '-'} .. ${k.validTo ?? '-'}`}`;

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
    .description("add an agency's public key; it is trusted once you confirm its fingerprint with them")
    .option('--keyring <file>', 'keyring file (created if missing); default: the database')
    .option('--agency <name>', 'agency name (default: the file name)')
    .option('--valid-from <date>', 'first day the key may sign')
    .option('--valid-to <date>', 'last day the key may sign')
    .option('--fingerprint <fp>', 'the fingerprint the agency read out to you: the key is trusted at once if it matches')
    .option('--age-recipient <age1...>', "the agency's age recipient, to seal bundles to it")
    .action(async (file: string, o: { keyring?: string; agency?: string; validFrom?: string; validTo?: string; fingerprint?: string; ageRecipient?: string }) => {
      const { readKeyringOrEmpty, trustedKeyFrom, writeKeyringFile } = await import('../../core/keys/keyring.js');
      const { fingerprintWords, sameFingerprint } = await import('../../core/keys/fingerprint-words.js');
      const c = cli();
      const text = fs.readFileSync(file, 'utf8');
      const agencyName = o.agency ?? path.basename(file).replace(/\.pub$/, '');
      checkDate(o.validFrom, '--valid-from');
      checkDate(o.validTo, '--valid-to');
      const said = (k: { agencyName: string; fingerprint: string; confirmedAt?: string | null }) =>
        `${k.agencyName}\n  fingerprint ${k.fingerprint}\n  words       ${fingerprintWords(k.fingerprint)}\n` +
        (k.confirmedAt ? 'trusted: the fingerprint was confirmed' : `pending: not trusted until you confirm it. Read it back with ${k.agencyName} by phone, then: proceeds keyring confirm <fingerprint>${o.keyring ? ` --keyring ${o.keyring}` : ''}`);
      if (!o.keyring) {
        const row = await c.call('keyring.add', { publicKey: text, agencyName, validFrom: o.validFrom, validTo: o.validTo, confirmFingerprint: o.fingerprint, ageRecipient: o.ageRecipient });
        return c.print(row, said(row));
      }
      const keys = readKeyringOrEmpty(o.keyring);
      const k = trustedKeyFrom(text, { agencyName, validFrom: o.validFrom, validTo: o.validTo });
      const clash = keys.find((x) => x.fingerprint === k.fingerprint);
      if (clash) throw new Error(`this key is in ${o.keyring} already, for ${clash.agencyName}`);
      if (o.fingerprint !== undefined && !sameFingerprint(o.fingerprint, k.fingerprint)) throw new Error(`--fingerprint does not match the key's fingerprint ${k.fingerprint}: do not trust this key`);
      const entry = { ...k, confirmedAt: o.fingerprint !== undefined ? new Date().toISOString() : null, ageRecipient: o.ageRecipient ?? null };
      writeKeyringFile(o.keyring, [...keys, entry]);
      c.print(entry, said(entry));
    });

  cmd
    .command('confirm <fingerprint>')
    .description('trust a pending key: give the fingerprint (or its words) as the agency read it out')
    .option('--keyring <file>', 'keyring file; default: the database')
    .action(async (fp: string, o: { keyring?: string }) => {
      const { readKeyringOrEmpty, writeKeyringFile } = await import('../../core/keys/keyring.js');
      const { sameFingerprint } = await import('../../core/keys/fingerprint-words.js');
      const c = cli();
      if (!o.keyring) {
        const k = (await c.call('keyring.list', {})).find((x) => !x.confirmedAt && sameFingerprint(fp, x.fingerprint));
        if (!k) throw new Error(`no pending key has the fingerprint ${fp}: do not trust the key`);
        const row = await c.call('keyring.confirm', { id: k.id, fingerprint: fp });
        return c.print(row, `trusted ${row.agencyName}: ${row.fingerprint}`);
      }
      const keys = readKeyringOrEmpty(o.keyring);
      const k = keys.find((x) => x.confirmedAt === null && sameFingerprint(fp, x.fingerprint));
      if (!k) throw new Error(`no pending key in ${o.keyring} has the fingerprint ${fp}: do not trust the key`);
      k.confirmedAt = new Date().toISOString();
      writeKeyringFile(o.keyring, keys);
      c.print(k, `trusted ${k.agencyName}: ${k.fingerprint}`);
    });

  cmd
    .command('list')
    .option('--keyring <file>', 'keyring file; default: the database')
    .action(async (o: { keyring?: string }) => {
      const { readKeyringOrEmpty } = await import('../../core/keys/keyring.js');
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
      const { readKeyringOrEmpty, writeKeyringFile } = await import('../../core/keys/keyring.js');
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
