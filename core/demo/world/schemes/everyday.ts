import * as N from '../names.js';
import { TIMELINE } from '../timeline.js';
import type { AccountRow } from '../types.js';
import { bankingMinute, cents, floorTo, isPayDay, type World } from '../world.js';

/**
 * Clean money: salaries, rent, groceries and bills of the family, and the real trade of the car
 * dealer, the law firm and the accountant. It is what makes the accounts commingled, so FIFO,
 * LIBR and pro-rata tracing give different answers.
 */
export function everyday(w: World): void {
  const { sim, acct } = w;
  const r = w.rng.fork('everyday');
  const firstPayday = sim.day('2023-01-06').index;
  const lastRent = sim.day(TIMELINE.lastRent).index;

  openingBalances(w);

  const spend = (from: AccountRow, wanted: number, counterparty: string, memo: string, method: 'card' | 'ach' = 'card') => {
    const amount = sim.affordable(from, wanted);
    if (amount > 0) sim.pay({ from, amount, method, memo, counterparty });
  };

  sim.daily((day) => {
    // Biweekly Friday payrolls, a week apart for the two spouses.
    const week = Math.floor((day.index - firstPayday) / 7);
    if (day.weekday === 5 && day.index >= firstPayday) {
      const [to, from, base, memo] = week % 2 === 0
        ? [acct.bossChecking, acct.bossEmployer, 2_846.17, 'PAYROLL BAYSIDE FREIGHT LOG']
        : [acct.spouseChecking, acct.spouseEmployer, 2_130.44, 'PAYROLL CORAL GABLES DENTAL'];
      const amount = cents(base) + r.int(-1_500, 6_000);
      sim.at(day, 6 * 60, () => sim.pay({ from, to, amount, method: 'ach', memo }));
    }
    if (isPayDay(day, 1) && day.index <= lastRent)
      sim.at(day, 7 * 60, () => {
        // When his account runs short, the spouse pays the rest of the rent from hers.
        const rent = cents(3_850);
        const his = sim.affordable(acct.bossChecking, rent);
        if (his > 0) sim.pay({ from: acct.bossChecking, to: acct.landlord, amount: his, method: 'ach', memo: 'Rent, unit 1704' });
        const hers = sim.affordable(acct.spouseChecking, rent - his);
        if (hers > 0) sim.pay({ from: acct.spouseChecking, to: acct.landlord, amount: hers, method: 'ach', memo: 'Rent, unit 1704 (balance)' });
      });
    if (isPayDay(day, 12)) {
      sim.at(day, 8 * 60, () => spend(acct.bossChecking, cents(r.int(140, 320)) + r.int(0, 99), 'Coastal Power & Light', 'Electric bill', 'ach'));
      sim.at(day, 8 * 60, () => spend(acct.bossChecking, cents(r.int(60, 110)) + r.int(0, 99), 'Bayview Water & Sewer', 'Water bill', 'ach'));
      sim.at(day, 8 * 60, () => spend(acct.bossChecking, cents(89.99), 'Atlantic Broadband', 'Internet', 'ach'));
    }
    if (isPayDay(day, 5) && ![6, 7].includes(new Date(day.ms).getUTCMonth()))
      sim.at(day, 8 * 60, () => spend(acct.spouseChecking, cents(2_850), 'Gables Preparatory Academy', 'Tuition', 'ach'));
    if (isPayDay(day, 10)) sim.at(day, 8 * 60, () => spend(acct.spouseChecking, cents(1_089.42), 'Porsche Financial Services', 'Lease payment, Macan', 'ach'));
    if (r.chance(0.06)) sim.at(day, r.int(11 * 60, 20 * 60), () => spend(acct.spouseChecking, cents(r.int(300, 2_000)), r.pick(N.LUXURY_MERCHANTS), 'Card purchase'));
    if (isPayDay(day, 20)) {
      sim.at(day, 9 * 60, () => {
        const amount = floorTo(sim.affordable(acct.spouseChecking, cents(600)), 100);
        if (amount > 0) sim.pay({ from: acct.spouseChecking, to: acct.bossSavings, amount, method: 'internal', memo: 'Transfer to savings' });
      });
      sim.at(day, 9 * 60, () => {
        const amount = floorTo(sim.affordable(acct.bossChecking, cents(r.int(10, 40) * 100), cents(6_000)), 100);
        if (amount > 0) sim.pay({ from: acct.bossChecking, to: acct.bossSavings, amount, method: 'internal', memo: 'Transfer to savings' });
      });
    }
    for (const [who, grocery, misc] of [[acct.bossChecking, 0.2, 0.2], [acct.spouseChecking, 0.2, 0.15]] as const) {
      if (r.chance(grocery)) sim.at(day, r.int(9 * 60, 20 * 60), () => spend(who, cents(r.int(60, 320)) + r.int(0, 99), r.pick(N.GROCERS), 'Groceries'));
      if (r.chance(misc)) sim.at(day, r.int(7 * 60, 22 * 60), () => spend(who, Math.max(500, Math.round(r.logNormal(38, 0.8) * 100)), r.pick(N.MERCHANTS), 'Card purchase'));
    }
  });

  businesses(w);
}

