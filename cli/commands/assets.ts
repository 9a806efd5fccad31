import fs from 'node:fs';
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { formatMinor } from '../../core/money.js';

const collect = (v: string, prev: string[]) => [...prev, v];

export async function agencyIdByCode(c: CliContext, code: string): Promise<string> {
  const found = (await c.call('agencies.list', {})).find((a) => a.code === code);
  if (!found) throw new Error(`no agency with code ${code}`);
  return found.id;
}

export const caseIdByNumber = async (c: CliContext, number: string) => (await c.call('cases.getByNumber', { number })).id;

/** Integer fields of the type details; everything else stays text for the core to validate. */
const NUMERIC_DETAILS = new Set(['year', 'itemCount']);

/** `--detail key=value`, repeated; denominations as "100x121,20x20" (face value x count). */
export function parseDetails(pairs: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq < 1) throw new Error(`--detail ${pair}: write key=value, e.g. --detail vin=WP1AA2AY5NDA12345`);
    const [key, value] = [pair.slice(0, eq), pair.slice(eq + 1)];
    if (key === 'denominations')
      out.denominations = value.split(',').map((d) => {
        const [denomination, count] = d.split('x');
        return { denomination, count: Number(count) };
      });
    else out[key] = NUMERIC_DETAILS.has(key) ? Number(value) : value;
  }
  return out;
}

/** Amounts arrive as decimal text of minor units; formatMinor renders them exactly at any size. */
const money = (minor: string | null, cur: string) => (minor === null ? '-' : `${formatMinor(minor, cur)} ${cur}`);

function registerAsset(program: Command, cli: () => CliContext) {
  const cmd = program.command('asset').description('seized assets: add, move through the lifecycle, list');
  cmd
    .command('add')
    .description('record a seized asset')
    .requiredOption('--case <number>', 'case number')
    .requiredOption('--type <type>', 'cash | bank_funds | crypto | vehicle | real_property | jewellery | electronics | other')
    .requiredOption('--description <text>', 'what it is')
    .requiredOption('--seized-on <date>', 'date of seizure, YYYY-MM-DD')
    .requiredOption('--value <amount>', 'value as seized, e.g. 68000.00')
    .requiredOption('--currency <code>', 'ISO 4217 currency of the values')
    .option('--place <text>', 'where it was seized', '')
    .option('--authority <text>', 'warrant or order number', '')
    .option('--agency <code>', 'code of the seizing agency')
    .option('--detail <key=value>', 'type detail, repeatable (make=, model=, vin=, plate=, asset=, amount=, wallet=, address=, denominations=100x10,...)', collect, [])
    .action(async (o: { case: string; type: string; description: string; seizedOn: string; value: string; currency: string; place: string; authority: string; agency?: string; detail: string[] }) => {
      const c = cli();
      const created = await c.call('assets.create', {
        caseId: await caseIdByNumber(c, o.case), type: o.type, description: o.description, seizedOn: o.seizedOn,
        valueSeized: o.value, currency: o.currency, seizedPlace: o.place, legalAuthority: o.authority,
        seizingAgencyId: o.agency ? await agencyIdByCode(c, o.agency) : undefined, details: parseDetails(o.detail),
      });
      c.print(created, `seized ${created.type} ${created.id}: ${created.description}, ${money(created.valueSeizedMinor, created.currency)}`);
    });

  cmd
    .command('status <assetId> <to>')
    .description('move an asset on: pending_forfeiture, forfeited, sold | destroyed | official_use | transferred, returned, released')
    .requiredOption('--on <date>', 'date of the step, YYYY-MM-DD')
    .requiredOption('--order <reference>', 'the order or decision behind the step')
    .option('--returned-to <who>', 'owner | claimant (for returned)')
    .option('--realised <amount>', 'sale proceeds (for sold)')
    .option('--note <text>', 'note', '')
    .action(async (assetId: string, to: string, o: { on: string; order: string; returnedTo?: string; realised?: string; note: string }) => {
      const c = cli();
      const r = await c.call('assets.transition', { assetId, to, occurredOn: o.on, orderReference: o.order, returnedTo: o.returnedTo, valueRealised: o.realised, note: o.note });
      c.print(r, `${r.id}: ${r.event.fromStatus} -> ${r.status}${r.disposition ? ` (${r.disposition})` : ''} on ${r.statusOn}`);
    });

  cmd
    .command('values <assetId>')
    .description('keep an asset current: appraisal, costs, liens and victim claims, realised value (amounts in its currency, exact)')
    .option('--appraised <amount>', 'appraised value')
    .option('--appraised-on <date>', 'date of the appraisal, YYYY-MM-DD')
    .option('--appraiser <name>', 'who appraised it')
    .option('--costs <amount>', 'costs to date (storage, towing, sale)')
    .option('--deductions <amount>', 'liens and victim claims to pay before sharing')
    .option('--realised <amount>', 'sale proceeds')
    .action(async (assetId: string, o: { appraised?: string; appraisedOn?: string; appraiser?: string; costs?: string; deductions?: string; realised?: string }) => {
      const c = cli();
      const a = await c.call('assets.update', {
        id: assetId, valueAppraised: o.appraised, appraisedOn: o.appraisedOn, appraiser: o.appraiser,
        costs: o.costs, deductions: o.deductions, valueRealised: o.realised,
      });
      c.print(a, `${a.id}: appraised ${money(a.valueAppraisedMinor, a.currency)}, costs ${money(a.costsMinor, a.currency)}, claims ${money(a.deductionsMinor, a.currency)}, net ${money(a.netMinor, a.currency)}`);
    });

  cmd
    .command('list')
    .description("list a case's assets")
    .requiredOption('--case <number>', 'case number')
    .action(async (o: { case: string }) => {
      const c = cli();
      const rows = await c.call('assets.list', { caseId: await caseIdByNumber(c, o.case) });
      c.print(rows, () =>
        rows.length === 0
          ? 'no assets'
          : rows.map((a) => `${a.id}  ${a.status.padEnd(18)} ${a.type.padEnd(13)} ${money(a.valueSeizedMinor, a.currency).padStart(18)}  ${a.description}`).join('\n'),
      );
    });

  cmd
    .command('share <assetId>')
    .description("compute and record a forfeited asset's equitable sharing under the saved policy")
    .action(async (assetId: string) => {
      const c = cli();
      const d = await c.call('sharing.compute', { assetId });
      c.print(d, () => [`net ${money(d.netMinor, d.currency)}; ${d.policyText}`, ...d.shares.map((s) => `  ${s.code.padEnd(16)} ${money(s.shareMinor, d.currency).padStart(20)}${s.keeper ? '  (keeper)' : ''}`)].join('\n'));
    });
}

