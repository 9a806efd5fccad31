import type { Rng } from './random.js';
import type { AgencyRow, CaseRow, ParticipantRow, SubjectRow } from './types.js';
import { addDays } from './calendar.js';
import { TIMELINE } from './timeline.js';
import * as N from './names.js';

/**
 * The task force and the people and companies of the demo case. Agencies are fixed (their codes are
 * unique in a database, and a second demo case reuses them); the ring's cast is drawn from the seed.
 */

export interface CastContext {
  rng: Rng;
  newId: (at: string) => string;
  scale: number;
}

const AGENCIES = [
  { key: 'lead', name: 'Homeland Security Investigations — Miami', code: 'FLHSI0300', jurisdiction: 'Federal — Southern District of Florida', country: 'US', role: 'lead', hours: [1800, 2600] },
  { key: 'state', name: 'Florida Department of Law Enforcement', code: 'FLFDLE000', jurisdiction: 'State of Florida', country: 'US', role: 'state', hours: [900, 1500] },
  { key: 'local', name: "Miami-Dade Sheriff's Office", code: 'FL0130000', jurisdiction: 'Miami-Dade County, Florida', country: 'US', role: 'local', hours: [400, 900] },
  { key: 'foreign', name: 'Finanšu izlūkošanas dienests (FIU Latvia)', code: 'LV-FID-01', jurisdiction: 'Republic of Latvia', country: 'LV', role: 'foreign', hours: [60, 200] },
] as const;

export type AgencyKey = (typeof AGENCIES)[number]['key'];

/** Case numbers differ by seed (and scale), so two demo cases can live in one database. */
export function demoCaseNumber(seed: number, scale: number): string {
  return `TF-2024-${String(110 + seed).padStart(4, '0')}${scale > 1 ? `-X${scale}` : ''}`;
}

const at = (iso: string, hhmm = '09:00') => `${iso}T${hhmm}:00.000Z`;

export function makeTaskForce(c: CastContext, seed: number) {
  const agencies = {} as Record<AgencyKey, AgencyRow>;
  for (const a of AGENCIES)
    agencies[a.key] = { id: c.newId(at('2024-01-08')), name: a.name, code: a.code, jurisdiction: a.jurisdiction, country: a.country, createdAt: at('2024-01-08') };
  const operation = `Operation ${c.rng.pick(N.OPERATION_NAMES)}`;
  const caseRow: CaseRow = {
    id: c.newId(at(TIMELINE.caseOpened, '14:05')),
    number: demoCaseNumber(seed, c.scale),
    title: operation,
    status: 'open',
    leadAgencyId: agencies.lead.id,
    openedOn: TIMELINE.caseOpened,
    closedOn: null,
    summary:
      'Joint task force investigation of a technology-support fraud ring targeting elderly victims nationwide. ' +
      'Victim payments were collected in front-company accounts, layered through Delaware, Wyoming and Panamanian ' +
      'shell companies, structured through a money-services business and mule accounts, and spent on vehicles, ' +
      'real property, jewellery and bitcoin.',
    createdAt: at(TIMELINE.caseOpened, '14:05'),
    updatedAt: null,
  };
  const participants: ParticipantRow[] = AGENCIES.map((a) => ({
    id: c.newId(at(TIMELINE.caseOpened, '14:06')),
    caseId: caseRow.id,
    agencyId: agencies[a.key].id,
    role: a.role,
    hours: c.rng.int(a.hours[0], a.hours[1]),
    createdAt: at(TIMELINE.caseOpened, '14:06'),
  }));
  return { agencies, caseRow, participants };
}

type IdPair = { type: string; value: string };

function subject(
  c: CastContext,
  caseId: string,
  entered: string,
  s: { kind: 'person' | 'organisation'; name: string; aliases?: string[]; identifiers: IdPair[]; bornOn: string; country: string; notes: string },
): SubjectRow {
  return {
    id: c.newId(entered),
    caseId,
    kind: s.kind,
    name: s.name,
    aliases: JSON.stringify(s.aliases ?? []),
    identifiers: JSON.stringify(s.identifiers),
    bornOn: s.bornOn,
    country: s.country,
    notes: s.notes,
    createdAt: entered,
  };
}

