import type { Command } from 'commander';
import type { CliContext, CommandNeeds } from '../context.js';
import type { VerifyReport } from '../../core/bundle/report.js';
import { renderProgress, clearProgress } from '../progress.js';
import { readPassphrase } from './keys.js';
// Key, bundle and restore modules are imported inside the actions: `proceeds --help` and every
// other command start without loading them.

const list = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

/** The report as a person reads it: every check, then every problem. */
export function reportText(r: VerifyReport): string {
  const STATE = { valid: 'VALID', 'unknown-signer': 'UNKNOWN SIGNER', 'untrusted-signer': 'UNTRUSTED SIGNER', 'not-for-us': 'NOT ADDRESSED TO US', invalid: 'INVALID' } as const;
  const out = [`${STATE[r.state] ?? (r.ok ? 'VALID' : 'INVALID')}: ${r.file.name} (${r.file.size} bytes${r.file.sha256 ? `, sha256 ${r.file.sha256}` : ''})`];
  // What an unopened bundle says is only a claim, and is printed as one.
  const claims = r.opened ? '' : 'it CLAIMS (unverified): ';
  if (r.bundle)
    out.push(`${claims}bundle ${r.bundle.bundleId}: case ${r.bundle.caseNumber} "${r.bundle.caseTitle}" from ${r.signer && r.opened ? r.signer.agencyName : r.bundle.sendingAgency} to ${r.bundle.recipients.join(', ')}, made ${r.bundle.createdAt}`);
  if (r.chain && !r.chain.inOrder) out.push(`OUT OF ORDER: ${r.chain.message}`);
  if (r.claimedSigner)
    out.push(
      `unknown signer: fingerprint ${r.claimedSigner.fingerprint} (says it is ${r.claimedSigner.agencyName}).`,
      `  To trust it: save its key, read the fingerprint back with the agency by phone, then`,
      `  proceeds keyring add KEY.pub --agency "${r.claimedSigner.agencyName}" --fingerprint "<as read out>", and verify again. Its key:`,
      ...r.claimedSigner.publicKey.trim().split('\n').map((l) => `    ${l}`),
    );
  if (r.signer) out.push(`signer: ${r.signer.agencyName}, key ${r.signer.keyId}, fingerprint ${r.signer.fingerprint}`);
  for (const c of r.checks) out.push(`  [${c.ok ? 'ok' : 'FAIL'}] ${c.detail}`);
  for (const p of r.problems) out.push(`  problem (${p.code}): ${p.message}`);
  for (const n of r.notes) out.push(`  note: ${n}`);
  return out.join('\n');
}

