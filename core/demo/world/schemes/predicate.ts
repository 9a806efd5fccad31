import * as N from '../names.js';
import { TIMELINE } from '../timeline.js';
import { bankingMinute, cents, floorTo, isPayDay, type World } from '../world.js';
import type { Method } from '../ledger.js';

/**
 * The predicate offence: elderly victims pay fake tech-support invoices into the front company's
 * collection accounts; a few payments are recalled by the victims' banks; the front company pays
 * its call centre out of the proceeds.
 */
export function predicateOffence(w: World): void {
  const { sim, acct } = w;
  const r = w.rng.fork('victims');
  const bOpens = sim.day(TIMELINE.collectionBOpened).index;
  const aCloses = sim.day(TIMELINE.collectionAClosed).index;

  const victimAmount = (): number => {
    const dollars = Math.min(48_000, Math.max(250, r.logNormal(5_000, 0.8)));
    const style = r.weighted([70, 20, 10]);
    if (style === 0) return cents(Math.round(dollars / 50) * 50);
    if (style === 1) return cents(Math.floor(dollars / 100) * 100 - 0.01 + 100);
    return cents(Math.round(dollars * 100) / 100);
  };

  sim.daily((day) => {
    if (!day.business) return;
    // The ring grows: more calls, more victims, as the months go by.
    const ramp = 0.7 + (0.6 * day.index) / sim.days.length;
    const count = r.poisson(2.1 * ramp * w.scale);
    for (let i = 0; i < count; i++) {
      const target = day.index >= aCloses ? acct.collectionB : day.index >= bOpens && r.chance(0.5) ? acct.collectionB : acct.collectionA;
      const method: Method = (['wire', 'ach', 'check'] as const)[r.weighted([55, 25, 20])];
      const victim = `${r.pick(N.VICTIM_FIRST)} ${r.pick(N.MIDDLE_INITIALS)} ${r.pick(N.VICTIM_LAST)}`;
      const memo = `${r.pick(N.VICTIM_MEMOS)} (${r.pick(N.VICTIM_STATES)})`;
      const amount = victimAmount();
      const recall = r.chance(0.03) ? r.int(2, 8) : 0;
      sim.at(day, r.int(8 * 60, 17 * 60), () => {
        const tx = sim.pay({ to: target, amount, method, memo, counterparty: victim });
        if (!recall) return;
        sim.at(sim.businessDaysAfter(day, recall), bankingMinute(r), () => {
          // The bank can only return what is still there.
          if (sim.balance(target) < tx.amountMinor) return;
          sim.pay({ from: target, amount: tx.amountMinor, method: 'wire', memo: `Recall of ${tx.reference}: fraud claim by the originator's bank`, counterparty: victim });
        });
      });
    }
  });

  // The bank closes the first collection account and remits what is left to the company.
  sim.at(aCloses, 15 * 60, () => {
    const left = sim.balance(acct.collectionA);
    if (left > 0) sim.pay({ from: acct.collectionA, to: acct.frontOps, amount: left, method: 'check', memo: "Account closed by the bank: balance remitted by cashier's check" });
  });

  // Twice a month the front company moves a tenth of the takings to its operating account and pays the call centre.
  sim.daily((day) => {
    if (!isPayDay(day, 1) && !isPayDay(day, 15)) return;
    for (const from of [acct.collectionA, acct.collectionB])
      sim.at(day, 8 * 60 + 30, () => {
        const amount = floorTo(sim.balance(from) * 0.1, 100_00);
        if (amount > 0) sim.pay({ from, to: acct.frontOps, amount, method: 'internal', memo: 'Operating transfer' });
      });
    sim.at(day, 11 * 60, () => {
      const amount = floorTo(sim.balance(acct.frontOps) * 0.6, 100);
      if (amount > 0) sim.pay({ from: acct.frontOps, amount, method: 'ach', memo: 'Payroll batch', counterparty: 'PayFlow Payroll Services' });
    });
  });

  const bills: [dom: number, counterparty: string, memo: string, min: number, max: number][] = [
    [1, 'Doral Commerce Park LLC', 'Office rent, suite 210', 6_500, 6_500],
    [5, 'CloudLine VoIP Inc.', 'Call-centre lines and numbers', 1_800, 3_200],
    [5, 'DataReach Leads LLC', 'Lead lists: seniors 65+', 4_000, 9_000],
  ];
  sim.daily((day) => {
    for (const [dom, counterparty, memo, min, max] of bills) {
      if (!isPayDay(day, dom)) continue;
      const wanted = cents(r.int(min, max));
      sim.at(day, 14 * 60, () => {
        const amount = sim.affordable(acct.frontOps, wanted);
        if (amount > 0) sim.pay({ from: acct.frontOps, amount, method: 'ach', memo, counterparty });
      });
    }
  });
}
