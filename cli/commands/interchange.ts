import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { GOAML_REPORT_CODES } from '../../core/interchange/goaml-codes.js';

const ids = (s?: string) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : []);

/** goAML reports out (goAML in is `proceeds import --format goaml`), FollowTheMoney entities in and out. */
export function registerInterchangeCommands(program: Command, cli: () => CliContext): void {
  const goaml = program.command('goaml').description('goAML reports for financial intelligence units (import them with `proceeds import --format goaml`)');
  goaml
    .command('export')
    .description('write selected transactions of a case, with their accounts and holders, as a goAML report (XML, schema 5.0.1)')
    .requiredOption('--case <number>', 'case number')
    .requiredOption('--rentity-id <n>', "the reporting entity's number at the FIU")
    .option('--report-code <code>', GOAML_REPORT_CODES.join(' | '), 'STR')
    .option('--branch <text>', 'rentity_branch')
    .option('--reference <text>', 'entity_reference (default: the case number)')
    .option('--currency <code>', "the report's local currency (default: the transactions' one currency)")
    .option('--reason <text>', 'why the report is made')
    .option('--transactions <ids>', 'transaction ids, comma-separated')
    .option('--accounts <ids>', 'account ids: their transactions, comma-separated')
    .option('--subjects <ids>', "subject ids: the transactions of the accounts they hold, comma-separated")
    .option('--out <file>', 'XML file to write (default: the outbox)')
    .action(async (o: { case: string; rentityId: string; reportCode: string; branch?: string; reference?: string; currency?: string; reason?: string; transactions?: string; accounts?: string; subjects?: string; out?: string }) => {
      const c = cli();
      const kase = await c.call('cases.getByNumber', { number: o.case });
      const r = await c.call('interchange.goaml.export', {
        caseId: kase.id, rentityId: Number(o.rentityId), reportCode: o.reportCode as (typeof GOAML_REPORT_CODES)[number], // the core's zod schema refuses any other code rentityBranch: o.branch, entityReference: o.reference,
        currency: o.currency, reason: o.reason, transactionIds: ids(o.transactions), accountIds: ids(o.accounts), subjectIds: ids(o.subjects), path: o.out,
      });
      c.print(r, `wrote a goAML ${o.reportCode} report of ${r.transactions} transaction(s) to ${r.path ?? r.name}`);
    });

  const ftm = program.command('ftm').description('FollowTheMoney entities (JSON lines), as OpenAleph, yente and nomenklatura read and write them');
  ftm
    .command('export')
    .description('write a case as FtM entities: Person, Company, LegalEntity, BankAccount, CryptoWallet, Ownership, Payment')
    .requiredOption('--case <number>', 'case number')
    .option('--no-payments', 'leave the transactions (Payment) out')
    .option('--out <file>', 'JSON lines file to write (default: the outbox)')
    .action(async (o: { case: string; payments: boolean; out?: string }) => {
      const c = cli();
      const kase = await c.call('cases.getByNumber', { number: o.case });
      const r = await c.call('interchange.ftm.export', { caseId: kase.id, payments: o.payments, path: o.out });
      c.print(r, `wrote ${r.entities} FtM entities (${Object.entries(r.bySchema).map(([s, n]) => `${n} ${s}`).join(', ')}) to ${r.path ?? r.name}`);
    });
  ftm
    .command('import <file>')
    .description('import FtM JSON lines as subjects and accounts of a case, with provenance; all or nothing')
    .requiredOption('--case <number>', 'case number')
    .option('--currency <code>', 'currency of accounts whose entity states none')
    .action(async (file: string, o: { case: string; currency?: string }) => {
      const c = cli();
      const kase = await c.call('cases.getByNumber', { number: o.case });
      const r = await c.call('interchange.ftm.import', { caseId: kase.id, file: { path: file }, currency: o.currency });
      c.print(r, () => [
        `read ${r.entities} FtM entities from ${r.fileName} into case ${kase.number}: ${r.subjectsCreated} subject(s) and ${r.accountsCreated} account(s) created, ${r.holdersLinked} holder(s) linked`,
        ...Object.entries(r.skipped).map(([s, n]) => `  ${n} ${s} not imported (only parties and accounts are)`),
        ...r.flaggedIdentifiers.slice(0, 20).map((f) => `  flagged: ${f}`),
      ].join('\n'));
    });
}
