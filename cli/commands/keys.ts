import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
// Key, bundle and restore modules are imported inside the actions: `proceeds --help` and every
// other command start without loading them.

/** Reads a passphrase from PROCEEDS_PASSPHRASE, or asks at the terminal without echoing it. */
export async function readPassphrase(prompt: string, confirm = false): Promise<string> {
  const fromEnv = process.env.PROCEEDS_PASSPHRASE;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new Error('no passphrase: set PROCEEDS_PASSPHRASE or run in a terminal');
  const ask = (q: string) =>
    new Promise<string>((resolve) => {
      let muted = false;
      const output = new Writable({
        write(chunk: Buffer, _enc, cb) {
          if (!muted) process.stderr.write(chunk);
          cb();
        },
      });
      const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
      rl.question(q, (answer) => {
        rl.close();
        process.stderr.write('\n');
        resolve(answer);
      });
      muted = true;
    });
  const first = await ask(prompt);
  if (confirm && (await ask('again: ')) !== first) throw new Error('the two passphrases differ');
  return first;
}

/** A file name for an agency's key: the name itself when it is safe, otherwise a tidied form. */
export const keyFileBase = (agency: string) => agency.replace(/[^\w.@-]+/g, '-').replace(/^[-.]+|-+$/g, '') || 'agency';

export function registerKeyCommands(program: Command, cli: () => CliContext): void {
  const cmd = program.command('keys').description('signing keys of an agency');

  cmd
    .command('generate')
    .description('make a signing key: DIR/NAME.key (secret, passphrase-encrypted) and DIR/NAME.pub (minisign public key)')
    .requiredOption('--agency <name>', 'the agency the key signs for')
    .requiredOption('--out <dir>', 'directory to write the key files to')
    .action(async (o: { agency: string; out: string }) => {
      const { encryptSecretKey, generateSigningKey, keyFingerprint, MIN_PASSPHRASE, publicKeyText } = await import('../../core/keys/secret-key.js');
      const { keyIdHex } = await import('../../core/keys/minisign.js');
      const c = cli();
      const base = path.join(o.out, keyFileBase(o.agency));
      for (const f of [`${base}.key`, `${base}.pub`]) if (fs.existsSync(f)) throw new Error(`${f} exists already; refusing to overwrite a key`);
      const passphrase = await readPassphrase(`passphrase for the secret key of ${o.agency}: `, true);
      if (passphrase.length < MIN_PASSPHRASE) throw new Error(`the passphrase must have at least ${MIN_PASSPHRASE} characters`);
      const key = generateSigningKey(o.agency);
      const file = await encryptSecretKey(key, passphrase);
      fs.mkdirSync(o.out, { recursive: true });
      fs.writeFileSync(`${base}.key`, JSON.stringify(file, null, 2) + '\n', { mode: 0o600, flag: 'wx' });
      fs.writeFileSync(`${base}.pub`, publicKeyText(key), { mode: 0o644, flag: 'wx' });
      const result = { agency: o.agency, secretKey: `${base}.key`, publicKey: `${base}.pub`, keyId: keyIdHex(key.keyId), fingerprint: keyFingerprint(key) };
      c.print(result, () =>
        [`wrote ${result.secretKey} (keep it private) and ${result.publicKey} (send it to the agencies you work with)`,
          `key id      ${result.keyId}`, `fingerprint ${result.fingerprint}`,
          'read the fingerprint out to the receiving agency by phone so they can confirm the key'].join('\n'));
    });

  cmd
    .command('fingerprint <pubfile>')
    .description("show a public key's fingerprint, for confirmation by phone")
    .action(async (file: string) => {
      const { fingerprint, keyIdHex, parsePublicKey } = await import('../../core/keys/minisign.js');
      const c = cli();
      const pk = parsePublicKey(fs.readFileSync(file, 'utf8'));
      const result = { keyId: keyIdHex(pk.keyId), fingerprint: fingerprint(pk.publicKey) };
      c.print(result, `key id      ${result.keyId}\nfingerprint ${result.fingerprint}`);
    });

  cmd
    .command('import <keyfile>')
    .description('take a key made by `keys generate` into this installation (to sign from the app)')
    .action(async (file: string) => {
      const c = cli();
      const passphrase = await readPassphrase(`passphrase of ${path.basename(file)}: `);
      const row = await c.call('keys.import', { keyFile: fs.readFileSync(file, 'utf8'), passphrase });
      c.print(row, `imported the key of ${row.agencyName} (${row.fingerprint})`);
    });

  cmd
    .command('list')
    .description("this installation's signing keys")
    .action(async () => {
      const c = cli();
      const rows = await c.call('keys.list', {});
      c.print(rows, () => (rows.length ? rows.map((r) => `${r.agencyName.padEnd(30)} ${r.protection.padEnd(11)} ${r.fingerprint}`).join('\n') : 'no signing keys'));
    });
}
