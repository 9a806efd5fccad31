import type { Command } from 'commander';
import fs from 'node:fs';
import path from 'node:path';
import type { CliContext } from '../context.js';
import { readPassphrase } from './keys.js';

const files = (v: string, prev: string[] = []) => [...prev, v];

export function registerAuditCommands(program: Command, cli: () => CliContext): void {
  const audit = program.command('audit').description('the hash-chained audit log, its Merkle tree and signed checkpoints (docs/audit-log.md)');

  audit
    .command('verify')
    .description('re-compute the chain and the Merkle tree; check every checkpoint found (and --checkpoint files); --deep also replays the log against the tables; exit 1 on any finding')
    .option('--checkpoint <file>', 'a checkpoint kept elsewhere (repeatable)', files)
    .option('--deep', 'replay the audited changes and compare them with the current tables')
    .action(async (o: { checkpoint?: string[]; deep?: boolean }) => {
      const c = cli();
      const checkpoints = (o.checkpoint ?? []).map((f) => ({ source: path.resolve(f), text: fs.readFileSync(f, 'utf8') }));
      const report = await c.call('audit.verify', { checkpoints });
      const deep = o.deep ? await c.call('audit.verifyDeep', {}) : undefined;
      c.print(deep ? { ...report, deep } : report, () => {
        const out = [
          ...(report.fileProblems.length ? [`file damaged: ${report.fileProblems.join('; ')}`, 'restore it from a backup: proceeds restore BACKUP'] : []),
          !report.firstBroken
            ? `audit chain intact: ${report.rows} rows, head ${report.headHash}`
            : `audit chain BROKEN at row ${report.firstBroken.seq} (${report.firstBroken.id}): ${report.firstBroken.reason}`,
          report.tree.ok ? `merkle tree: ${report.tree.size} entries, root ${report.tree.root}` : `merkle tree WRONG: ${report.tree.message}`,
          ...report.checkpoints.map((k) => `checkpoint ${k.ok ? 'ok' : 'FAILS'}: ${k.size} entries (${k.fingerprint}) from ${k.source}: ${k.message}`),
        ];
        if (deep) {
          out.push(deep.ok ? `tables match the log: ${deep.checkedRows} audited rows, ${deep.digests} import digests checked` : `tables DIFFER from the log: ${deep.findings.length} finding(s)`);
          for (const f of deep.findings.slice(0, 200)) out.push(`  ${f.kind}: ${f.table} ${f.id}${f.column ? ` ${f.column}` : ''}: expected ${f.expected ?? '(none)'}, found ${f.found ?? '(none)'}`);
          if (deep.findings.length > 200) out.push(`  ... and ${deep.findings.length - 200} more (--json lists all)`);
        }
        return out.join('\n');
      });
      if (!report.ok || (deep && !deep.ok)) process.exitCode = 1;
    });

  audit
    .command('checkpoint')
    .description("sign the log's current Merkle root with the agency key; kept in the database and written to <db>.checkpoint")
    .option('--key-id <id>', 'a signing key of this installation (default: the newest)')
    .option('--key <file>', "the agency's secret key file (NAME.key)")
    .option('--out <file>', 'also write the checkpoint here')
    .action(async (o: { keyId?: string; key?: string; out?: string }) => {
      const c = cli();
      const locked = await needsPassphrase(c, o);
      const passphrase = locked ? await readPassphrase(`passphrase of ${o.key ?? 'the agency key'}: `) : undefined;
      const r = await c.call('audit.checkpoint', { keyId: o.keyId, keyFile: o.key, passphrase });
      if (o.out) fs.writeFileSync(o.out, r.note);
      c.print(r, () => `${r.note}\nsigned checkpoint of ${r.size} entries, root ${r.fingerprint}${r.file ? `; written to ${r.file}` : ''}${o.out ? ` and ${o.out}` : ''}`);
    });

  audit
    .command('prove')
    .description('print the RFC 9162 inclusion proof of one audit entry (against the newest signed checkpoint covering it)')
    .requiredOption('--entry <n>', 'the entry (audit seq, from 1)', (v) => Number.parseInt(v, 10))
    .action(async (o: { entry: number }) => {
      const c = cli();
      const r = await c.call('audit.prove', { entry: o.entry });
      c.print(r, () =>
        [
          `entry ${r.entry} (leaf index ${r.leafIndex}) of a tree of ${r.treeSize}`,
          `entry bytes: ${r.entryBytes}`,
          `leaf hash:   ${r.leafHash}`,
          `root:        ${r.root}`,
          'proof:',
          ...r.proof.map((h) => `  ${h}`),
          r.checkpoint ? `checkpoint:\n${r.checkpoint}` : 'no signed checkpoint covers this entry yet: run `proceeds audit checkpoint`',
          `verified: ${r.verified}`,
        ].join('\n'),
      );
      if (!r.verified) process.exitCode = 1;
    });

  audit
    .command('consistency')
    .description('print the RFC 9162 consistency proof from an old checkpoint to the newest one; exit 1 if the log does not extend it')
    .argument('<old>', 'the old checkpoint file')
    .action(async (old: string) => {
      const c = cli();
      const r = await c.call('audit.consistency', { checkpoint: fs.readFileSync(old, 'utf8') });
      c.print(r, () =>
        [
          `${r.origin}: ${r.oldSize} -> ${r.newSize} entries`,
          `old root: ${r.oldRoot}`,
          `new root: ${r.newRoot}`,
          'proof:',
          ...r.proof.map((h) => `  ${h}`),
          r.checkpoint ? `new checkpoint:\n${r.checkpoint}` : 'no signed checkpoint of the new size yet: run `proceeds audit checkpoint`',
          r.message,
        ].join('\n'),
      );
      if (!r.ok) process.exitCode = 1;
    });
}

/** A key file or a passphrase-protected stored key needs the passphrase; a keychain key does not. */
async function needsPassphrase(c: CliContext, o: { keyId?: string; key?: string }): Promise<boolean> {
  if (o.key) return true;
  const keys = await c.call('keys.list', {});
  const k = o.keyId ? keys.find((x) => x.id === o.keyId) : [...keys].sort((a, b) => (a.createdAt < b.createdAt ? 1 : -1))[0];
  return k?.protection === 'passphrase';
}

export function registerBackupCommand(program: Command, cli: () => CliContext): void {
  program
    .command('backup')
    .description('write a consistent copy of the database (SQLite backup API; safe while the app runs)')
    .requiredOption('--out <file>', 'destination file')
    .action(async (o: { out: string }) => {
      const c = cli();
      const r = await c.call('db.backup', { to: o.out });
      c.print(r, `backup written to ${r.path}`);
    });
}
