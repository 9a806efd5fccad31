import { formatMinor } from '../../money.js';
import { addDays } from './calendar.js';
import { folioNumber, vin } from './identifiers.js';
import * as N from './names.js';
import type { Rng } from './random.js';
import { AssetBook, denominations, type AssetSpec } from './seizures.js';
import { TIMELINE } from './timeline.js';
import { cents, type World } from './world.js';

/**
 * The dozen assets seized on the takedown day and what became of them since: values come from the
 * simulated balances at the takedown, prices from the transactions that paid for them.
 */
export function seizeAssets(w: World, book: AssetBook, r: Rng): void {
  const { sim, acct, purchases: p } = w;
  const { people, companies } = w.subjects;
  const T = TIMELINE.takedown;
  const d = (n: number) => addDays(T, n);
  const ts = (n: number, hhmm: string) => `${d(n)}T${hhmm}:00Z`;
  const home = `${r.int(9000, 12999)} Old Cutler Rd, Coral Gables, FL 33156`;
  const warrant = (n: string) => `Search and seizure warrant 24-mj-0${n} (S.D. Fla.)`;
  const fundsWarrant = (n: string) => `Seizure warrant for funds, 18 U.S.C. 981(b), 24-mj-0${n} (S.D. Fla.)`;
  const complaint = `Verified complaint for forfeiture in rem, 1:24-cv-2${r.digits(4)} (S.D. Fla.)`;
  const finalOrder = 'Final order of forfeiture, ' + complaint.split(', ')[1];
  const agent = () => r.pick(N.SPECIAL_AGENTS);
  const clerk = () => r.pick(N.EVIDENCE_CUSTODIANS);
  const vault = 'HSI Miami evidence vault, 11226 NW 20th St';
  const add = (spec: AssetSpec) => book.add(spec);

  const safe = sim.balance(acct.cashSafe);
  if (safe > 0)
    add({
      type: 'cash', description: 'US currency found in the home safe', details: { denominations: denominations(safe) },
      agency: 'lead', seizedOn: T, seizedPlace: home, legalAuthority: warrant(r.digits(4)), currency: 'USD', valueSeizedMinor: safe,
      lifecycle: [['pending_forfeiture', d(33), 'Notice of administrative forfeiture, CBP FP&F 2024-5201-' + r.digits(6), 'Notice published and sent to known claimants'],
        ['forfeited', d(140), 'Declaration of administrative forfeiture', 'No claim filed within the deadline']],
      custody: [['received', ts(0, '10:42'), agent(), agent(), home, '', 'Found in the safe, master bedroom closet'],
        ['stored', ts(0, '18:05'), '', clerk(), vault, 'V-12', 'Sealed bag 24-0117-C1, counted by two agents'],
        ['transferred', ts(5, '10:30'), clerk(), 'US Marshals Service, Seized Asset Deposit Fund', 'Bank of deposit', '', "Deposited; cashier's receipt in the file"]],
      links: [{ account: acct.cashSafe, note: 'Cash account reconstructed from withdrawals and pickups' }],
    });

  const msb = sim.balance(acct.msbCash);
  add({
    type: 'cash', description: `Vault cash of ${companies.msb.name}`, details: { denominations: denominations(msb) },
    agency: 'state', seizedOn: T, seizedPlace: '1187 W Flagler St, Miami, FL 33130', legalAuthority: `State seizure warrant 2024-SW-${r.digits(5)} (11th Judicial Circuit)`,
    currency: 'USD', valueSeizedMinor: msb,
    lifecycle: [['pending_forfeiture', d(9), `Complaint for forfeiture, Florida Contraband Forfeiture Act, case 2024-0${r.digits(5)}-CA-01`, 'Adversarial preliminary hearing held; probable cause found']],
    custody: [['received', ts(0, '09:20'), agent(), agent(), '1187 W Flagler St, Miami', '', 'Vault emptied in the presence of the manager'],
      ['stored', ts(0, '15:40'), '', 'FDLE Property Clerk', 'FDLE Miami Regional Operations Center', 'C-3', 'Sealed bag 24-0117-C2']],
    links: [{ account: acct.msbCash, note: 'Vault cash, mixed with the cash of the check-cashing trade' }],
  });

  const bank = (account: typeof acct.consolidation, description: string, agency: 'lead' | 'foreign', authority: string, lifecycle: AssetSpec['lifecycle'], returnedTo?: string) =>
    add({
      type: 'bank_funds', description, details: { institution: account.institution, accountNumber: account.identifier }, agency, seizedOn: T,
      seizedPlace: account.institution, legalAuthority: authority, currency: account.currency, valueSeizedMinor: sim.balance(account), lifecycle, returnedTo,
      custody: [['received', ts(1, '14:00'), account.institution, agency === 'foreign' ? 'FIU Latvia' : 'US Marshals Service', account.institution, '', agency === 'foreign' ? 'Account frozen; funds remain at the bank' : "Balance remitted by cashier's check"]],
      links: [{ account, note: 'Balance on the takedown day' }],
    });
  bank(acct.consolidation, `Balance of the consolidation account of ${companies.holding.name}`, 'lead', fundsWarrant(r.digits(4)),
    [['pending_forfeiture', d(20), complaint, 'Complaint filed'], ['forfeited', d(210), finalOrder, 'Default judgment against all potential claimants']]);
  bank(acct.realty, `Balance of the account of ${companies.realty.name}`, 'lead', fundsWarrant(r.digits(4)),
    [['pending_forfeiture', d(20), complaint, 'Complaint filed; the company has filed a claim']]);
  bank(acct.bossSavings, `Joint savings of ${people.boss.name} and ${people.spouse.name}`, 'lead', fundsWarrant(r.digits(4)),
    [['pending_forfeiture', d(20), complaint, 'Complaint filed'], ['returned', d(251), 'Stipulated settlement of the innocent-owner claim', `Returned in full to ${people.spouse.name}: savings traced mainly to her salary`]],
    'claimant');
  bank(acct.shell3Eur, `Euro account of ${companies.shell3.name} in Latvia`, 'foreign', `Freezing order of FIU Latvia no. 22/${r.digits(4)}, on the MLAT request of the task force`, []);

  const porscheVin = vin(r, 'WP1AF2AY', 'P', 'L');
  if (p.porsche)
    add({
      type: 'vehicle', description: '2023 Porsche Cayenne Turbo GT, Arctic Grey', details: { make: 'Porsche', model: 'Cayenne Turbo GT', year: 2023, vin: porscheVin, plate: `FL ${r.pick(['QDX', 'RTV', 'LMK'])}${r.digits(1)}${r.pick(['A', 'H', 'W'])}${r.digits(2)}`, colour: 'Arctic Grey' },
      agency: 'lead', seizedOn: T, seizedPlace: home, legalAuthority: warrant(r.digits(4)), currency: 'USD', valueSeizedMinor: cents(Math.round(p.porsche.amountMinor / 100 * 0.86 / 100) * 100),
      appraised: { minor: cents(Math.round(p.porsche.amountMinor / 100 * 0.84 / 100) * 100), on: d(22), by: 'USMS contract appraiser (Copart Valuation)' },
      realised: { minor: cents(Math.round(p.porsche.amountMinor / 100 * 0.81 / 100) * 100), costs: cents(3_240), disposition: 'sold' },
      lifecycle: [['pending_forfeiture', d(20), complaint, 'Complaint filed'], ['forfeited', d(210), finalOrder, 'Default judgment'], ['disposed', d(302), `USMS online auction, lot 25-${r.digits(4)}`, 'Sold; proceeds to the Assets Forfeiture Fund less towing, storage and auction costs']],
      custody: [['received', ts(0, '11:15'), agent(), 'Towing contractor (Sunrise Towing)', home, '', 'Towed from the driveway'],
        ['stored', ts(0, '13:30'), 'Towing contractor (Sunrise Towing)', 'USMS vehicle storage contractor', 'Secured lot, Medley FL', 'Bay 41', 'Keys and fob in sealed envelope 24-0117-K1'],
        ['appraised', ts(22, '10:00'), '', '', 'Secured lot, Medley FL', 'Bay 41', 'Condition report and market valuation'],
        ['disposed', ts(302, '15:00'), 'USMS vehicle storage contractor', 'Auction buyer', 'Secured lot, Medley FL', '', 'Released to the buyer against the bill of sale']],
      links: [{ tx: p.porsche, note: 'Purchase wire to the dealer' }],
    });

  const truckPaid = p.truck.reduce((s, t) => s + t.amountMinor, 0);
  if (truckPaid > 0)
    add({
      type: 'vehicle', description: '2022 Ford F-150 Raptor, Oxford White', details: { make: 'Ford', model: 'F-150 Raptor', year: 2022, vin: vin(r, '1FTFW1RG', 'N', 'F'), plate: `FL ${r.pick(['NBW', 'PXT', 'JKD'])}${r.digits(1)}${r.pick(['C', 'R', 'Y'])}${r.digits(2)}`, colour: 'Oxford White' },
      agency: 'local', seizedOn: T, seizedPlace: home, legalAuthority: warrant(r.digits(4)), currency: 'USD', valueSeizedMinor: cents(Math.round(truckPaid / 100 * 0.9 / 100) * 100),
      lifecycle: [['pending_forfeiture', d(20), complaint, 'Complaint filed'], ['forfeited', d(210), finalOrder, 'Default judgment']],
      custody: [['received', ts(0, '11:30'), agent(), "MDSO impound (Sheriff's tow)", home, '', 'Driven to the impound lot by a deputy'],
        ['stored', ts(0, '12:45'), "MDSO impound (Sheriff's tow)", 'MDSO Property & Evidence', 'MDSO impound lot, Doral', 'Row F-17', '']],
      links: p.truck.map((tx) => ({ tx, note: 'Structured cash payment to the dealer' })),
    });

  const price = p.propertyClosing?.amountMinor;
  if (price && p.propertyClosing)
    add({
      type: 'real_property', description: `Single-family home, ${home}`, details: { address: home, parcel: `Folio ${folioNumber(r)}`, titleReference: `Deed to ${companies.realty.name}, Official Records Book 3${r.digits(4)}, Page ${r.int(100, 4000)}` },
      agency: 'lead', seizedOn: T, seizedPlace: 'Miami-Dade County Recorder', legalAuthority: `Lis pendens recorded with the complaint, ${complaint.split(', ')[1]}`, currency: 'USD', valueSeizedMinor: price,
      appraised: { minor: cents(Math.round(price / 100 * 1.07 / 1000) * 1000), on: d(75), by: 'Certified residential appraiser (USMS contract)' }, deductionsMinor: 0,
      lifecycle: [['pending_forfeiture', d(20), complaint, 'Lis pendens recorded; occupants may stay pending the outcome']],
      custody: [['received', ts(0, '16:00'), agent(), 'US Marshals Service (real property unit)', home, '', 'Pre-seizure planning: no physical seizure; lis pendens only'],
        ['appraised', ts(75, '10:00'), '', '', home, '', 'Interior and exterior appraisal']],
      links: [{ tx: p.propertyClosing, note: 'Closing funds from the law firm trust account to escrow' },
        ...p.propertyFunding.map((tx) => ({ tx, note: 'Escrow deposit into the trust account' }))],
    });

  const wallet = (account: typeof acct.btcCold, description: string, device: string, lifecycle: AssetSpec['lifecycle'], extra: AssetSpec['links']) => {
    const sats = sim.balance(account);
    if (sats > 0)
      add({
        type: 'crypto', description, details: { asset: 'BTC', amount: formatMinor(sats, 'BTC'), wallet: account.identifier, exchange: '' }, agency: 'lead', seizedOn: T, seizedPlace: home,
        legalAuthority: warrant(r.digits(4)), currency: 'BTC', valueSeizedMinor: sats, lifecycle,
        custody: [['received', ts(0, '12:10'), agent(), agent(), home, '', `${device} found; seed phrase card found in the safe`],
          ['transferred', ts(1, '09:30'), agent(), 'US Marshals Service custodial wallet', 'HSI Miami cyber lab', '', `Swept on-chain, txid ${r.hex(64)}`]],
        links: [{ account, note: 'Wallet balance on the takedown day' }, ...extra],
      });
  };
  wallet(acct.btcCold, 'Bitcoin on a hardware wallet', 'Trezor Model T', [['pending_forfeiture', d(20), complaint, 'Complaint filed'], ['forfeited', d(210), finalOrder, 'Default judgment']],
    p.coldTransfers.map((tx) => ({ tx, note: 'Transfer from the mobile wallet' })));
  wallet(acct.btcHot, 'Bitcoin on a mobile wallet', 'iPhone 15 Pro (mobile wallet app)', [], []);

  const jewel = (tx: typeof p.rolex, description: string, material: string, usdValue: number, lifecycle: AssetSpec['lifecycle'], locker: string, fix?: string) => {
    if (!tx) return;
    const custody: AssetSpec['custody'] = [['received', ts(0, '10:55'), agent(), agent(), home, '', 'Found in the safe'],
      ['stored', ts(0, '18:20'), '', clerk(), vault, locker, 'Sealed bag']];
    if (fix) custody.push(['correction', ts(3, '09:00'), '', '', vault, fix, `Locker was recorded as ${locker}; the item is in ${fix}`]);
    custody.push(['checked_out', ts(40, '09:15'), clerk(), 'GIA-certified appraiser', vault, '', 'Appraisal'], ['appraised', ts(40, '13:00'), '', '', 'Appraiser office, Seybold Building', '', 'Written appraisal'],
      ['checked_in', ts(40, '16:40'), 'GIA-certified appraiser', clerk(), vault, fix ?? locker, 'Seal checked intact']);
    add({
      type: 'jewellery', description, details: { itemCount: 1, material }, agency: 'lead', seizedOn: T, seizedPlace: home,
      legalAuthority: warrant(r.digits(4)), currency: 'USD', valueSeizedMinor: cents(usdValue), appraised: { minor: cents(Math.round(usdValue * 0.97 / 100) * 100), on: d(40), by: 'GIA-certified appraiser' },
      lifecycle, custody, links: [{ tx, note: 'Paid from the Latvian account of the Panamanian company (EUR)' }],
    });
  };
  jewel(p.rolex, 'Rolex Cosmograph Daytona 126500LN, with box and papers', 'Oystersteel, ceramic bezel', 44_500, [['pending_forfeiture', d(20), complaint, 'Complaint filed'], ['forfeited', d(210), finalOrder, 'Default judgment']], 'J-04', 'J-14');
  jewel(p.necklace, 'Diamond rivière necklace, 41 stones', '18k white gold, diamonds 12.3 ct total', 61_000, [['pending_forfeiture', d(20), complaint, 'Complaint filed']], 'J-05');

  if (p.laptop)
    add({
      type: 'electronics', description: 'MacBook Pro 16-inch (space black)', details: { make: 'Apple', model: 'MacBook Pro 16-inch (2023)', serialNumber: `C02${r.hex(7).toUpperCase()}` }, agency: 'lead',
      seizedOn: T, seizedPlace: home, legalAuthority: warrant(r.digits(4)), currency: 'USD', valueSeizedMinor: cents(2_400),
      lifecycle: [['released', d(77), 'Release authorised by the AUSA', 'Released to the owner after forensic imaging; the image is kept as evidence']],
      custody: [['received', ts(0, '12:30'), agent(), agent(), home, '', 'Home office desk'], ['stored', ts(0, '18:30'), '', clerk(), vault, 'E-22', ''],
        ['checked_out', ts(2, '09:00'), clerk(), 'HSI Miami computer forensics lab', vault, '', 'Forensic imaging'],
        ['checked_in', ts(9, '17:00'), 'HSI Miami computer forensics lab', clerk(), vault, 'E-22', 'Imaged; write-blocker log attached'],
        ['transferred', ts(77, '11:00'), clerk(), people.boss.name, vault, '', 'Released to the owner, receipt signed']],
      links: [{ tx: p.laptop, note: 'Card purchase' }],
    });
}
