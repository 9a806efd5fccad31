import type { Command } from 'commander';
import path from 'node:path';
import type { CliContext } from '../context.js';
import { ProceedsError } from '../../core/errors.js';
import { compareMinor, formatMinor, isPositiveMinor } from '../../core/money.js';
import { TRACE_METHODS } from '../../core/trace/kinds.js';
import type { TraceResult } from '../../core/trace/result.js';

interface TraceOptions {
  case: string;
  tainted?: string;
  method?: string;
  label: string;
  until?: string;
  save?: string;
  schedule?: string;
  paper: string;
  compare?: boolean;
}

/** The stable machine output of `proceeds trace --json` (snake_case, amounts in minor units). */
export function traceJson(r: TraceResult) {
  return {
    method: r.method,
    labels: r.labels,
    accounts: r.accounts.map((a) => ({
      account: a.identifier,
      currency: a.currency,
      external: a.external,
      balance_minor: a.balanceMinor,
      tainted_minor: a.taintedMinor,
    })),
    transactions: r.transactions.map((t) => ({
      reference: t.reference,
      id: t.transactionId,
      occurred_at: t.occurredAt,
      currency: t.currency,
      amount_minor: t.amountMinor,
      ...(t.toCurrency ? { to_currency: t.toCurrency, to_amount_minor: t.toAmountMinor } : {}),
      tainted_minor: t.taintedMinor,
    })),
    assets: r.assets.map((a) => ({ asset: a.description, id: a.assetId, currency: a.currency, tainted_minor: a.taintedMinor })),
    flags: r.flags.map((f) => ({ kind: f.kind, reference: f.reference, shortfall_minor: f.shortfallMinor, message: f.message })),
    totals: r.totals.map((t) => ({
      currency: t.currency,
      injected_minor: t.injectedMinor,
      held_minor: t.heldMinor,
      external_minor: t.externalMinor,
      left_data_minor: t.leftDataMinor,
      exchanged_out_minor: t.exchangedOutMinor,
      exchanged_in_minor: t.exchangedInMinor,
    })),
  };
}

function traceText(r: TraceResult): string {
  const money = (n: string, c: string) => `${formatMinor(n, c)} ${c}`;
  const lines = [`method: ${r.method}   labels: ${r.labels.join(', ')}   transactions traced: ${r.transactionsTraced}`, ''];
  const held = r.accounts.filter((a) => isPositiveMinor(a.taintedMinor)).sort((a, b) => compareMinor(b.taintedMinor, a.taintedMinor));
  lines.push('accounts holding tainted money:');
  for (const a of held)
    lines.push(`  ${(a.identifier + (a.external ? ' (external)' : '')).padEnd(36)} tainted ${money(a.taintedMinor, a.currency).padStart(22)}   balance ${money(a.balanceMinor, a.currency)}`);
  if (held.length === 0) lines.push('  none');
  for (const t of r.totals)
    lines.push(
      '',
      `${t.currency}: marked ${money(t.injectedMinor, t.currency)}` +
        (isPositiveMinor(t.exchangedInMinor) ? ` + exchanged in ${money(t.exchangedInMinor, t.currency)}` : '') +
        ` = held ${money(t.heldMinor, t.currency)} + external ${money(t.externalMinor, t.currency)} + left the data ${money(t.leftDataMinor, t.currency)}` +
        (isPositiveMinor(t.exchangedOutMinor) ? ` + exchanged out ${money(t.exchangedOutMinor, t.currency)}` : ''),
    );
  for (const f of r.flags) lines.push(`warning: ${f.message}`);
  return lines.join('\n');
}

