import { child, childText, childrenNamed, type XmlNode } from './xml-records.js';

/** A person or entity a goAML report names, with the identifiers it gives. */
export interface GoamlSubject {
  kind: 'person' | 'organisation';
  name: string;
  identifiers: { type: string; value: string }[];
  country: string;
  bornOn?: string;
  /** Where in the report: "t_from_my_client/from_person", with its line. */
  role: string;
  line: number;
}

/** An account a goAML report names. */
export interface GoamlAccount {
  identifier: string;
  currency: string;
  institution: string;
  holderName: string;
  myClient: boolean;
  line: number;
}

/** One side of a bi-party transaction (t_from, t_from_my_client, t_to, t_to_my_client). */
export interface GoamlSide {
  element: string;
  myClient: boolean;
  account?: GoamlAccount;
  /** The person or entity of the side, or the account's holders. */
  subjects: GoamlSubject[];
  /** The party's name for the transaction's counterparty column. */
  name: string;
  foreign?: { currency: string; amount: string; line: number };
  line: number;
}

const PERSON_IDS = ['ssn', 'id_number', 'passport_number', 'tax_number', 'tax_reg_number'] as const;
const ENTITY_IDS = ['incorporation_number', 'tax_number', 'tax_reg_number'] as const;

/** goAML fills unknown values with "-" or "---": those are no value at all. */
const value = (s: string) => (/^[-\s]*$/.test(s) ? '' : s);

function person(n: XmlNode, role: string): GoamlSubject | undefined {
  const name = ['first_name', 'middle_name', 'last_name'].map((k) => value(childText(n, k))).filter(Boolean).join(' ');
  if (!name) return undefined;
  const identifiers = PERSON_IDS.map((k) => ({ type: `goAML ${k}`, value: value(childText(n, k)) })).filter((i) => i.value);
  for (const id of childrenNamed(child(n, 'identifications'), 'identification')) {
    const v = value(childText(id, 'number'));
    if (v) identifiers.push({ type: `goAML identification ${value(childText(id, 'type')) || '-'}`, value: v });
  }
  const born = value(childText(n, 'birthdate')).slice(0, 10);
  return {
    kind: 'person', name, identifiers, country: value(childText(n, 'nationality1')) || value(childText(n, 'residence')),
    ...(/^\d{4}-\d{2}-\d{2}$/.test(born) && born > '1900-01-01' ? { bornOn: born } : {}), role, line: n.line,
  };
}

function entity(n: XmlNode, role: string): GoamlSubject | undefined {
  const name = value(childText(n, 'name')) || value(childText(n, 'commercial_name'));
  if (!name) return undefined;
  const identifiers = ENTITY_IDS.map((k) => ({ type: `goAML ${k}`, value: value(childText(n, k)) })).filter((i) => i.value);
  return { kind: 'organisation', name, identifiers, country: value(childText(n, 'incorporation_country_code')), role, line: n.line };
}

/** The people and entities tied to an account or an entity (signatories, related persons, directors). */
function related(n: XmlNode, role: string): GoamlSubject[] {
  const out: GoamlSubject[] = [];
  for (const s of childrenNamed(n, 'signatory')) {
    const p = child(s, 't_person');
    const got = p && person(p, `${role}/signatory`);
    if (got) out.push(got);
  }
  for (const r of [...childrenNamed(child(n, 'related_persons'), 'account_related_person'), ...childrenNamed(child(n, 'related_persons'), 'entity_related_person')]) {
    const p = child(r, 't_person') ?? child(r, 'person');
    const got = p && person(p, `${role}/related_person`);
    if (got) out.push(got);
  }
  for (const d of childrenNamed(n, 'director_id')) {
    const got = person(d, `${role}/director`);
    if (got) out.push(got);
  }
  const holder = child(n, 't_entity');
  const e = holder && entity(holder, `${role}/t_entity`);
  if (e) out.push(e);
  return out;
}

function account(n: XmlNode, myClient: boolean, localCurrency: string): GoamlAccount | undefined {
  const identifier = value(childText(n, 'iban')) || value(childText(n, 'account'));
  if (!identifier) return undefined;
  return {
    identifier,
    currency: value(childText(n, 'currency_code')).toUpperCase() || localCurrency,
    institution: [value(childText(n, 'institution_name')), value(childText(n, 'swift')) || value(childText(n, 'institution_code'))].filter(Boolean).join(', '),
    holderName: value(childText(n, 'account_name')),
    myClient,
    line: n.line,
  };
}

/** Reads one side of a transaction: `dir` is "from" or "to". */
export function readSide(n: XmlNode, dir: 'from' | 'to', localCurrency: string): GoamlSide {
  const myClient = n.name.endsWith('_my_client');
  const side: GoamlSide = { element: n.name, myClient, subjects: [], name: '', line: n.line };
  const acc = child(n, `${dir}_account`);
  if (acc) {
    side.account = account(acc, myClient, localCurrency);
    side.subjects.push(...related(acc, `${n.name}/${dir}_account`));
  }
  const p = child(n, `${dir}_person`);
  const pp = p && person(p, `${n.name}/${dir}_person`);
  if (pp) side.subjects.push(pp);
  const e = child(n, `${dir}_entity`);
  if (e) {
    const ee = entity(e, `${n.name}/${dir}_entity`);
    if (ee) side.subjects.push(ee);
    side.subjects.push(...related(e, `${n.name}/${dir}_entity`));
  }
  const conductor = child(n, 't_conductor');
  const c = conductor && person(conductor, `${n.name}/t_conductor`);
  if (c) side.subjects.push(c);
  side.name = side.account?.holderName || pp?.name || (e && entity(e, '')?.name) || side.subjects[0]?.name || '';
  if (side.account && !side.account.holderName) side.account.holderName = side.name;
  const fx = child(n, `${dir}_foreign_currency`);
  if (fx) {
    const currency = value(childText(fx, 'foreign_currency_code')).toUpperCase();
    const amount = value(childText(fx, 'foreign_amount'));
    if (currency && amount && Number(amount) !== 0) side.foreign = { currency, amount, line: fx.line };
  }
  return side;
}
