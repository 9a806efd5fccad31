import type { Day } from '../calendar.js';
import { TIMELINE } from '../timeline.js';
import { bankingMinute, cents, floorTo, isPayDay, type World } from '../world.js';

/** Approximate BTC/USD at the start of each month from January 2023 to July 2024. */
const BTC_USD_MONTHLY = [
  16_600, 23_100, 23_150, 28_500, 29_300, 27_200, 30_500, 29_200, 26_000, 27_000, 34_500, 37_700, 42_300,
  42_600, 61_200, 71_300, 60_600, 67_500, 62_700,
];

/** BTC price on a day, interpolated between month starts: good enough for amounts that look right. */
export function btcPrice(day: Day): number {
  const d = new Date(day.ms);
  const month = (d.getUTCFullYear() - 2023) * 12 + d.getUTCMonth();
  const i = Math.max(0, Math.min(BTC_USD_MONTHLY.length - 2, month));
  const t = (d.getUTCDate() - 1) / 31;
  return BTC_USD_MONTHLY[i] * (1 - t) + BTC_USD_MONTHLY[i + 1] * t;
}

const SATS = 100_000_000;

/**
 * Bitcoin: the organiser moves money to an exchange every month and withdraws the coins to his
 * mobile wallet, then sweeps them to a hardware wallet; in February 2024 the consolidation account
 * sends a large "treasury" transfer the same way.
 */
export function crypto(w: World): void {
  const { sim, acct } = w;
  const r = w.rng.fork('crypto');

  /** The exchange spends the dollars on the order book and withdraws the coins, less its fee. */
  const buyAndWithdraw = (day: Day) =>
    sim.at(sim.businessDaysAfter(day, 1), bankingMinute(r), (d) => {
      const usd = sim.balance(acct.exchangeUsd);
      if (usd <= 0) return;
      sim.pay({ from: acct.exchangeUsd, amount: usd, method: 'other', memo: 'BTC market buy', counterparty: 'Harborline Digital Exchange (order book)' });
      const price = btcPrice(d) * r.between(0.98, 1.02);
      const sats = Math.floor((usd / 100 / price) * SATS * 0.996);
      sim.pay({ from: acct.exchangeHot, to: acct.btcHot, amount: sats, method: 'crypto', memo: 'Exchange withdrawal' });
    });

  sim.daily((day) => {
    if (!isPayDay(day, 15)) return;
    sim.at(day, 13 * 60, () => {
      const amount = floorTo(sim.affordable(acct.bossChecking, Math.min(sim.balance(acct.bossChecking) * 0.4, cents(r.int(5, 12) * 1_000)), cents(6_000)), 100_00);
      if (amount <= 0) return;
      sim.pay({ from: acct.bossChecking, to: acct.exchangeUsd, amount, method: 'ach', memo: 'Transfer to Harborline Digital' });
      buyAndWithdraw(day);
    });
  });

  sim.at(sim.day(TIMELINE.cryptoTreasury), 11 * 60, (day) => {
    const amount = floorTo(sim.affordable(acct.consolidation, cents(200_000)), cents(1_000));
    if (amount <= 0) return;
    sim.pay({ from: acct.consolidation, to: acct.exchangeUsd, amount, method: 'wire', memo: 'Treasury diversification' });
    buyAndWithdraw(day);
  });

  // Sunday evenings: anything above a quarter of a coin goes to the hardware wallet.
  sim.daily((day) => {
    if (day.weekday !== 0) return;
    sim.at(day, 21 * 60, () => {
      const held = sim.balance(acct.btcHot);
      if (held < SATS / 4) return;
      const fee = r.int(3_000, 12_000);
      const amount = Math.floor(held * 0.9) - fee;
      const tx = sim.pay({ from: acct.btcHot, to: acct.btcCold, amount, method: 'crypto', memo: 'To hardware wallet' });
      w.purchases.coldTransfers.push(tx);
      // The miner's fee is paid by the same on-chain transaction, hence the same txid.
      sim.pay({ from: acct.btcHot, amount: fee, method: 'crypto', memo: 'Network fee', counterparty: 'Bitcoin network fee', reference: tx.reference });
    });
  });
}