export function registerTraceCommands(program: Command, cli: () => CliContext): void {
  program
    .command('trace')
    .description('trace tainted funds through the case accounts by a court method')
    .requiredOption('--case <number>', 'case number')
    .option('--tainted <refs>', 'REF[,REF...]: bank references or ids of the tainted transactions (default: the case marks)')
    .option('--method <method>', TRACE_METHODS.join(' | '))
    .option('--compare', 'run every method on the same marks: per account and asset, the taint under each and the range')
    .option('--label <label>', 'offence or victim label for --tainted', 'tainted')
    .option('--until <date>', 'trace transactions up to this date only')
    .option('--save <name>', 'save the trace under this name (audited)')
    .option('--schedule <file>', 'write the tracing schedule to FILE (.pdf, .xlsx or .csv, by its extension)')
    .option('--paper <size>', 'paper for a PDF schedule: a4 | letter', 'a4')
    .action(async (o: TraceOptions) => {
      const c = cli();
      const found = await c.call('cases.getByNumber', { number: o.case });
      let marks: { transactionId: string; label: string }[] | undefined;
      if (o.tainted !== undefined) {
        const refs = o.tainted.split(',').map((s) => s.trim()).filter(Boolean);
        const resolved = await c.call('taint.resolve', { caseId: found.id, refs });
        marks = resolved.map((r) => ({ transactionId: r.transactionId, label: o.label }));
      }
      if (o.compare) {
        const r = await c.call('trace.compare', { caseId: found.id, marks, params: { until: o.until } });
        c.print(
          {
            methods: r.methods,
            same_day_unknown: r.sameDayUnknown,
            orderings: r.orderings,
            rows: r.rows.map((x) => ({
              kind: x.kind, name: x.name, id: x.id, currency: x.currency, external: x.external, tainted_minor: Object.fromEntries(r.methods.map((m, i) => [m, x.taintedMinor[i]])), min_minor: x.minMinor, max_minor: x.maxMinor,
              ...(x.bestMinor && x.worstMinor
                ? { best_ordering_minor: Object.fromEntries(r.methods.map((m, i) => [m, x.bestMinor![i]])), worst_ordering_minor: Object.fromEntries(r.methods.map((m, i) => [m, x.worstMinor![i]])) }
                : {}),
            })),
          },
          () => {
            const money = (n: string, cur: string) => formatMinor(n, cur).padStart(16);
            const lines = [`${'account / asset'.padEnd(36)}${r.methods.map((m) => m.padStart(16)).join('')}${'range'.padStart(16)}`];
            for (const x of r.rows)
              lines.push(`${(x.name + (x.external ? ' (external)' : '')).slice(0, 35).padEnd(36)}${x.taintedMinor.map((t) => money(t, x.currency)).join('')}${money((BigInt(x.maxMinor) - BigInt(x.minMinor)).toString(), x.currency)} ${x.currency}`);
            if (r.sameDayUnknown) {
              lines.push('', `Same-day order unknown: each method also traced with the ties ${r.orderings.slice(1).join(', ')}; best / worst ordering for the claimant:`);
              for (const x of r.rows)
                lines.push(`${x.name.slice(0, 35).padEnd(36)}${x.bestMinor!.map((b, i) => `${formatMinor(b, x.currency)} / ${formatMinor(x.worstMinor![i], x.currency)}`.padStart(24)).join('')} ${x.currency}`);
            }
            return lines.join('\n');
          },
        );
        return;
      }
      if (!o.method) throw new ProceedsError('Invalid', `give --method (${TRACE_METHODS.join(', ')}) or --compare`, [{ path: 'method', message: 'required' }]);
      const input = { caseId: found.id, method: o.method, marks, params: { until: o.until } };
      if (o.schedule !== undefined) {
        const format = path.extname(o.schedule).slice(1).toLowerCase();
        if (!['pdf', 'xlsx', 'csv'].includes(format)) throw new ProceedsError('Invalid', `--schedule ${o.schedule}: the file name must end in .pdf, .xlsx or .csv`, [{ path: 'schedule', message: 'unknown extension' }]);
        const r = await c.call('trace.schedule', { ...input, format, paper: o.paper, out: o.schedule });
        c.print(
          { schedule: r.path, format, accounts: r.accounts, rows: r.rows, sources: r.sources },
          () => `schedule written to ${r.path}: ${r.accounts} accounts, ${r.rows} rows, ${r.sources} sources`,
        );
        return;
      }
      const result = o.save
        ? (await c.call('trace.save', { ...input, name: o.save })).result
        : await c.call('trace.run', input);
      c.print(traceJson(result), () => traceText(result));
    });
}