const ein = (r: Rng) => `${r.int(20, 88)}-${r.digits(7)}`;
const ssnLast4 = (r: Rng) => `XXX-XX-${r.digits(4)}`;
const flDl = (last: string, r: Rng) => `${last[0]}${r.digits(3)}-${r.digits(3)}-${r.digits(2)}-${r.digits(3)}-${r.digits(1)}`;
const birth = (r: Rng, from: number, to: number) => `${r.int(from, to)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;

function person(c: CastContext, caseId: string, entered: string, first: string, last: string, notes: string, born: [number, number], extra: IdPair[] = []) {
  const name = `${first} ${c.rng.pick(N.MIDDLE_INITIALS)} ${last}`;
  return subject(c, caseId, entered, {
    kind: 'person', name, bornOn: birth(c.rng, born[0], born[1]), country: 'US', notes,
    identifiers: [{ type: 'SSN (last 4)', value: ssnLast4(c.rng) }, { type: 'Florida DL', value: flDl(last, c.rng) }, ...extra],
  });
}

/** ~20 subjects: the organiser and his circle, the professionals who helped, the mules, the companies. */
export function makeSubjects(c: CastContext, caseId: string) {
  const r = c.rng;
  const day = (n: number, hhmm = '10:00') => at(addDays(TIMELINE.caseOpened, n), hhmm);
  const lasts = r.shuffle(N.LAST);
  // First names without repeats (until a scaled case runs out), so no two subjects read alike.
  const cycle = (names: readonly string[]) => {
    const order = r.shuffle(names);
    let i = 0;
    return () => order[i++ % order.length];
  };
  const male = cycle(N.MALE_FIRST);
  const female = cycle(N.FEMALE_FIRST);
  const bossLast = lasts[0];
  const boss = person(c, caseId, day(1), male(), bossLast, 'Organiser. Directs the call centres and the shell companies; signatory on most accounts.', [1974, 1986]);
  const spouse = person(c, caseId, day(1, '10:05'), female(), bossLast, "Organiser's spouse. Dental hygienist; joint holder of the savings account.", [1978, 1990]);
  const cpa = person(c, caseId, day(3), male(), lasts[1], 'Certified public accountant. Keeps the shell companies\' books; paid a monthly retainer from the consolidation account.', [1965, 1975], [{ type: 'Florida CPA licence', value: `AC${r.digits(7)}` }]);
  const lawyer = person(c, caseId, day(3, '11:00'), female(), lasts[2], 'Attorney. Her firm\'s trust (IOLTA) account received and paid out the house purchase money.', [1970, 1982], [{ type: 'Florida Bar no.', value: r.digits(7) }]);
  const dealerOwner = person(c, caseId, day(5), male(), lasts[3], 'Owner of the car dealership; accepted structured cash for a vehicle.', [1968, 1980]);
  const nominee = subject(c, caseId, day(6), {
    kind: 'person', name: `Ricardo ${r.pick(N.MIDDLE_INITIALS)} ${r.shuffle(N.PANAMA_SURNAMES).slice(0, 2).join(' ')}`, bornOn: birth(r, 1955, 1965), country: 'PA',
    identifiers: [{ type: 'Panama cédula', value: `8-${r.int(100, 999)}-${r.int(1000, 9999)}` }], notes: 'Nominee director of the Panamanian company; paid a monthly fee.',
  });
  const mules: ReturnType<typeof subject>[] = [];
  for (let i = 0; i < 6 * c.scale; i++) {
    const first = i % 2 ? female() : male();
    mules.push(person(c, caseId, day(20 + (i % 10)), first, lasts[5 + (i % 15)], 'Money mule: receives structured cash deposits under $10,000 and wires them on, keeping a cut.', [1988, 2003]));
  }
  const org = (name: string, entered: string, identifiers: IdPair[], bornOn: string, country: string, notes: string, aliases: string[] = []) =>
    subject(c, caseId, entered, { kind: 'organisation', name, identifiers, bornOn, country, notes, aliases });
  const front = org(r.pick(N.FRONT_COMPANIES), day(1, '11:00'), [{ type: 'EIN', value: ein(r) }, { type: 'Florida document no.', value: `L22${r.digits(9)}` }], '2022-09-14', 'US', 'Front company: the call centre. Victims are told to pay its "service" and "refund" invoices.');
  const shell1 = org(r.pick(N.DELAWARE_SHELLS), day(2), [{ type: 'EIN', value: ein(r) }, { type: 'Delaware file no.', value: r.digits(7) }], '2022-06-03', 'US', 'Delaware shell company; no employees, registered-agent address. First layering hop.');
  const shell2 = org(r.pick(N.WYOMING_SHELLS), day(2, '10:30'), [{ type: 'Wyoming filing ID', value: `2022-00${r.digits(7)}` }], '2022-06-21', 'US', 'Wyoming shell company; anonymous members. Second layering hop.');
  const shell3 = org(r.pick(N.PANAMA_SHELLS), day(8), [{ type: 'Panama Registro Público folio', value: `155${r.digits(6)}` }], '2022-07-11', 'PA', 'Panamanian company with a nominee director; USD account in Panama and EUR account in Latvia.', ['ALT Trading']);
  const realty = org(r.pick(N.REALTY_COMPANIES), day(9), [{ type: 'EIN', value: ein(r) }, { type: 'Florida document no.', value: `L23${r.digits(9)}` }], '2023-02-27', 'US', 'Holds title to the house bought in November 2023.');
  const holding = org(`${bossLast} Capital Partners LLC`, day(2, '11:00'), [{ type: 'EIN', value: ein(r) }], '2022-05-16', 'US', 'Consolidation company: the layering chains and the mules end here.');
  const msb = org(r.pick(N.MSB_NAMES), day(4), [{ type: 'FinCEN MSB registration', value: `31000${r.digits(9)}` }, { type: 'EIN', value: ein(r) }], '2016-04-02', 'US', 'Licensed check casher with real walk-in business; its vault cash funds the structured deposits.');
  const dealer = org(r.pick(N.DEALERS), day(5, '10:30'), [{ type: 'Florida dealer licence', value: `VI/${r.digits(7)}` }], '2011-10-19', 'US', 'Car dealership with ordinary sales; sold two vehicles to the organiser.');
  const lawFirm = org(`${lasts[2]} & ${r.pick(N.LAW_FIRM_PARTNERS)} PLLC`, day(3, '11:30'), [{ type: 'EIN', value: ein(r) }], '2009-03-30', 'US', 'Law firm; its trust account mixes other clients\' money with the house purchase money.');
  const people = { boss, spouse, cpa, lawyer, dealerOwner, nominee };
  const companies = { front, shell1, shell2, shell3, realty, holding, msb, dealer, lawFirm };
  return { people, companies, mules, all: [...Object.values(people), ...Object.values(companies), ...mules] };
}

export type Subjects = ReturnType<typeof makeSubjects>;