export function registerBundleCommands(program: Command, cli: (needs?: CommandNeeds) => CliContext): void {
  const cmd = program.command('bundle').description('signed evidence bundles: export, verify, import');

  cmd
    .command('export')
    .description('export a case as a signed bundle sealed to its recipients (FILE.zip.age and FILE.zip.minisig)')
    .requiredOption('--case <number>', 'case number')
    .requiredOption('--key <file>', "the agency's secret key (NAME.key from `keys generate`)")
    .requiredOption('--to <agency>', 'receiving agency (repeat or separate with commas)', list)
    .requiredOption('--out <file>', 'the zip to write')
    .option('--subjects <ids>', 'only these subjects (ids, comma-separated)', list)
    .option('--accounts <ids>', 'only these accounts', list)
    .option('--assets <ids>', 'only these assets', list)
    .option('--since <date>', 'only transactions on or after this date')
    .option('--until <date>', 'only transactions on or before this date')
    .option('--unencrypted', 'write a plain signed zip that anyone holding the file can read (default: sealed with age to the recipients)')
    .action(async (o: { case: string; key: string; to: string[]; out: string; subjects?: string[]; accounts?: string[]; assets?: string[]; since?: string; until?: string; unencrypted?: boolean }) => {
      const c = cli();
      const found = await c.call('cases.getByNumber', { number: o.case });
      const passphrase = await readPassphrase(`passphrase of ${o.key}: `);
      const scope = { subjectIds: o.subjects, accountIds: o.accounts, assetIds: o.assets, from: o.since, to: o.until };
      const r = await c.call('bundles.export', { caseId: found.id, recipients: o.to, keyFile: o.key, passphrase, out: o.out, scope, unencrypted: o.unencrypted ?? false });
      c.print(r, () =>
        [`wrote ${r.file} (${r.size} bytes, sha256 ${r.sha256})`, `and ${r.minisig}`, `bundle ${r.bundleId}: ${Object.values(r.recordCounts).reduce((a, b) => a + b, 0)} records, ${r.exhibits.files} exhibit files`,
          r.sealed ? `sealed to ${r.sealedTo.map((x) => x.agency).join(', ')}; open it with: age -d -i KEY ${r.file} > ${r.minisigName.replace(/\.minisig$/, '')}` : 'not sealed: anyone holding the file can read it',
          `check it with: minisign -Vm ${r.minisigName.replace(/\.minisig$/, '')} -p AGENCY.pub`].join('\n'));
    });

  cmd
    .command('verify <file>')
    .description('check a bundle before opening anything in it; exit 0 only if it is valid')
    .option('--keyring <file>', 'keyring file of trusted agencies (no database needed); default: the database')
    .option('--minisig <file>', 'detached signature (default: FILE.minisig beside the zip, if there)')
    .option('--identity <file>', 'age identity file to open a sealed bundle (default: this installation\'s keys)')
    .action(async (file: string, o: { keyring?: string; minisig?: string; identity?: string }) => {
      const { isSealed } = await import('../../core/bundle/seal.js');
      const { readKeyringFile } = await import('../../core/keys/keyring.js');
      const { verifyBundle } = await import('../../core/bundle/verify.js');
      const c = cli();
      let report: VerifyReport;
      if (o.keyring && (o.identity || isSealed(file)))
        report = await c.call('bundles.verify', { file: { path: file }, keyringFile: o.keyring, identityFile: o.identity, minisig: o.minisig ? { path: o.minisig } : undefined });
      else if (o.keyring) {
        const onProgress = process.stderr.isTTY && !c.json ? renderProgress : undefined;
        try {
          report = await verifyBundle(file, { keyring: readKeyringFile(o.keyring), detached: o.minisig ?? 'auto', progress: onProgress });
        } finally {
          if (onProgress) clearProgress();
        }
      } else report = await c.call('bundles.verify', { file: { path: file }, minisig: o.minisig ? { path: o.minisig } : undefined });
      c.print(report, () => reportText(report));
      if (!report.ok) process.exitCode = 1;
    });

  cmd
    .command('import <file>')
    .description('verify a bundle, then merge it into the database with its provenance')
    .option('--keyring <file>', 'keyring file of trusted agencies; default: the database')
    .option('--minisig <file>', 'detached signature (default: FILE.minisig beside the zip, if there)')
    .option('--identity <file>', 'age identity file to open a sealed bundle (default: this installation\'s keys)')
    .option('--accept-out-of-order', 'import a bundle that does not continue its sender\'s chain for the case (after checking with them)')
    .action(async (file: string, o: { keyring?: string; minisig?: string; identity?: string; acceptOutOfOrder?: boolean }) => {
      const c = cli({ creates: true });
      const r = await c.call('bundles.import', { file: { path: file }, keyringFile: o.keyring, identityFile: o.identity, acceptOutOfOrder: o.acceptOutOfOrder ?? false, minisig: o.minisig ? { path: o.minisig } : undefined });
      const inserted = Object.values(r.outcome.inserted).reduce((a, b) => a + b, 0);
      c.print(r, () =>
        [reportText(r.report), `imported ${inserted} records into case ${r.report.bundle?.caseNumber} (${r.outcome.caseId})`,
          `${r.outcome.conflictCount} conflicts (local version kept), ${r.outcome.matched.length} records matched to local ones, ${r.outcome.exhibits.stored} exhibit files stored`,
          ...r.outcome.conflicts.slice(0, 20).map((x) => `  conflict ${x.table} ${x.id}: ${x.fields.map((f) => f.field).join(', ')}`)].join('\n'));
    });

  cmd
    .command('list')
    .description('bundles sent and received')
    .action(async () => {
      const c = cli();
      const rows = await c.call('bundles.list', {});
      c.print(rows, () => (rows.length ? rows.map((b) => `${b.createdAt.slice(0, 19)} ${b.direction.padEnd(8)} ${b.caseNumber.padEnd(16)} ${b.senderAgency} -> ${b.recipients.join(', ')}  ${b.fileName}`).join('\n') : 'no bundles'));
    });
}
