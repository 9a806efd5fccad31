import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { formatMinor } from '../../core/money.js';
import { agencyIdByCode, caseIdByNumber } from './assets.js';

const list = (v?: string) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
const collect = (v: string, prev: string[]) => [...prev, v];

/** `--rate EUR=1.08`: one unit of EUR is worth 1.08 of the --convert-to currency. */
function parseRates(pairs: string[]) {
  return pairs.map((p) => {
    const [from, rate] = p.split('=');
    if (!from || !rate) throw new Error(`--rate ${p}: write CURRENCY=RATE, e.g. --rate EUR=1.08`);
    return { from, rate };
  });
}

interface TotalsOptions {
  seizedBy?: string;
  participant?: string;
  case?: string;
  status?: string;
  type?: string;
  currency?: string;
  from?: string;
  to?: string;
  dateBasis: string;
  convertTo?: string;
  rate: string[];
}

export function registerTotalsCommand(program: Command, cli: () => CliContext): void {
  program
    .command('totals')
    .description('forfeiture totals per status and currency (minor units with --json), net proceeds, and the sharing per agency')
    .option('--seized-by <code>', 'assets this agency seized')
    .option('--participant <code>', 'assets of the cases this agency takes part in (whoever seized them)')
    .option('--case <number>', 'one case')
    .option('--status <list>', 'comma-separated statuses')
    .option('--type <list>', 'comma-separated asset types')
    .option('--currency <list>', 'comma-separated currencies')
    .option('--from <date>', 'period start, YYYY-MM-DD')
    .option('--to <date>', 'period end, YYYY-MM-DD (inclusive)')
    .option('--date-basis <basis>', 'seized | status: which date the period applies to', 'seized')
    .option('--convert-to <currency>', 'also total everything in this currency (needs --rate for each other currency)')
    .option('--rate <CUR=rate>', 'exchange rate into --convert-to, repeatable', collect, [])
    .action(async (o: TotalsOptions) => {
      const c = cli();
      const filters = {
        seizingAgencyId: o.seizedBy ? await agencyIdByCode(c, o.seizedBy) : undefined,
        participantAgencyId: o.participant ? await agencyIdByCode(c, o.participant) : undefined,
        caseId: o.case ? await caseIdByNumber(c, o.case) : undefined,
        statuses: list(o.status), types: list(o.type), currencies: list(o.currency),
        from: o.from, to: o.to, dateBasis: o.dateBasis,
      };
      const convert = o.convertTo ? { to: o.convertTo, rates: parseRates(o.rate) } : undefined;
      const totals = await c.call('dashboard.totals', { filters, convert });
      const sharing = await c.call('dashboard.sharing', { filters });
      c.print({ ...totals, sharing }, () => {
        const lines: string[] = [];
        for (const [cur, t] of Object.entries(totals.byCurrency)) {
          lines.push(`${cur}: ${t.count} assets, seized ${formatMinor(t.seizedMinor, cur)} (value as seized), net proceeds ${formatMinor(t.netProceedsMinor, cur)} (best value less costs and claims)`);
          for (const r of totals.rows.filter((x) => x.currency === cur))
            lines.push(`  ${r.status.padEnd(18)} ${String(r.count).padStart(7)}  seized ${formatMinor(r.seizedMinor, cur).padStart(18)}  net ${formatMinor(r.netMinor, cur).padStart(18)}`);
        }
        if (totals.conversion) lines.push(`in ${totals.conversion.to} at ${totals.conversion.rates.map((r) => `${r.from}=${r.rate}`).join(', ')}: net proceeds ${formatMinor(totals.conversion.totals.netProceedsMinor, totals.conversion.to)}`);
        lines.push(`sharing (${sharing.policyText}):`);
        // Recorded (decided) and projected (current policy, nothing decided) are printed apart, never as one figure.
        for (const s of sharing.byAgency)
          lines.push(`  ${s.code.padEnd(16)} recorded ${formatMinor(s.recordedMinor, s.currency).padStart(18)}  projected ${formatMinor(s.projectedMinor, s.currency).padStart(18)} ${s.currency}  (${s.recordedAssets} + ${s.projectedAssets} assets)`);
        if (sharing.skippedCount) lines.push(`  ${sharing.skippedCount} forfeited assets not shared: ${sharing.skipped[0].reason}`);
        return lines.length ? lines.join('\n') : 'no assets';
      });
    });
}
