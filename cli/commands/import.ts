import fs from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { DATE_FORMATS, IMPORT_FORMATS } from '../../core/import/schemas.js';
import { parseColumnMap } from '../../core/import/column-map.js';
import { ProceedsError } from '../../core/errors.js';

interface ImportOptions {
  case: string;
  format?: string;
  mapping?: string;
  mappingFile?: string;
  map?: string;
  dateFormat?: string;
  decimal?: string;
  thousands?: string;
  delimiter?: string;
  sign?: string;
  saveMapping?: string;
  account?: string;
  currency?: string;
  encoding?: string;
  strict?: boolean;
}

/** Exit code of an import that committed nothing (every row rejected or duplicate, or an empty file). */
export const EXIT_NOTHING_IMPORTED = 3;

/** `--sign` in the words people use for it. */
const SIGNS: Record<string, 'credit-positive' | 'debit-positive'> = {
  'credit-positive': 'credit-positive', 'deposits-positive': 'credit-positive', 'in-positive': 'credit-positive', normal: 'credit-positive',
  'debit-positive': 'debit-positive', 'purchases-positive': 'debit-positive', 'out-positive': 'debit-positive', card: 'debit-positive',
};

const usage = (path: string, message: string) => new ProceedsError('Invalid', `${path}: ${message}`, [{ path, message }]);

/** The mapping in a file: the JSON the wizard saves (a mapping), or what `imports mappings export` writes ({name, header, mapping}). */
function readMappingFile(file: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    throw usage('mapping-file', `${file} is not a JSON mapping: ${(e as Error).message}`);
  }
  return json && typeof json === 'object' && 'mapping' in json ? (json).mapping : json;
}

/** The import's options as the contract takes them; a wrong spelling is a usage error naming it. */
export function importInput(caseId: string, file: string, o: ImportOptions) {
  const sign = o.sign === undefined ? undefined : SIGNS[o.sign.toLowerCase()];
  if (o.sign !== undefined && !sign) throw usage('sign', `"${o.sign}" is not a sign convention (${Object.keys(SIGNS).join(', ')})`);
  if (o.dateFormat && !(DATE_FORMATS as readonly string[]).includes(o.dateFormat.toUpperCase()))
    throw usage('date-format', `"${o.dateFormat}" is not a date format (${DATE_FORMATS.join(', ')})`);
  const delimiter = o.delimiter === 'tab' || o.delimiter === '\\t' ? '\t' : o.delimiter;
  const thousands = o.thousands === undefined ? undefined : o.thousands === 'none' ? '' : o.thousands === 'space' ? ' ' : o.thousands;
  return {
    caseId, file: { path: file }, format: o.format, mappingName: o.mapping, saveMappingAs: o.saveMapping,
    mapping: o.mappingFile ? readMappingFile(o.mappingFile) : undefined,
    map: o.map ? parseColumnMap(o.map) : undefined,
    dateFormat: o.dateFormat?.toUpperCase(), decimal: o.decimal, thousands, delimiter, sign,
    account: o.account ? { identifier: o.account, currency: o.currency } : undefined, currency: o.currency,
    encoding: o.encoding, strict: Boolean(o.strict),
  };
}

/** Every reject of an import (the run's report carries only the first ones). */
async function allRejects(c: CliContext, importId: string) {
  const out: { line: number; reason: string }[] = [];
  for (let offset = 0; ; offset += 10000) {
    const page = await c.call('imports.rejects', { importId, kind: 'rejected', offset, limit: 10000 });
    out.push(...page.rows.map((r) => ({ line: r.line, reason: r.reason })));
    if (out.length >= page.total || page.rows.length === 0) return out;
  }
}