/**
 * The statements obtained start in January 2023, with money already in the accounts that were
 * open before the scheme: entered as "balance brought forward", so a trace treats it as clean.
 */
function openingBalances(w: World): void {
  const { sim, acct } = w;
  const r = w.rng.fork('opening');
  const opening: [AccountRow, number][] = [
    [acct.bossChecking, r.int(9_000, 16_000)], [acct.bossSavings, r.int(15_000, 25_000)], [acct.spouseChecking, r.int(1_500, 4_000)],
    [acct.cpa, r.int(3_000, 8_000)], [acct.iolta, r.int(120_000, 260_000)], [acct.lawOps, r.int(20_000, 45_000)],
    [acct.dealerOps, r.int(40_000, 90_000)], [acct.msbOps, r.int(30_000, 60_000)], [acct.msbCash, r.int(25_000, 45_000)],
  ];
  sim.at(0, 0, () => {
    for (const [to, dollars] of opening)
      sim.pay({ to, amount: to.kind === 'cash' ? cents(dollars) : cents(dollars) + r.int(0, 99), method: 'other', memo: 'Balance brought forward (opening balance of the first statement)', counterparty: 'Opening balance', reference: 'OPENING-BALANCE' });
  });
}

/** The car dealer, the law firm and the accountant have customers and clients who are not in the case. */
function businesses(w: World): void {
  const { sim, acct } = w;
  const r = w.rng.fork('businesses');
  let matter = r.int(300, 600);

  sim.daily((day) => {
    if (!day.business) return;
    for (let i = r.poisson(0.35 * w.scale); i > 0; i--)
      sim.at(day, bankingMinute(r), () =>
        sim.pay({ to: acct.dealerOps, amount: cents(r.int(18, 65) * 1_000 + r.int(0, 999)), method: r.pick(['wire', 'ach', 'check'] as const), memo: `Vehicle sale, stock ${r.pick(['A', 'B', 'C'])}-${r.digits(5)}`, counterparty: 'Retail customer' }),
      );
    if (day.weekday === 5)
      sim.at(day, 16 * 60, () => {
        const amount = floorTo(sim.balance(acct.dealerOps) * 0.8, 100);
        if (amount > 0) sim.pay({ from: acct.dealerOps, amount, method: 'ach', memo: 'Floor plan payoff', counterparty: 'Southland Auto Finance' });
      });

    for (let i = r.poisson(0.25 * w.scale); i > 0; i--)
      sim.at(day, bankingMinute(r), () =>
        sim.pay({ to: acct.iolta, amount: cents(r.int(3, 90) * 1_000), method: r.pick(['wire', 'check'] as const), memo: `Client deposit, matter 23-${matter++}`, counterparty: 'Client of the firm' }),
      );
    for (let i = r.poisson(0.25 * w.scale); i > 0; i--)
      sim.at(day, bankingMinute(r), () => {
        // Other clients' money only: the house purchase money is held for the closing.
        const free = sim.affordable(acct.iolta, Infinity);
        const amount = floorTo(Math.min(free * 0.6, cents(r.int(5, 120) * 1_000)), 100);
        if (amount > 0) sim.pay({ from: acct.iolta, amount, method: 'wire', memo: `Disbursement, matter 23-${r.int(300, matter)}`, counterparty: 'Client of the firm' });
      });
    if (isPayDay(day, 28))
      sim.at(day, 15 * 60, () => {
        const fees = floorTo(sim.affordable(acct.iolta, Infinity) * 0.08, 100);
        if (fees > 0) sim.pay({ from: acct.iolta, to: acct.lawOps, amount: fees, method: 'internal', memo: 'Earned fees transfer' });
        const payroll = floorTo(sim.balance(acct.lawOps) * 0.7, 100);
        if (payroll > 0) sim.pay({ from: acct.lawOps, amount: payroll, method: 'ach', memo: 'Payroll and rent', counterparty: 'Firm expenses' });
      });

    for (let i = r.poisson(0.25 * w.scale); i > 0; i--)
      sim.at(day, bankingMinute(r), () => sim.pay({ to: acct.cpa, amount: cents(r.int(300, 2_500)), method: r.pick(['ach', 'check'] as const), memo: 'Tax preparation fee', counterparty: 'Client of the practice' }));
    if (isPayDay(day, 2))
      sim.at(day, 9 * 60, () => {
        const amount = sim.affordable(acct.cpa, cents(1_800));
        if (amount > 0) sim.pay({ from: acct.cpa, amount, method: 'ach', memo: 'Office rent', counterparty: 'Ponce Professional Center' });
        const draw = floorTo(sim.balance(acct.cpa) * 0.7, cents(100));
        if (draw > 0) sim.pay({ from: acct.cpa, amount: draw, method: 'ach', memo: "Owner's draw", counterparty: `${w.subjects.people.cpa.name} (personal account, not subpoenaed)` });
      });
  });
}
