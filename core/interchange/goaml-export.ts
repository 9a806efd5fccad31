import fs from 'node:fs';
import path from 'node:path';
import { XMLBuilder } from 'fast-xml-parser';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';
import { foreignLegs, type Legs } from './goaml-currency.js';
import { myClientAccountNode, myClientProblem } from './goaml-my-client.js';
import { newOutput } from '../files.js';
import { getCase } from '../cases/methods.js';
import { uuid } from '../cases/schemas.js';
import { minorDigits } from '../money.js';
import { selectedTransactions, type TxRow } from './selection.js';
import { GOAML_REPORT_CODES } from './goaml-codes.js';


export const GoamlExport = z.object({
  caseId: uuid,
  /** What to report: these transactions, those of these accounts, those of the accounts these subjects hold (together); none: the whole case. */
  transactionIds: z.array(uuid).max(100_000).default([]),
  accountIds: z.array(uuid).max(10_000).default([]),
  subjectIds: z.array(uuid).max(10_000).default([]),
  reportCode: z.enum(GOAML_REPORT_CODES).default('STR'),
  /** The reporting entity's number at the FIU (goAML rentity_id). */
  rentityId: z.number().int().min(1).max(2_147_483_647),
  rentityBranch: z.string().trim().min(1).max(255).default('-'),
  entityReference: z.string().trim().max(255).default(''),
  /** The report's local currency (amount_local). Default: the transactions' one currency. */
  currency: z.string().trim().toUpperCase().length(3).optional(),
  /**
   * Units of the local currency for one unit of another: a transaction in that currency is reported with
   * amount_local converted at this rate and its own amount as the foreign-currency leg. An exchange the case
   * records (ledger to_amount/to_currency) needs no rate: its two amounts give it.
   */
  rates: z.record(z.string().trim().toUpperCase().length(3), z.string().trim().regex(/^\d{1,12}(\.\d{1,10})?$/, 'a rate like 17.05')).default({}),
  /**
   * The reporting institution as the accounts name it (its name or BIC): its accounts are its own clients,
   * written as t_from_my_client / t_to_my_client with the holder as signatory.
   */
  myClientInstitution: z.string().trim().min(1).max(255).optional(),
  reason: z.string().trim().max(4000).default(''),
  location: z.object({ address: z.string().trim().min(1).max(100), city: z.string().trim().min(1).max(255), country: z.string().trim().toUpperCase().length(2) }).optional(),
  /** Trusted callers (CLI, desktop) may name the file; others get an outbox output. */
  path: z.string().min(1).optional(),
});
export type GoamlExportInput = z.input<typeof GoamlExport>;

/** A minor-unit amount as goAML's sql_decimal: "1234.50". */
function decimal(minor: string, currency: string): string {
  const digits = minorDigits(currency) ?? 2;
  const neg = minor.startsWith('-');
  const abs = (neg ? minor.slice(1) : minor).padStart(digits + 1, '0');
  const text = digits ? `${abs.slice(0, -digits)}.${abs.slice(-digits)}` : abs;
  return neg ? `-${text}` : text;
}

/** goAML's sql_date is an xs:dateTime: a booking date alone is midnight of that day. */
const dateTime = (booked: string) => (booked.length === 10 ? `${booked}T00:00:00` : booked);

const text = (s: string | null | undefined, max: number, fallback = '-') => (s?.trim() ? s.trim().slice(0, max) : fallback);

/** A person's name split as goAML wants it: the last word is the last name. */
function personName(name: string) {
  const parts = name.trim().split(/\s+/);
  const last = parts.length > 1 ? parts.pop()! : '-';
  return { first_name: text(parts.join(' '), 100), last_name: text(last, 100) };
}

