import { normaliseIdentifier } from '../../accounts/schemas.js';
import { addDays } from './calendar.js';
import type { CastContext, Subjects } from './cast.js';
import { bitcoinAddress, ibanCheckDigits, routingNumber, usAccountNumber } from './identifiers.js';
import * as N from './names.js';
import { TIMELINE } from './timeline.js';
import type { AccountRow, SubjectRow } from './types.js';

/** ~40 accounts: the ring's bank accounts, wallets and cash, and the outside parties money went to. */

interface Spec {
  kind: AccountRow['kind'];
  holder?: SubjectRow;
  holderName?: string;
  institution: string;
  identifier: string;
  currency: string;
  external?: boolean;
  notes?: string;
}

const iban = (country: string, bban: string) => {
  const s = country + ibanCheckDigits(country, bban) + bban;
  return s.replace(/(.{4})/g, '$1 ').trim();
};

export function makeAccounts(c: CastContext, caseId: string, s: Subjects) {
  const r = c.rng;
  let n = 0;
  const make = (spec: Spec): AccountRow => {
    // Entered as the subpoena returns came in, a few a day after the case was opened.
    const createdAt = `${addDays(TIMELINE.caseOpened, 10 + Math.floor(n++ / 4))}T15:${String(n % 60).padStart(2, '0')}:00.000Z`;
    return {
      id: c.newId(createdAt),
      caseId,
      kind: spec.kind,
      holderSubjectId: spec.holder?.id ?? null,
      holderName: spec.holderName ?? spec.holder?.name ?? '',
      institution: spec.institution,
      identifier: spec.identifier,
      identifierNorm: normaliseIdentifier(spec.identifier),
      currency: spec.currency,
      external: spec.external ?? false,
      notes: spec.notes ?? '',
      createdAt,
    };
  };
  const usBank = (holder: SubjectRow, notes = '', bank = r.pick(N.US_BANKS)) =>
    make({ kind: 'bank', holder, institution: bank, identifier: usAccountNumber(r), currency: 'USD', notes: `ABA routing ${routingNumber(r)}. ${notes}`.trim() });
  const external = (kind: AccountRow['kind'], holderName: string, institution: string, identifier: string, currency: string, notes: string) =>
    make({ kind, holderName, institution, identifier, currency, external: true, notes });

  const { people: p, companies: co } = s;
  const mainBank = r.pick(N.US_BANKS);
  const acct = {
    collectionA: usBank(co.front, 'Collection account named on the fraudulent invoices. Closed by the bank in October 2023 after wire recalls.', mainBank),
    collectionB: usBank(co.front, 'Second collection account, opened when the first came under review.'),
    frontOps: usBank(co.front, 'Operating account: call-centre payroll, phone lines, lead lists.', mainBank),
    shell1: usBank(co.shell1, 'Sole signatory: the organiser.'),
    shell2: usBank(co.shell2),
    shell3Usd: make({ kind: 'bank', holder: co.shell3, institution: 'Banco Istmeño de Panamá, S.A.', identifier: `04-${r.digits(2)}-${r.digits(2)}-${r.digits(6)}-${r.digits(1)}`, currency: 'USD', notes: 'Panama. Records obtained through the MLAT request of March 2024.' }),
    shell3Eur: make({ kind: 'bank', holder: co.shell3, institution: 'AS Baltikums Kredītbanka, Riga', identifier: iban('LV', 'BLTK' + r.digits(13)), currency: 'EUR', notes: 'Latvia. Frozen by FIU Latvia on the task force\'s request.' }),
    realty: usBank(co.realty),
    consolidation: usBank(co.holding, 'Where the layering chains and the mules\' transfers end.'),
    msbOps: usBank(co.msb, 'Operating account: check deposits, settlements, currency orders.'),
    msbCash: make({ kind: 'cash', holder: co.msb, institution: 'Vault, 1187 W Flagler St', identifier: 'CASH-MSB-VAULT', currency: 'USD', notes: 'Cash vault as reconstructed from the daily cash logs.' }),
    bossChecking: usBank(p.boss, 'Salary, household spending and the "management fees" from the consolidation account.'),
    bossSavings: usBank(p.boss, 'Joint savings with the spouse.', mainBank),
    spouseChecking: usBank(p.spouse),
    cpa: usBank(p.cpa, 'Accounting practice account (sole proprietor).'),
    iolta: make({ kind: 'bank', holder: co.lawFirm, institution: r.pick(N.US_BANKS), identifier: usAccountNumber(r), currency: 'USD', notes: `ABA routing ${routingNumber(r)}. IOLTA trust account: money of many clients.` }),
    lawOps: usBank(co.lawFirm, 'Operating account of the firm.'),
    dealerOps: usBank(co.dealer, 'Operating account of the dealership.'),
    exchangeUsd: make({ kind: 'other', holder: p.boss, institution: 'Harborline Digital Exchange', identifier: `HDX-${r.digits(8)}`, currency: 'USD', notes: 'Exchange customer account (fiat side).' }),
    btcHot: make({ kind: 'crypto', holder: p.boss, institution: 'Self-custody (mobile wallet)', identifier: bitcoinAddress(r), currency: 'BTC', notes: 'Receives the exchange withdrawals.' }),
    btcCold: make({ kind: 'crypto', holder: p.boss, institution: 'Self-custody (hardware wallet)', identifier: bitcoinAddress(r), currency: 'BTC', notes: 'Hardware wallet found in the home safe.' }),
    cashSafe: make({ kind: 'cash', holder: p.boss, institution: 'Home safe', identifier: 'CASH-RESIDENCE-SAFE', currency: 'USD', notes: 'Cash kept at the residence; withdrawals and pickups in, cash spending out.' }),
    bossEmployer: external('bank', 'Bayside Freight Logistics Inc.', 'Gulfstream National Bank', usAccountNumber(r), 'USD', "Organiser's employer (payroll)."),
    spouseEmployer: external('bank', 'Coral Gables Dental Group PA', 'Sabal Palm Bank', usAccountNumber(r), 'USD', "Spouse's employer (payroll)."),
    landlord: external('bank', 'Brickell Key Property Management LLC', 'First Biscayne Bank', usAccountNumber(r), 'USD', 'Landlord of the family\'s rented home until November 2023.'),
    titleCo: external('bank', 'Atlantic Title & Escrow Services LLC', 'Seacoast Harbor Bank, N.A.', usAccountNumber(r), 'USD', 'Escrow agent of the house purchase.'),
    exchangeHot: external('crypto', 'Harborline Digital Exchange', 'Harborline Digital Exchange', bitcoinAddress(r), 'BTC', "Exchange's hot wallet: withdrawals to customers come from here."),
    jeweller: external('bank', 'Juwelier Adler & Söhne GmbH', 'Frankfurter Handelsbank AG', iban('DE', '50050201' + r.digits(10)), 'EUR', 'Jeweller in Frankfurt; sold a watch and a necklace paid from Latvia.'),
    tradePartner: external('bank', 'Meridian Trade Partners UAB', 'Vilniaus Prekybos Bankas', iban('LT', '70440' + r.digits(11)), 'EUR', 'Lithuanian trading company paying "invoices" of the Panamanian company (mirror trades).'),
  };
  const mules: AccountRow[] = [];
  for (const m of s.mules) for (let i = 0; i < 2; i++) mules.push(usBank(m, i ? 'Second mule account at another bank.' : 'Mule account.'));
  return { acct, mules, all: [...Object.values(acct), ...mules] };
}

export type Accounts = ReturnType<typeof makeAccounts>;
export type AccountKey = keyof Accounts['acct'];
