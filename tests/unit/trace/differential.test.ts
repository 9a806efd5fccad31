import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TRACE_METHODS } from '../../../core/trace/engine.js';
import { formatMinor } from '../../../core/money.js';
import { rng } from '../../../bench/random.js';
import { tempCore } from '../../helpers/core.js';
import { referenceTrace, type Method, type RefAccount, type RefTx } from './reference.js';

/**
 * The five methods through the real contract (a real SQLite file, amounts as text, booked times
 * with offsets) against the plain reference in reference.ts, on random ledgers that mix offsets,
 * date-only rows, equal instants written differently, exchanges between USD, BTC and ETH, and
 * amounts up to 10^24 minor units. Every account's tainted money per label, every balance and
 * every transaction's tainted part must agree to the unit.
 */

type Cur = 'USD' | 'BTC' | 'ETH';
const ACCOUNTS: { name: string; currency: Cur; external: boolean }[] = [
  { name: 'U1', currency: 'USD', external: false },
  { name: 'U2', currency: 'USD', external: false },
  { name: 'U3', currency: 'USD', external: false },
  { name: 'B1', currency: 'BTC', external: false },
  { name: 'B2', currency: 'BTC', external: false },
  { name: 'E1', currency: 'ETH', external: false },
  { name: 'UX', currency: 'USD', external: true },
  { name: 'BX', currency: 'BTC', external: true },
];
// BTC sums cross 2^53 inside one account, so amounts move between the number and BigInt forms.
const SCALE: Record<Cur, bigint> = { USD: 10n ** 9n, BTC: 4n * 10n ** 15n, ETH: 10n ** 24n };
const LABELS = ['fraud', 'theft'];

/** A booking time, written one of several equivalent ways; and the instant the reference orders it by. */
function booking(r: () => number): { text: string; order: number } {
  const day = 1 + Math.floor(r() * 4);
  const date = `2024-03-0${day}`;
  const dayStart = Date.UTC(2024, 2, day);
  if (r() < 0.25) return { text: date, order: dayStart + 86_400_000 - 0.5 };
  const minutes = Math.floor(r() * 24 * 60);
  const utc = dayStart + minutes * 60_000;
  const form = Math.floor(r() * 4);
  const local = (offsetMin: number) => {
    const d = new Date(utc + offsetMin * 60_000);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}T${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
  };
  if (form === 0) return { text: `${local(0)}:00Z`, order: utc };
  if (form === 1) return { text: local(0), order: utc }; // no offset: taken as UTC
  const offset = form === 2 ? 120 : -300;
  const sign = offset < 0 ? '-' : '+';
  const hh = String(Math.abs(offset) / 60).padStart(2, '0');
  return { text: `${local(offset)}:00.000${sign}${hh}:00`, order: utc };
}

function amountIn(r: () => number, cur: Cur): bigint {
  const scale = SCALE[cur];
  const digits = BigInt(Math.floor(r() * 1e9));
  return 1n + (digits * scale) / 1_000_000_000n + BigInt(Math.floor(r() * 1000));
}

let env: ReturnType<typeof tempCore>;
beforeAll(() => (env = tempCore('differential')));
afterAll(() => env.cleanup());

async function runLedger(seed: number) {
  const { core } = env;
  const r = rng(seed);
  const c = await core.call('cases.create', { number: `TF-DIFF-${seed}`, title: 'Differential', status: 'open' });
  const ids = new Map<string, string>();
  for (const a of ACCOUNTS)
    ids.set(a.name, (await core.call('accounts.create', { caseId: c.id, kind: a.currency === 'USD' ? 'bank' : 'crypto', identifier: `${a.name}-${seed}`, currency: a.currency, external: a.external })).id);
  const cur = new Map(ACCOUNTS.map((a) => [a.name, a.currency]));
  const pick = <T>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const txs: RefTx[] = [];
  const marks: { transactionId: string; label: string }[] = [];
  const names = ACCOUNTS.map((a) => a.name);
  for (let i = 0; i < 36; i++) {
    const kind = r();
    let from: string | null = kind < 0.3 ? null : pick(names);
    let to: string | null = kind > 0.9 ? null : pick(names);
    if (from === to) to = null;
    if (!from && !to) from = 'U1';
    const currency = cur.get((from ?? to)!)!;
    const toCurrency = from && to ? cur.get(to)! : currency;
    const amount = amountIn(r, currency);
    const toAmount = toCurrency !== currency ? amountIn(r, toCurrency) : undefined;
    const when = booking(r);
    const marked = r() < 0.15 ? (r() < 0.3 ? [...LABELS] : [pick(LABELS)]) : [];
    const t = await core.call('transactions.create', {
      caseId: c.id, fromAccountId: from ? ids.get(from) : undefined, toAccountId: to ? ids.get(to) : undefined,
      amount: formatMinor(amount, currency), currency, occurredAt: when.text, reference: `R${i}`,
      ...(toAmount !== undefined ? { toAmount: formatMinor(toAmount, toCurrency), toCurrency } : {}),
    });
    txs.push({ id: t.id, order: when.order, seq: i, from: from && ids.get(from)!, to: to && ids.get(to)!, amount, toAmount, marked });
    for (const label of marked) marks.push({ transactionId: t.id, label });
  }
  if (marks.length === 0) {
    marks.push({ transactionId: txs[0].id, label: 'fraud' });
    txs[0].marked = ['fraud'];
  }
  const accounts: RefAccount[] = ACCOUNTS.map((a) => ({ id: ids.get(a.name)!, external: a.external }));
  return { caseId: c.id, txs, marks, accounts };
}

describe('differential: the five methods against an independent reference', () => {
  it('agree to the unit on random ledgers with offsets, date-only rows, exchanges and amounts to 10^24', async () => {
    for (let seed = 1; seed <= 24; seed++) {
      const k = await runLedger(seed);
      const labels = [...new Set(k.marks.map((m) => m.label))].sort();
      for (const method of TRACE_METHODS) {
        const got = await env.core.call('trace.run', { caseId: k.caseId, method, marks: k.marks });
        const ref = referenceTrace(method as Method, k.accounts, k.txs, labels);
        const where = `seed ${seed}, ${method}`;
        expect(got.labels, where).toEqual(labels);
        for (const a of got.accounts) {
          expect(a.taintedByLabel.map(BigInt), `${where}, account ${a.identifier}`).toEqual(ref.held.get(a.accountId));
          expect(BigInt(a.balanceMinor), `${where}, balance of ${a.identifier}`).toBe(ref.balance.get(a.accountId));
        }
        const carried = new Map(got.transactions.map((t) => [t.transactionId, BigInt(t.taintedMinor)]));
        for (const tx of k.txs) expect(carried.get(tx.id) ?? 0n, `${where}, transaction ${tx.id}`).toBe(ref.carried.get(tx.id));
        expect(got.totals.every((t) => t.conserved), where).toBe(true);
      }
    }
  });
});
