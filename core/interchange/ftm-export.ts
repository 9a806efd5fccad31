import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { isValidIBAN } from 'ibantools';
import type { Ctx } from '../context.js';
import { ProceedsError } from '../errors.js';
import { newOutput } from '../files.js';
import { getCase } from '../cases/methods.js';
import { uuid } from '../cases/schemas.js';
import { minorDigits } from '../money.js';
import { entityProblems, type FtmEntity } from './ftm-model.js';
import { caseAccounts, selectedTransactions, type AccountRow } from './selection.js';

export const FtmExport = z.object({
  caseId: uuid,
  /** Payments too (one per transaction), or only the parties and their accounts. */
  payments: z.boolean().default(true),
  path: z.string().min(1).optional(),
});

/** Identifier types that are tax numbers in FtM's sense; the others are idNumber. */
const TAX_TYPES = new Set(['CPF', 'CNPJ', 'RFC', 'CUIT', 'CUIL', 'NIT', 'RUC', 'RUT', 'TIN', 'EIN', 'SSN']);

interface SubjectRow {
  id: string;
  kind: string;
  name: string;
  aliases: string;
  identifiers: string;
  bornOn: string | null;
  country: string;
  notes: string;
}

const props = (o: Record<string, (string | null | undefined)[]>): Record<string, string[]> =>
  Object.fromEntries(Object.entries(o).map(([k, v]): [string, string[]] => [k, [...new Set(v.filter((x): x is string => Boolean(x && x.trim())))]]).filter(([, v]) => v.length));

function decimal(minor: string, currency: string): string {
  const digits = minorDigits(currency) ?? 2;
  const abs = minor.replace(/^-/, '').padStart(digits + 1, '0');
  return `${minor.startsWith('-') ? '-' : ''}${digits ? `${abs.slice(0, -digits)}.${abs.slice(-digits)}` : abs}`;
}

/** A two-letter country the model knows, lower case as FtM writes it. */
const countryCode = (c: string) => (/^[A-Za-z]{2}$/.test(c.trim()) ? c.trim().toLowerCase() : undefined);

function subjectEntity(s: SubjectRow): FtmEntity {
  const ids = JSON.parse(s.identifiers) as { type: string; value: string }[];
  const tax = ids.filter((i) => TAX_TYPES.has(i.type.toUpperCase())).map((i) => i.value);
  const other = ids.filter((i) => !TAX_TYPES.has(i.type.toUpperCase())).map((i) => i.value);
  const person = s.kind === 'person';
  return {
    id: `proceeds-subject-${s.id}`,
    schema: person ? 'Person' : 'Company',
    properties: props({
      name: [s.name], alias: JSON.parse(s.aliases) as string[], notes: [s.notes], taxNumber: tax,
      [person ? 'idNumber' : 'registrationNumber']: other,
      [person ? 'birthDate' : 'incorporationDate']: [s.bornOn],
      [person ? 'nationality' : 'jurisdiction']: [countryCode(s.country)],
    }),
  };
}

/**
 * The case as FollowTheMoney entities, one JSON object a line: subjects as Person or Company,
 * accounts as BankAccount or CryptoWallet with their holders (Ownership; a holder known only by
 * name is a LegalEntity), transactions as Payment. Every entity is checked against the FtM model
 * before the file is written; a failure there is a bug, and nothing is written.
 */