export function registerImportCommands(program: Command, cli: () => CliContext): void {
  program
    .command('import <file>')
    .description('import bank records (CSV, ledger CSV, OFX/QFX, camt.052/053/054, MT940) or a goAML report into a case, all or nothing; exit 3 when nothing was imported')
    .requiredOption('--case <number>', 'case number')
    .option('--format <format>', `${IMPORT_FORMATS.join(' | ')} (default: detected)`)
    .option('--mapping <name>', 'saved CSV mapping to use (default: the one saved for this header, else detected)')
    .option('--mapping-file <file>', 'CSV mapping as JSON (what the wizard saves, or `imports mappings export` writes)')
    .option('--map <roles>', 'CSV columns by role: date=Buchungstag,amount=Betrag,description=Text+Info (header names or #column numbers; roles: date, time, value_date, amount, debit, credit, currency, name, account, reference, description, balance, direction)')
    .option('--date-format <layout>', `date layout (${DATE_FORMATS.join(', ')})`)
    .option('--decimal <mark>', 'decimal mark of the amounts: . or ,')
    .option('--thousands <mark>', "thousands separator: , . ' space none")
    .option('--delimiter <char>', 'field delimiter: , ; | tab')
    .option('--sign <convention>', 'credit-positive (money in is positive) or debit-positive / purchases-positive (card exports)')
    .option('--save-mapping <name>', 'save the CSV mapping used under this name')
    .option('--account <identifier>', 'account the statement CSV belongs to (found by identifier or created)')
    .option('--currency <code>', 'currency when the file does not name one')
    .option('--encoding <name>', 'text encoding (default: detected), e.g. utf-8, utf-16le, windows-1252, cp852')
    .option('--strict', 'refuse the whole file if any row is rejected or the sign of the amounts is a guess')
    .action(async (file: string, o: ImportOptions) => {
      const c = cli();
      const kase = await c.call('cases.getByNumber', { number: o.case });
      const abort = new AbortController();
      // Ctrl-C cancels: the transaction rolls back and nothing is left behind.
      const onSigint = () => abort.abort();
      process.once('SIGINT', onSigint);
      try {
        const r = await c.call('imports.run', importInput(kase.id, file, o), { signal: abort.signal });
        const rejected = r.rejectedCount > r.rejected.length ? await allRejects(c, r.importId) : r.rejected.map(({ line, reason }) => ({ line, reason }));
        const ok = r.imported > 0;
        if (!ok) process.exitCode = EXIT_NOTHING_IMPORTED;
        c.print(
          {
            ok, ...(ok ? {} : { reason: r.warnings[0] }), imported: r.imported, duplicates: r.duplicates, rejected, skipped: r.skipped,
            importId: r.importId, format: r.format, ...(r.goaml ? { goaml: r.goaml } : {}), sign: r.sign, statements: r.statements, warnings: r.warnings,
          },
          () =>
            [
              `imported ${r.imported} transaction(s) from ${r.fileName} (${r.format}) into case ${kase.number}: ${r.duplicates} duplicate(s), ${r.rejectedCount} rejected, ${r.skipped} skipped, ${r.accountsCreated} account(s) created`,
              ...(r.goaml ? [`goAML ${r.goaml.reportCode} report of reporting entity ${r.goaml.rentityId}${r.goaml.rentityBranch ? ` (${r.goaml.rentityBranch})` : ''}, submitted ${r.goaml.submissionDate}: ${r.goaml.subjectsCreated} subject(s) created`] : []),
              ...(r.sign ? [`sign: ${r.sign.convention} (${r.sign.guessed ? 'GUESSED: ' : ''}${r.sign.evidence})`] : []),
              ...r.statements.filter((s) => s.reconciliation).map((s) => {
                const x = s.reconciliation!;
                return `statement ${s.account} ${x.opening?.date ?? '?'} to ${x.closing?.date ?? '?'}: ${x.ok === null ? 'no opening and closing balance' : x.ok ? 'reconciles (opening + rows = closing)' : `does NOT reconcile (${x.difference} minor units unexplained)`}`;
              }),
              ...rejected.slice(0, 20).map((x) => `  line ${x.line}: ${x.reason}`),
              ...(rejected.length > 20 ? [`  ... and ${rejected.length - 20} more`] : []),
              ...(r.rejectedCount + r.duplicates + r.skipped > 0 ? [`all of them: proceeds imports rejects ${r.importId} --out rejects.csv`] : []),
            ].join('\n'),
        );
        for (const w of r.warnings) process.stderr.write(`warning: ${w}\n`);
      } finally {
        process.off('SIGINT', onSigint);
      }
    });

  const imports = program.command('imports').description('past imports, their rejects, statement coverage and saved CSV mappings');

  imports
    .command('list')
    .requiredOption('--case <number>', 'case number')
    .action(async (o: { case: string }) => {
      const c = cli();
      const kase = await c.call('cases.getByNumber', { number: o.case });
      const rows = await c.call('imports.list', { caseId: kase.id });
      c.print(rows, () =>
        rows.length === 0
          ? 'no imports'
          : rows.map((r) => `${r.id}  ${r.startedAt.slice(0, 19)}  ${r.format.padEnd(7)} ${r.fileName}  +${r.importedCount} dup ${r.duplicateCount} rej ${r.rejectedCount}`).join('\n'),
      );
    });

  imports
    .command('rejects <importId>')
    .description('write the rejected, duplicate and skipped rows of an import as CSV')
    .option('--out <file>', 'CSV file to write (default: the outbox)')
    .action(async (importId: string, o: { out?: string }) => {
      const c = cli();
      const r = await c.call('imports.exportRejects', { importId, path: o.out });
      c.print(r, `wrote ${r.rows} row(s) to ${r.path}`);
    });

  imports
    .command('coverage')
    .description('per account: statements, whether they reconcile, gaps and breaks with their amounts; exit 4 when a break or an unreconciled statement is found')
    .requiredOption('--case <number>', 'case number')
    .action(async (o: { case: string }) => {
      const c = cli();
      const kase = await c.call('cases.getByNumber', { number: o.case });
      const rows = await c.call('imports.coverage', { caseId: kase.id });
      if (rows.some((a) => a.events.some((e) => e.kind === 'break' || e.kind === 'unreconciled'))) process.exitCode = 4;
      c.print(rows, () =>
        rows.length === 0
          ? 'no statements with balances imported'
          : rows.map((a) => [`${a.identifier} (${a.currency}): ${a.statements} statement(s), ${a.verified ? 'verified' : 'NOT verified'}`, ...a.events.map((e) => `  ${e.kind.padEnd(12)} ${e.text}`)].join('\n')).join('\n'),
      );
    });

  const links = imports.command('links').description('one transfer, once: pairs of a payer\'s debit and a payee\'s credit (linked, or waiting for review)');

  links
    .command('list')
    .requiredOption('--case <number>', 'case number')
    .option('--status <status>', 'auto | suggested | accepted | rejected (suggested = the review queue)')
    .action(async (o: { case: string; status?: string }) => {
      const c = cli();
      const kase = await c.call('cases.getByNumber', { number: o.case });
      const rows = await c.call('imports.links.list', { caseId: kase.id, status: o.status });
      c.print(rows, () =>
        rows.length === 0
          ? 'no transfer links'
          : rows
              .map((l) => `${l.id}  ${l.status.padEnd(9)} score ${String(l.score).padStart(3)}  ${l.debit.occurredAt} ${l.debit.amountMinor} ${l.debit.currency} -> ${l.credit.occurredAt}  (${l.evidence.map((e) => `${e.what} +${e.points}`).join('; ')})`)
              .join('\n'),
      );
    });

  links
    .command('match')
    .description('match the case\'s debits and credits now (imports do this for their own rows)')
    .requiredOption('--case <number>', 'case number')
    .action(async (o: { case: string }) => {
      const c = cli();
      const kase = await c.call('cases.getByNumber', { number: o.case });
      const r = await c.call('imports.links.match', { caseId: kase.id });
      c.print(r, `${r.linked} pair(s) linked, ${r.suggested} waiting for review`);
    });

  for (const decision of ['accept', 'reject', 'undo'] as const)
    links.command(`${decision} <linkId>`).action(async (id: string) => {
      const c = cli();
      const r = await c.call('imports.links.decide', { id, decision });
      c.print(r, `link ${id}: ${r.status}`);
    });

  const merges = imports.command('merges').description('accounts and subjects that are one: suggestions with reasons, merge and unmerge (nothing deleted)');

  merges
    .command('suggest')
    .requiredOption('--case <number>', 'case number')
    .action(async (o: { case: string }) => {
      const c = cli();
      const kase = await c.call('cases.getByNumber', { number: o.case });
      const rows = await c.call('imports.merges.suggest', { caseId: kase.id });
      c.print(rows, () => (rows.length === 0 ? 'no suggestions' : rows.map((m) => `${m.kind.padEnd(7)} ${String(m.score).padStart(3)}  ${m.a.label} (${m.a.id})  =  ${m.b.label} (${m.b.id})\n          ${m.reasons.join('; ')}`).join('\n')));
    });

  merges
    .command('merge <survivorId> <mergedId>')
    .requiredOption('--case <number>', 'case number')
    .requiredOption('--kind <kind>', 'account | subject')
    .action(async (survivorId: string, mergedId: string, o: { case: string; kind: string }) => {
      const c = cli();
      const kase = await c.call('cases.getByNumber', { number: o.case });
      const r = await c.call('imports.merges.merge', { caseId: kase.id, kind: o.kind, survivorId, mergedId });
      c.print(r, `merged ${mergedId} into ${survivorId} (merge ${r.id})`);
    });

  merges.command('unmerge <mergeId>').action(async (id: string) => {
    const c = cli();
    c.print(await c.call('imports.merges.unmerge', { id }), `merge ${id} undone`);
  });

  const mappings = imports.command('mappings').description('saved CSV mappings: list, show, export, import, delete');

  mappings.command('list').action(async () => {
    const c = cli();
    const rows = await c.call('imports.mappings.list', {});
    c.print(rows, () => (rows.length === 0 ? 'no saved mappings' : rows.map((m) => `${m.name}  (${m.headerSignature.split('\u001f').length} columns, saved ${m.createdAt.slice(0, 10)})`).join('\n')));
  });

  mappings.command('show <name>').action(async (name: string) => {
    const c = cli();
    const m = (await c.call('imports.mappings.list', {})).find((x) => x.name === name);
    if (!m) throw usage('name', `no saved mapping "${name}"`);
    c.print(m, () => JSON.stringify({ name: m.name, header: m.headerSignature.split('\u001f'), mapping: m.mapping }, null, 2));
  });

  mappings
    .command('export <name>')
    .description('write a saved mapping as JSON ({name, header, mapping}), for --mapping-file or another machine')
    .option('--out <file>', 'file to write (default: stdout)')
    .action(async (name: string, o: { out?: string }) => {
      const c = cli();
      const m = (await c.call('imports.mappings.list', {})).find((x) => x.name === name);
      if (!m) throw usage('name', `no saved mapping "${name}"`);
      const json = JSON.stringify({ name: m.name, header: m.headerSignature.split('\u001f'), mapping: m.mapping }, null, 2) + '\n';
      if (o.out) {
        fs.writeFileSync(o.out, json);
        c.print({ name, path: o.out }, `wrote mapping "${name}" to ${o.out}`);
      } else process.stdout.write(json);
    });

  mappings
    .command('import <file>')
    .description('save a mapping from JSON ({name, header, mapping} as export writes, or a bare mapping with --name)')
    .option('--name <name>', 'name to save it under (default: the name in the file)')
    .action(async (file: string, o: { name?: string }) => {
      const c = cli();
      const json = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; header?: string[]; mapping?: unknown };
      const wrapped = json && typeof json === 'object' && 'mapping' in json;
      const name = o.name ?? (wrapped ? json.name : undefined);
      if (!name) throw usage('name', 'the file names no mapping: give --name');
      const saved = await c.call('imports.mappings.save', { name, header: wrapped ? json.header ?? [] : [], mapping: wrapped ? json.mapping : json });
      c.print(saved, `saved mapping "${saved.name}"`);
    });

  mappings.command('delete <name>').action(async (name: string) => {
    const c = cli();
    c.print(await c.call('imports.mappings.delete', { name }), `deleted mapping "${name}"`);
  });
}
