import type { Day } from '../calendar.js';
import { TIMELINE } from '../timeline.js';
import type { AccountRow } from '../types.js';
import { bankingMinute, cents, floorTo, isPayDay, type World } from '../world.js';

/**
 * Layering: twice a week the collection accounts sweep into a chain of shell companies
 * (Delaware -> Wyoming -> Panama -> consolidation), each hop a day or three later and a wire fee
 * lighter; every quarter a round trip dressed up as a share subscription and a loan; and monthly
 * "invoice" payments from a Lithuanian trading partner into the Panamanian company's euro account.
 */
export function layering(w: World): void {
  const { sim, acct } = w;
  const r = w.rng.fork('layering');
  let invoice = r.int(1000, 1400);
  let chains = 0;

  /** Forwards `amount` from `from` to `to` after a short delay, paying the wire fee out of it. */
  const hop = (day: Day, from: AccountRow, to: AccountRow, amount: number, memo: string, international: boolean, then?: (d: Day, sent: number) => void) => {
    sim.at(sim.businessDaysAfter(day, r.int(1, 3)), bankingMinute(r), (d) => {
      // Domestic wires between business accounts are billed monthly; international ones carry their fee.
      const fee = international ? cents(r.int(45, 65)) : 0;
      const sent = amount - fee;
      sim.pay({ from, to, amount: sent, method: 'wire', memo });
      if (fee) sim.pay({ from, amount: fee, method: 'other', memo: 'Outgoing international wire fee', counterparty: from.institution });
      then?.(d, sent);
    });
  };

  const chain = (day: Day, from: AccountRow, share: number) => {
    const amount = floorTo(sim.balance(from) * share, 100_00);
    if (amount < cents(5_000)) return;
    const end = chains++ % 5 === 4 ? acct.realty : acct.consolidation;
    sim.pay({ from, to: acct.shell1, amount, method: 'wire', memo: `Consulting services, invoice CMH-${invoice++}` });
    hop(day, acct.shell1, acct.shell2, amount, 'Intercompany transfer', false, (d2, s2) =>
      hop(d2, acct.shell2, acct.shell3Usd, s2, 'Payment under services agreement 2022/07', true, (d3, s3) =>
        hop(d3, acct.shell3Usd, end, s3, 'Return on investment: distribution', true),
      ),
    );
  };

  sim.daily((day) => {
    if (day.weekday !== 2 && day.weekday !== 5) return;
    // A bigger ring (scale) sweeps in several wires, each starting its own chain.
    for (const from of [acct.collectionA, acct.collectionB])
      for (let i = 0; i < w.scale; i++) sim.at(day, 16 * 60 + r.int(0, 40), (d) => chain(d, from, r.between(0.5, 0.6) / (w.scale - i)));
  });

  // Round trips: money leaves the consolidation account and comes back as a "loan".
  for (const iso of TIMELINE.loops) {
    sim.at(sim.day(iso), 10 * 60, (day) => {
      const amount = floorTo(Math.min(sim.balance(acct.consolidation) * 0.3, cents(250_000)), cents(1_000));
      if (amount < cents(20_000)) return;
      sim.pay({ from: acct.consolidation, to: acct.shell3Usd, amount, method: 'wire', memo: 'Subscription for preferred shares, series A' });
      hop(day, acct.shell3Usd, acct.shell1, amount, 'Intercompany loan under facility agreement ALT-CMH/2023', true, (d2, s2) =>
        hop(d2, acct.shell1, acct.consolidation, s2, 'Loan disbursement, facility CMH-2023-04', false),
      );
    });
  }

  // Mirror trades: a European partner pays the Panamanian company's "invoices" in euros.
  sim.daily((day) => {
    if (day.index < sim.day('2023-02-01').index || !isPayDay(day, 10)) return;
    const amount = cents(r.int(25, 60) * 1_000 + r.pick([0, 250, 500, 750]));
    sim.at(day, bankingMinute(r), () =>
      sim.pay({ from: acct.tradePartner, to: acct.shell3Eur, amount, method: 'sepa', memo: `Invoice ALT-EU-${invoice++} settlement` }),
    );
  });
}