export function exportFtm(ctx: Ctx, input: z.output<typeof FtmExport>) {
  const kase = getCase(ctx, input.caseId);
  const dataset = `proceeds-${kase.number}`;
  const entities: FtmEntity[] = [];
  const subjects = ctx.sqlite.prepare('SELECT id, kind, name, aliases, identifiers, born_on AS bornOn, country, notes FROM subjects WHERE case_id = ? ORDER BY name, id').all(kase.id) as SubjectRow[];
  for (const s of subjects) entities.push(subjectEntity(s));
  const accounts = caseAccounts(ctx, kase.id);
  const holderOf = new Map<string, string>();
  for (const a of [...accounts.values()].sort((x, y) => x.identifier.localeCompare(y.identifier))) {
    let holder: string | undefined = a.holderSubjectId ? `proceeds-subject-${a.holderSubjectId}` : undefined;
    if (!holder && a.holderName) {
      holder = `proceeds-holder-${a.id}`;
      entities.push({ id: holder, schema: 'LegalEntity', properties: props({ name: [a.holderName] }) });
    }
    if (holder) holderOf.set(a.id, holder);
    entities.push(accountEntity(a, holder));
    if (holder && a.kind !== 'crypto')
      entities.push({ id: `proceeds-ownership-${a.id}`, schema: 'Ownership', properties: props({ owner: [holder], asset: [`proceeds-account-${a.id}`], role: ['account holder'] }) });
  }
  if (input.payments) {
    const parties = new Map<string, FtmEntity>();
    const party = (a: AccountRow | null, counterparty: string): string => {
      if (a) {
        const known = holderOf.get(a.id);
        if (known) return known;
      }
      const name = a ? `holder of ${a.identifier}` : counterparty.trim() || 'unknown party';
      const id = `proceeds-party-${createHash('sha1').update(name.toLowerCase()).digest('hex').slice(0, 16)}`;
      if (!parties.has(id)) parties.set(id, { id, schema: 'LegalEntity', properties: props({ name: [name] }) });
      return id;
    };
    const payments: FtmEntity[] = [];
    for (const t of selectedTransactions(ctx, { caseId: kase.id, transactionIds: [], accountIds: [], subjectIds: [] })) {
      const bank = (a: AccountRow | null) => (a && a.kind !== 'crypto' ? `proceeds-account-${a.id}` : undefined);
      payments.push({
        id: `proceeds-payment-${t.id}`,
        schema: 'Payment',
        properties: props({
          payer: [party(t.from, t.counterpartyName)], beneficiary: [party(t.to, t.counterpartyName)],
          payerAccount: [bank(t.from)], beneficiaryAccount: [bank(t.to)],
          amount: [decimal(t.amountMinor, t.currency)], currency: [t.currency], date: [t.occurredAt],
          transactionNumber: [t.reference], purpose: [t.memo],
        }),
      });
    }
    entities.push(...parties.values(), ...payments);
  }
  const schemaById = new Map(entities.map((e) => [e.id, e.schema]));
  for (const e of entities) {
    e.datasets = [dataset];
    const problems = entityProblems(e, (id) => schemaById.get(id), true);
    if (problems.length) throw new ProceedsError('Internal', `FtM export: entity ${e.id} does not fit the model: ${problems.join('; ')}`);
  }
  const text = entities.map((e) => JSON.stringify(e)).join('\n') + '\n';
  const name = `${kase.number.replace(/[^\w.-]+/g, '_')}.ftm.json`;
  const counts = { entities: entities.length, bySchema: Object.fromEntries([...new Set(entities.map((e) => e.schema))].map((s) => [s, entities.filter((e) => e.schema === s).length])) };
  if (input.path) {
    fs.mkdirSync(path.dirname(input.path), { recursive: true });
    fs.writeFileSync(input.path, text);
    return { outputId: null, name, path: input.path, ...counts };
  }
  const out = newOutput(ctx, name);
  fs.writeFileSync(out.path, text);
  return { outputId: out.outputId, name: out.name, path: ctx.trusted ? out.path : undefined, ...counts };
}

function accountEntity(a: AccountRow, holder: string | undefined): FtmEntity {
  const id = `proceeds-account-${a.id}`;
  if (a.kind === 'crypto')
    return { id, schema: 'CryptoWallet', properties: props({ publicKey: [a.identifier], currencySymbol: [a.currency], holder: [holder], notes: [a.institution] }) };
  const iban = isValidIBAN(a.identifierNorm) ? a.identifierNorm : undefined;
  return { id, schema: 'BankAccount', properties: props({ accountNumber: [a.identifier], iban: [iban], bankName: [a.institution], currency: [a.currency], accountType: [a.kind === 'bank' ? undefined : a.kind] }) };
}