const BIC = /\b([A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?)\b/;

function accountNode(a: NonNullable<TxRow['from']>) {
  const bic = BIC.exec(a.institution)?.[1];
  const iban = /^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(a.identifierNorm) ? a.identifierNorm : undefined;
  const holder = a.holderKind === 'organisation' ? { t_entity: { name: text(a.holderName, 255) } }
    : a.holderName ? { signatory: { t_person: { ...personName(a.holderName), ...(a.holderBornOn ? { birthdate: `${a.holderBornOn}T00:00:00` } : {}) } } } : {};
  return {
    institution_name: text(a.institution.replace(BIC, '').replace(/[,\s]+$/, ''), 255),
    ...(bic ? { swift: bic } : { institution_code: '-' }),
    account: a.identifier.slice(0, 50),
    currency_code: a.currency,
    ...(a.holderName ? { account_name: a.holderName.slice(0, 255) } : {}),
    ...(iban ? { iban } : {}),
    ...holder,
  };
}

/** A side with no account in the case (cash, an unknown payee): the counterparty's name as an entity. */
const partyNode = (dir: 'from' | 'to', name: string) => ({ [`${dir}_entity`]: { name: text(name, 255, 'not known') } });

/** How one side is written: as the reporting institution's client (with the date its account is first seen), or not. */
type SideKind = { myClient: false } | { myClient: true; opened: string };

function side(dir: 'from' | 'to', a: TxRow['from'], counterparty: string, kind: SideKind, foreign?: Legs['from']) {
  const account = a && kind.myClient ? myClientAccountNode(a, accountNode(a), kind.opened) : a ? accountNode(a) : undefined;
  return {
    [`${dir}_funds_code`]: '-',
    ...(foreign ? { [`${dir}_foreign_currency`]: foreign } : {}),
    ...(account ? { [`${dir}_account`]: account } : partyNode(dir, counterparty)),
    [`${dir}_country`]: '-',
  };
}

function transactionNode(t: TxRow, local: string, rates: Record<string, string>, kindOf: (a: TxRow['from']) => SideKind) {
  const legs = foreignLegs(t, local, rates);
  const [from, to] = [kindOf(t.from), kindOf(t.to)];
  return {
    transactionnumber: text(t.reference, 100, t.id),
    internal_ref_number: t.id,
    transaction_location: '',
    transaction_description: t.memo.slice(0, 8000),
    date_transaction: dateTime(t.occurredAt),
    ...(t.valueDate ? { value_date: dateTime(t.valueDate) } : {}),
    transmode_code: t.method === 'cash' ? 'A' : t.method === 'check' ? 'C' : t.method === 'card' ? 'D' : '-',
    amount_local: decimal(legs.localMinor, local),
    [from.myClient ? 't_from_my_client' : 't_from']: side('from', t.from, t.counterpartyName, from, legs.from),
    [to.myClient ? 't_to_my_client' : 't_to']: side('to', t.to, t.counterpartyName, to, legs.to),
  };
}

const BIC_OF = (s: string) => BIC.exec(s.toUpperCase())?.[1];

/**
 * Which sides are the reporting institution's clients: accounts at `institution` (same BIC, or the same
 * name) whose holder goAML can describe (a person with a birth date). An account there that goAML cannot
 * describe as a client is written as an ordinary party and listed, with why, in `notMyClient`.
 */
function myClientSides(rows: TxRow[], institution: string | undefined) {
  const notMyClient: { account: string; reason: string }[] = [];
  if (!institution) return { kindOf: (): SideKind => ({ myClient: false }), notMyClient };
  const bic = BIC_OF(institution);
  const at = (a: NonNullable<TxRow['from']>) => (bic ? BIC_OF(a.institution) === bic : a.institution.trim().toLowerCase() === institution.trim().toLowerCase());
  const firstSeen = new Map<string, string>();
  for (const t of rows) for (const a of [t.from, t.to]) if (a && at(a) && !firstSeen.has(a.id)) firstSeen.set(a.id, t.occurredAt);
  const kinds = new Map<string, SideKind>();
  for (const t of rows)
    for (const a of [t.from, t.to]) {
      if (!a || kinds.has(a.id)) continue;
      const problem = at(a) ? myClientProblem(a) : 'elsewhere';
      if (problem && problem !== 'elsewhere') notMyClient.push({ account: a.identifier, reason: problem });
      kinds.set(a.id, problem ? { myClient: false } : { myClient: true, opened: dateTime(firstSeen.get(a.id)!) });
    }
  return { kindOf: (a: TxRow['from']): SideKind => (a && kinds.get(a.id)) || { myClient: false }, notMyClient };
}

/**
 * Writes the selected transactions of a case, with their accounts and the accounts' holders, as a
 * goAML report (schema 5.0.1 element order; parties as t_from/t_to, since the task force is not the
 * bank whose clients they are). It validates against the published XSD (docs/goaml.md).
 */
export function exportGoaml(ctx: Ctx, input: z.output<typeof GoamlExport>) {
  const kase = getCase(ctx, input.caseId);
  const rows = selectedTransactions(ctx, input);
  if (!rows.length) throw invalid('transactionIds', 'the selection holds no transactions: nothing to report');
  const currencies = [...new Set(rows.map((r) => r.currency))];
  const local = input.currency ?? (currencies.length === 1 ? currencies[0] : undefined);
  if (!local) throw invalid('currency', `the selected transactions are in ${currencies.join(', ')}: a goAML report states every amount in one local currency; choose it, or select one currency's transactions`);
  const foreign = rows.filter((r) => r.currency !== local && !(r.toCurrency === local && r.toAmountMinor) && !input.rates[r.currency]);
  if (foreign.length)
    throw invalid('currency', `${foreign.length} selected transaction(s) are not in ${local} (first: ${foreign[0].reference || foreign[0].id}, ${foreign[0].currency}): amount_local must be in the report's currency; give the rate of ${[...new Set(foreign.map((f) => f.currency))].join(', ')} (CLI: --rate ${foreign[0].currency}=...)`);
  const { kindOf, notMyClient } = myClientSides(rows, input.myClientInstitution);
  const report = {
    report: {
      schema_version: '5.0.1',
      rentity_id: input.rentityId,
      rentity_branch: input.rentityBranch,
      submission_code: 'E',
      report_code: input.reportCode,
      entity_reference: text(input.entityReference, 255, kase.number),
      submission_date: ctx.now().slice(0, 19),
      currency_code_local: local,
      reporting_user_code: text(ctx.actor.user, 100),
      location: { address_type: '-', address: text(input.location?.address, 100), city: text(input.location?.city, 255), country_code: input.location?.country ?? '-' },
      ...(input.reason ? { reason: input.reason } : {}),
      transaction: rows.map((t) => transactionNode(t, local, input.rates, kindOf)),
      report_indicators: { indicator: '-' },
    },
  };
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLBuilder({ format: true, indentBy: '  ', suppressEmptyNode: false }).build(report)}`;
  const name = `${kase.number.replace(/[^\w.-]+/g, '_')}-goaml-${input.reportCode}.xml`;
  if (input.path) {
    fs.mkdirSync(path.dirname(input.path), { recursive: true });
    fs.writeFileSync(input.path, xml);
    return { outputId: null, name, path: input.path, transactions: rows.length, notMyClient };
  }
  const out = newOutput(ctx, name);
  fs.writeFileSync(out.path, xml);
  return { outputId: out.outputId, name: out.name, path: ctx.trusted ? out.path : undefined, transactions: rows.length, notMyClient };
}
