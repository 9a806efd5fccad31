import fs from 'node:fs';
import { z } from 'zod';
import type { Ctx } from '../context.js';
import { invalid } from '../errors.js';
import { FileRef, resolveFile } from '../files.js';
import { getCase } from '../cases/methods.js';
import { uuid } from '../cases/schemas.js';
import { isKnownCurrency } from '../money.js';
import { insertAccount } from '../accounts/methods.js';
import { normaliseIdentifier } from '../accounts/schemas.js';
import { checkAccountIdentifier } from '../identifiers/index.js';
import { SubjectSink } from '../import/subject-sink.js';
import { entityProblems, ftmModel, type FtmEntity } from './ftm-model.js';

export const FtmImport = z.object({
  caseId: uuid,
  file: FileRef,
  /** Currency of accounts whose entity states none. */
  currency: z.string().trim().toUpperCase().length(3).optional(),
});

const ID_PROPS = ['idNumber', 'taxNumber', 'registrationNumber', 'innCode', 'vatCode', 'leiCode', 'passportNumber'] as const;

/** Reads a file line by line with a fixed buffer: an FtM export of millions of entities never sits in memory whole. */
function* lines(file: string): Generator<[number, string]> {
  const fd = fs.openSync(file, 'r');
  const buf = Buffer.alloc(1 << 20);
  let rest = '';
  let n = 0;
  try {
    for (let got = fs.readSync(fd, buf); got > 0; got = fs.readSync(fd, buf)) {
      const parts = (rest + buf.toString('utf8', 0, got)).split('\n');
      rest = parts.pop()!;
      for (const p of parts) yield [++n, p];
    }
    if (rest) yield [++n, rest];
  } finally {
    fs.closeSync(fd);
  }
}

/** Proceeds' own kinds come back from accountType (cash, other); anything else is a bank account. */
const accountKind = (t: string) => (t === 'cash' || t === 'other' ? t : 'bank');

const first = (e: FtmEntity, ...names: string[]) => names.map((k) => e.properties[k]?.[0]).find((v) => v?.trim())?.trim() ?? '';

/**
 * Imports FollowTheMoney JSON lines (an OpenAleph or OpenSanctions export, say) into a case:
 * persons and organisations as subjects, bank accounts and crypto wallets as accounts, holders from
 * Ownership (and CryptoWallet.holder); other schemata are counted and left out. Every line is
 * checked against the FtM model: one that does not fit is refused with its line and reason, and
 * the case is left as it was (the contract runs this in one transaction).
 */
export function importFtm(ctx: Ctx, input: z.output<typeof FtmImport>) {
  const kase = getCase(ctx, input.caseId);
  const file = resolveFile(ctx, input.file);
  const sink = new SubjectSink(ctx, kase.id);
  const subjectOf = new Map<string, string>();
  const accountOf = new Map<string, string>();
  const schemaOf = new Map<string, string>();
  const holds: { owner: string; asset: string }[] = [];
  const skipped: Record<string, number> = {};
  const flagged: string[] = [];
  let accountsCreated = 0;
  let entities = 0;
  const existing = new Map((ctx.sqlite.prepare('SELECT id, identifier_norm AS n FROM accounts WHERE case_id = ?').all(kase.id) as { id: string; n: string }[]).map((a) => [a.n, a.id]));
  for (const [line, text] of lines(file.path)) {
    if (!text.trim()) continue;
    let e: FtmEntity;
    try {
      e = JSON.parse(text) as FtmEntity;
    } catch (err) {
      throw invalid('file', `line ${line}: not JSON: ${(err as Error).message}`);
    }
    const problems = entityProblems(e, (id) => schemaOf.get(id));
    if (problems.length) throw invalid('file', `line ${line}: entity ${typeof e?.id === 'string' ? e.id : '?'}: ${problems.join('; ')}`);
    e.properties ??= {};
    entities++;
    schemaOf.set(e.id, e.schema);
    const schema = ftmModel.getSchema(e.schema);
    const provenance = `from FollowTheMoney entity ${e.id} (${e.schema}${e.datasets?.length ? `, dataset ${e.datasets.join(', ')}` : ''}) in ${file.name} line ${line}`;
    if (schema.isA('LegalEntity')) {
      const name = first(e, 'name', 'alias', 'previousName');
      if (!name) throw invalid('file', `line ${line}: entity ${e.id}: a ${e.schema} without a name cannot be a subject`);
      const person = schema.isA('Person');
      const identifiers = ID_PROPS.flatMap((p) => (e.properties[p] ?? []).map((value) => ({ type: `FtM ${p}`, value })));
      const born = first(e, person ? 'birthDate' : 'incorporationDate');
      subjectOf.set(e.id, sink.subject({
        kind: person ? 'person' : 'organisation', name, identifiers,
        country: first(e, 'nationality', 'country', 'jurisdiction', 'mainCountry').toUpperCase(),
        ...(/^\d{4}-\d{2}-\d{2}$/.test(born.slice(0, 10)) && born.length >= 10 ? { bornOn: born.slice(0, 10) } : {}),
      }, provenance));
    } else if (schema.isA('BankAccount') || schema.isA('CryptoWallet')) {
      const crypto = schema.isA('CryptoWallet');
      const identifier = crypto ? first(e, 'publicKey') : first(e, 'accountNumber', 'iban');
      if (!identifier) throw invalid('file', `line ${line}: entity ${e.id}: a ${e.schema} without ${crypto ? 'publicKey' : 'iban or accountNumber'} cannot be an account`);
      const stated = first(e, crypto ? 'currencySymbol' : 'currency', 'currency').toUpperCase();
      const currency = isKnownCurrency(stated) ? stated : input.currency;
      if (!currency) throw invalid('file', `line ${line}: entity ${e.id}: no known currency (${stated ? `"${stated}"` : 'none stated'}); give the accounts' currency (CLI --currency)`);
      const norm = normaliseIdentifier(identifier);
      let id = existing.get(norm);
      if (!id) {
        const check = checkAccountIdentifier(identifier, currency);
        if (check && !check.ok) flagged.push(check.message);
        id = insertAccount(ctx, {
          caseId: kase.id, kind: crypto ? 'crypto' : accountKind(first(e, 'accountType')), identifier: identifier.slice(0, 200), currency, holderName: '',
          institution: first(e, 'bankName', 'mangingExchange').slice(0, 300), external: false,
          notes: [provenance, ...(check && !check.ok ? [`FLAGGED: ${check.message}`] : [])].join('; ').slice(0, 5000),
        }).id;
        existing.set(norm, id);
        accountsCreated++;
      }
      accountOf.set(e.id, id);
      for (const h of e.properties.holder ?? []) holds.push({ owner: h, asset: e.id });
    } else if (schema.isA('Ownership')) {
      for (const owner of e.properties.owner ?? []) for (const asset of e.properties.asset ?? []) holds.push({ owner, asset });
    } else skipped[e.schema] = (skipped[e.schema] ?? 0) + 1;
  }
  const holders = new Map<string, string>();
  const norms = new Map((ctx.sqlite.prepare('SELECT id, identifier_norm AS n FROM accounts WHERE case_id = ?').all(kase.id) as { id: string; n: string }[]).map((a) => [a.id, a.n]));
  for (const h of holds) {
    const subject = subjectOf.get(h.owner);
    const account = accountOf.get(h.asset);
    if (subject && account) holders.set(norms.get(account)!, subject);
  }
  return {
    fileName: file.name, entities, subjectsCreated: sink.created, accountsCreated, holdersLinked: sink.linkHolders(holders),
    skipped, flaggedIdentifiers: [...flagged, ...sink.flagged],
  };
}
