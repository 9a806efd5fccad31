import type { Day } from '../calendar.js';
import * as N from '../names.js';
import { TIMELINE } from '../timeline.js';
import type { AccountRow, TransactionRow } from '../types.js';
import { bankingMinute, cents, floorTo, isPayDay, type World } from '../world.js';

/**
 * Integration: the consolidation account pays the organiser, his spouse and his accountant every
 * month (mixing with their salaries), and the proceeds buy a Porsche, a pickup paid in structured
 * cash, a house through the law firm's trust account, a watch and a necklace in euros, and a laptop.
 */
export function spending(w: World): void {
  const { sim, acct, purchases } = w;
  const r = w.rng.fork('spending');
  const on = (iso: string, minute: number, run: (day: Day) => void) => sim.at(sim.day(iso), minute, run);
  // The family keeps a cushion for rent and bills in the checking account.
  const cushion = (from: AccountRow) => (from === acct.bossChecking ? cents(6_000) : 0);
  const payUpTo = (from: AccountRow, wanted: number, step: number, p: Omit<Parameters<typeof sim.pay>[0], 'from' | 'amount'>, keep = cushion(from)) => {
    const amount = floorTo(sim.affordable(from, wanted, keep), step);
    return amount > 0 ? sim.pay({ from, amount, ...p }) : undefined;
  };

  const monthly: [dom: number, to: AccountRow, min: number, max: number, memo: string, method: 'wire' | 'ach'][] = [
    [3, acct.bossChecking, 12_000, 22_000, 'Management fee', 'wire'],
    [3, acct.spouseChecking, 4_000, 6_000, 'Consulting fee', 'ach'],
    [5, acct.cpa, 3_500, 3_500, 'Bookkeeping retainer', 'ach'],
  ];
  sim.daily((day) => {
    for (const [dom, to, min, max, memo, method] of monthly) {
      if (!isPayDay(day, dom)) continue;
      const wanted = cents(r.int(min / 100, max / 100) * 100);
      sim.at(day, bankingMinute(r), () => payUpTo(acct.consolidation, wanted, 100, { to, method, memo }));
    }
    if (isPayDay(day, 6)) {
      sim.at(day, bankingMinute(r), () => payUpTo(acct.shell3Eur, cents(1_500), 100, { method: 'sepa', memo: 'Director services fee', counterparty: w.subjects.people.nominee.name }));
      sim.at(day, bankingMinute(r), () => payUpTo(acct.shell3Eur, cents(r.int(2_000, 4_000)), 100, { method: 'sepa', memo: 'Corporate services', counterparty: 'Istmo Corporate Services Inc.' }));
    }
    // Teller withdrawals just under the reporting threshold, and cash and luxury spending.
    if (isPayDay(day, 8) || isPayDay(day, 22))
      sim.at(day, bankingMinute(r), () => payUpTo(acct.bossChecking, cents(r.int(40, 95) * 100), cents(100), { to: acct.cashSafe, method: 'cash', memo: 'Counter withdrawal' }));
    if (day.weekday === 6)
      sim.at(day, 15 * 60, () => payUpTo(acct.cashSafe, Math.min(cents(r.int(200, 2_000)), sim.balance(acct.cashSafe) * 0.2), cents(10), { method: 'cash', memo: 'Cash purchase', counterparty: r.pick([...N.LUXURY_MERCHANTS, ...N.MERCHANTS]) }));
    if (r.chance(0.12))
      sim.at(day, r.int(12 * 60, 22 * 60), () => payUpTo(acct.bossChecking, cents(r.int(800, 5_000)), 1, { method: 'card', memo: 'Card purchase', counterparty: r.pick(N.LUXURY_MERCHANTS) }));
  });

  on(TIMELINE.porsche, 10 * 60, (day) => {
    const price = cents(r.int(88, 96) * 1_000 + r.pick([480, 750, 995]));
    const drawn = floorTo(sim.affordable(acct.consolidation, price + cents(8_000)), cents(1_000));
    if (drawn < price) return;
    sim.pay({ from: acct.consolidation, to: acct.bossChecking, amount: drawn, method: 'wire', memo: 'Member distribution' });
    sim.reserve(acct.bossChecking, price);
    sim.at(sim.businessDaysAfter(day, 2), 11 * 60, () => {
      sim.release(acct.bossChecking, price);
      purchases.porsche = sim.pay({ from: acct.bossChecking, to: acct.dealerOps, amount: price, method: 'wire', memo: `2023 Porsche Cayenne Turbo GT, deal P-${r.digits(5)}` });
    });
  });

  on(TIMELINE.truckCash, 12 * 60, (day) => {
    const stock = `F-${r.digits(5)}`;
    for (let i = 0; i < 7; i++)
      sim.at(sim.businessDaysAfter(day, i), 12 * 60 + r.int(0, 180), () => {
        const tx = payUpTo(acct.cashSafe, cents(r.int(90, 98) * 100), cents(100), { to: acct.dealerOps, method: 'cash', memo: `Cash payment, stock ${stock}, receipt ${r.digits(6)}` });
        if (tx) purchases.truck.push(tx);
      });
  });

  // The house: escrow deposits into the law firm's trust account, then the closing wire to the title company.
  const escrowMemo = 'Escrow deposit for the purchase of the Old Cutler Rd property';
  // The firm's trust accounting keeps the purchase money apart from other clients' money until the closing.
  const reserve = (tx: TransactionRow | undefined) => {
    if (!tx) return;
    sim.reserve(acct.iolta, tx.amountMinor);
    purchases.propertyFunding.push(tx);
  };
  on(TIMELINE.realtyCapital, 10 * 60, () => payUpTo(acct.consolidation, cents(120_000), cents(1_000), { to: acct.realty, method: 'wire', memo: 'Capital contribution' }));
  for (const iso of TIMELINE.propertyTranches)
    on(iso, 10 * 60, () => reserve(payUpTo(acct.consolidation, Math.min(cents(210_000), sim.balance(acct.consolidation) * 0.35), cents(1_000), { to: acct.iolta, method: 'wire', memo: escrowMemo })));
  on(TIMELINE.realtyTranche, 10 * 60, () => reserve(payUpTo(acct.realty, Math.min(cents(140_000), sim.balance(acct.realty) * 0.9), cents(1_000), { to: acct.iolta, method: 'wire', memo: escrowMemo })));
  on(TIMELINE.propertyClosing, 11 * 60, () => {
    const legalFee = cents(7_500);
    const held = Math.min(sim.reservedIn(acct.iolta), sim.balance(acct.iolta));
    if (held <= legalFee) return;
    purchases.propertyClosing = sim.pay({ from: acct.iolta, to: acct.titleCo, amount: held - legalFee, method: 'wire', memo: `Closing funds, buyer ${w.subjects.companies.realty.name}` });
    sim.pay({ from: acct.iolta, to: acct.lawOps, amount: legalFee, method: 'internal', memo: 'Earned fee: real estate closing' });
    sim.release(acct.iolta, held);
  });
  sim.daily((day) => {
    if (day.index > sim.day(TIMELINE.propertyClosing).index && isPayDay(day, 1))
      sim.at(day, 9 * 60, () => payUpTo(acct.realty, cents(450), 1, { method: 'ach', memo: 'HOA dues', counterparty: "Journey's End Homeowners Association" }));
  });

  on(TIMELINE.rolex, 10 * 60, () => {
    purchases.rolex = payUpTo(acct.shell3Eur, cents(38_900), 1, { to: acct.jeweller, method: 'sepa', memo: 'Invoice 2023-1187: Rolex Cosmograph Daytona 126500LN' });
  });
  on(TIMELINE.necklace, 10 * 60, () => {
    purchases.necklace = payUpTo(acct.shell3Eur, cents(56_500), 1, { to: acct.jeweller, method: 'sepa', memo: 'Invoice 2024-0214: diamond rivière necklace, 18k white gold' });
  });
  on(TIMELINE.laptop, 15 * 60, () => {
    if (sim.balance(acct.bossChecking) >= cents(3_499))
      purchases.laptop = sim.pay({ from: acct.bossChecking, amount: cents(3_499), method: 'card', memo: 'MacBook Pro 16-inch', counterparty: 'Apple Store Aventura' });
  });
}