function registerCustody(program: Command, cli: () => CliContext) {
  const cmd = program.command('custody').description('chain of custody: append events, report');
  cmd
    .command('add <assetId> <kind>')
    .description('append an event: received, transferred, stored, checked_out, checked_in, appraised, disposed, correction')
    .requiredOption('--at <timestamp>', 'when, YYYY-MM-DD or YYYY-MM-DDTHH:MM')
    .option('--from <custodian>', 'who handed it over', '')
    .option('--to <custodian>', 'who received or took it', '')
    .option('--location <place>', 'where', '')
    .option('--locker <id>', 'locker or bin', '')
    .option('--reason <text>', 'why', '')
    .option('--witness <name>', 'witness', '')
    .option('--corrects <eventId>', 'the event this one corrects')
    .action(async (assetId: string, kind: string, o: { at: string; from: string; to: string; location: string; locker: string; reason: string; witness: string; corrects?: string }) => {
      const c = cli();
      const r = await c.call('custody.add', {
        assetId, kind, occurredAt: o.at, fromCustodian: o.from, toCustodian: o.to, location: o.location, locker: o.locker,
        reason: o.reason, witness: o.witness, correctsEventId: o.corrects,
      });
      c.print(r, () => [`custody event ${r.event.id} recorded`, ...r.analysis.gaps.map((g) => `  gap: ${g.message}`)].join('\n'));
    });

  cmd
    .command('report <assetId>')
    .description('write the custody report (PDF or printable HTML); exit 1 when the chain has a gap')
    .option('--format <format>', 'pdf | html', 'pdf')
    .option('--out <file>', 'copy the report here')
    .action(async (assetId: string, o: { format: string; out?: string }) => {
      const c = cli();
      const r = await c.call('custody.report', { assetId, format: o.format });
      const file = o.out ?? r.path!;
      if (o.out) fs.copyFileSync(r.path!, o.out);
      const { html: _html, ...rest } = r;
      c.print({ ...rest, path: file }, () =>
        [`custody report: ${file}`, r.unbroken ? 'chain unbroken' : `${r.gaps.length} gap(s):`, ...r.gaps.map((g) => `  ${g.message}`)].join('\n'),
      );
      if (!r.unbroken) process.exitCode = 1;
    });
}

function registerExhibit(program: Command, cli: () => CliContext) {
  const cmd = program.command('exhibit').description('exhibits: attach files, verify the store');
  cmd
    .command('add <file>')
    .description('attach a file to a case (or to one of its records); stored once by SHA-256')
    .requiredOption('--case <number>', 'case number')
    .option('--target <kind:id>', 'subject:ID, account:ID, transaction:ID or asset:ID')
    .option('--description <text>', 'what it is', '')
    .action(async (file: string, o: { case: string; target?: string; description: string }) => {
      const c = cli();
      const [targetKind, targetId] = o.target ? o.target.split(':') : ['case', undefined];
      const r = await c.call('exhibits.add', { caseId: await caseIdByNumber(c, o.case), file: { path: file }, targetKind, targetId, description: o.description });
      c.print(r, `exhibit ${r.id}: ${r.fileName} sha256 ${r.sha256} (${r.size} bytes${r.storedOnce ? ', same bytes already stored' : ''})`);
    });

  cmd
    .command('verify')
    .description('re-hash every stored exhibit; exit 1 naming any file that changed or went missing')
    .option('--case <number>', 'only this case')
    .action(async (o: { case?: string }) => {
      const c = cli();
      const r = await c.call('exhibits.verify', { caseId: o.case ? await caseIdByNumber(c, o.case) : undefined });
      const names = (p: { exhibits: { fileName: string }[] }) => p.exhibits.map((e) => e.fileName).join(', ');
      c.print(r, () =>
        [
          ...(r.ok
            ? [`all ${r.checked} stored files match their recorded SHA-256 (${r.bytes} bytes)`]
            : [...r.changed.map((p) => `CHANGED ${p.sha256}: ${names(p)}`), ...r.missing.map((p) => `MISSING ${p.sha256}: ${names(p)}`)]),
          ...r.orphans.map((o) => `ORPHAN ${o.path}: ${o.bytes} bytes in the store, no exhibit points at it`),
          ...(r.orphans.length ? ['`proceeds doctor` moves orphans to the quarantine folder'] : []),
        ].join('\n'),
      );
      if (!r.ok) process.exitCode = 1;
    });
}

export function registerAssetCommands(program: Command, cli: () => CliContext): void {
  registerAsset(program, cli);
  registerCustody(program, cli);
  registerExhibit(program, cli);
}
