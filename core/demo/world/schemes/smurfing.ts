import * as N from '../names.js';
import { TIMELINE } from '../timeline.js';
import { bankingMinute, cents, floorTo, type World } from '../world.js';

/** Cash deposits at or above this must be reported (a CTR): the smurfs stay under it. */
export const REPORTING_THRESHOLD = cents(10_000);

/**
 * Placement through the money-services business: the collection accounts "settle bill payments" to
 * it, its vault cash (mixed with the cash of its real check-cashing trade) is deposited in amounts
 * under the reporting threshold into a dozen mule accounts on the same day (fan-out), and the mules
 * wire it on to the consolidation account a few days later, less their cut (fan-in).
 */
export function smurfing(w: World): void {
  const { sim, acct } = w;
  const r = w.rng.fork('smurfing');
  let batch = r.int(4000, 6000);

  sim.daily((day) => {
    if (day.weekday !== 1) return;
    for (const from of [acct.collectionA, acct.collectionB])
      sim.at(day, 10 * 60, () => {
        const amount = floorTo(sim.balance(from) * 0.6, 100);
        if (amount > cents(1_000)) sim.pay({ from, to: acct.msbOps, amount, method: 'ach', memo: `Bill-payment settlement batch ${batch++}` });
      });
  });

  // The real trade: customers' checks cashed at the counter, deposited at the bank twice a week.
  sim.daily((day) => {
    if (day.weekday !== 2 && day.weekday !== 5) return;
    // One deposit per till; a bigger business (scale) has more tills.
    for (let till = 0; till < w.scale; till++) {
      const faceValue = Array.from({ length: r.poisson(18) }, () => cents(Math.round(r.logNormal(650, 0.6) * 100) / 100)).reduce((s, a) => s + a, 0);
      if (!faceValue) continue;
      sim.at(day, 18 * 60, () => {
        const paidOut = floorTo(sim.affordable(acct.msbCash, Math.round(faceValue * 0.98)), 100);
        if (paidOut <= 0) return;
        sim.pay({ from: acct.msbCash, amount: paidOut, method: 'cash', memo: 'Check cashing payouts, daily total', counterparty: 'Walk-in customers' });
        sim.pay({ to: acct.msbOps, amount: Math.round(paidOut / 0.98), method: 'check', memo: 'Deposit of cashed customer checks', counterparty: 'Walk-in customers' });
      });
    }
  });

  // Currency orders keep the vault stocked.
  sim.daily((day) => {
    if (day.weekday !== 1 && day.weekday !== 4) return;
    sim.at(day, 12 * 60, () => {
      const amount = floorTo(sim.balance(acct.msbOps) * 0.8, cents(1_000));
      if (amount > 0) sim.pay({ from: acct.msbOps, to: acct.msbCash, amount, method: 'cash', memo: 'Currency order, armoured delivery' });
    });
  });

  const first = sim.day(TIMELINE.firstSmurfRun).index;
  sim.daily((day) => {
    if (day.index < first || (day.index - first) % TIMELINE.smurfEveryDays !== 0) return;
    sim.at(day, 9 * 60 + 30, () => {
      const budget = sim.balance(acct.msbCash) * 0.8;
      const perMule = budget / w.mules.length;
      for (const mule of r.shuffle(w.mules)) {
        const amount = cents(Math.round(Math.min(r.int(9_400, 9_950), Math.max(4_000, (perMule / 100) * r.between(0.85, 1.1))) / 10) * 10);
        if (amount >= REPORTING_THRESHOLD) throw new Error('demo: a structured deposit must stay under the threshold');
        if (sim.balance(acct.msbCash) < amount) break;
        sim.pay({ from: acct.msbCash, to: mule, amount, method: 'cash', memo: `Cash deposit, branch ${String(r.int(1, 60)).padStart(3, '0')}` });
        const forward = floorTo(amount * r.between(0.94, 0.97), 100);
        // Only the cut is the mule's to spend; the rest is owed onward.
        sim.reserve(mule, forward);
        sim.at(sim.businessDaysAfter(day, r.int(1, 4)), bankingMinute(r), () => {
          sim.release(mule, forward);
          sim.pay({ from: mule, to: acct.consolidation, amount: forward, method: r.chance(0.6) ? 'wire' : 'ach', memo: r.pick(['Invoice payment', 'Consulting fee', 'Loan repayment']) });
        });
      }
    });
  });

  // The mules spend their cut; the organiser's courier collects cash from the vault.
  sim.daily((day) => {
    for (const mule of w.mules) {
      if (!r.chance(0.02)) continue;
      const wanted = cents(r.int(60, 600));
      sim.at(day, r.int(10 * 60, 21 * 60), () => {
        const amount = sim.affordable(mule, wanted);
        if (amount > 0) sim.pay({ from: mule, amount, method: 'card', memo: 'Card purchase', counterparty: r.pick(N.MERCHANTS) });
      });
    }
    if (day.business && day.dom >= 20 && day.dom <= 26 && day.weekday === 3)
      sim.at(day, 19 * 60, () => {
        const amount = floorTo(sim.affordable(acct.msbCash, cents(r.int(8, 15) * 1_000)), cents(100));
        if (amount > 0) sim.pay({ from: acct.msbCash, to: acct.cashSafe, amount, method: 'cash', memo: 'Cash pickup (courier)' });
      });
  });
}
