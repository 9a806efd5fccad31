import { createHash } from 'node:crypto';
import { bech32 } from 'bech32';
import { describe, expect, it } from 'vitest';
import { generateDemo, REPORTING_THRESHOLD } from '../../../core/demo/world/index.js';
import { isValidIban, isValidRoutingNumber, vinCheckDigit } from '../../../core/demo/world/identifiers.js';
import { Rng } from '../../../core/demo/world/random.js';
import { checkDetails, DETAIL_SCHEMAS } from '../../../core/assets/details.js';
import { TRANSITIONS } from '../../../core/assets/lifecycle.js';
import { uuid } from '../../../core/cases/schemas.js';
import { isIsoTimestamp } from '../../../core/dates.js';
import { isKnownCurrency } from '../../../core/money.js';
import { closingBalances, fanIn, firstOverdraft, largestFanOut, longestChain, roundTrip } from './patterns.js';

const demo = generateDemo(7);
const sha = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');
const accountById = new Map(demo.accounts.map((a) => [a.id, a]));
const allIds = (d: typeof demo) =>
  [d.case, ...d.agencies, ...d.participants, ...d.subjects, ...d.accounts, ...d.transactions, ...d.assets, ...d.assetStatusEvents, ...d.custodyEvents, ...d.assetLinks].map((r) => r.id);

describe('demo generator: determinism', () => {
  it('gives byte-identical data, ids included, for the same seed', () => {
    const again = generateDemo(7);
    expect(JSON.stringify(again)).toBe(JSON.stringify(demo));
    expect(sha(again)).toBe(sha(demo));
  });

  it('gives another case, with other ids and another case number, for another seed or scale', () => {
    const other = generateDemo(8);
    expect(other.case.number).not.toBe(demo.case.number);
    expect(demo.case.number).toBe('TF-2024-0117');
    const ids = new Set(allIds(demo));
    expect(allIds(other).filter((id) => ids.has(id))).toEqual([]);
    const scaled = generateDemo(7, 2);
    expect(scaled.case.number).toBe('TF-2024-0117-X2');
    expect(allIds(scaled).filter((id) => ids.has(id))).toEqual([]);
  });

  it('draws the same stream from the same seed, and independent streams per label', () => {
    const a = new Rng(7);
    const b = new Rng(7);
    const xs = Array.from({ length: 1000 }, () => a.next());
    expect(Array.from({ length: 1000 }, () => b.next())).toEqual(xs);
    expect(new Rng(7, 'ids').next()).not.toBe(new Rng(7).next());
    expect(new Rng(7).next()).not.toBe(new Rng(7 + 2 ** 32).next());
    const r = new Rng(1);
    const ints = Array.from({ length: 5000 }, () => r.int(3, 9));
    expect(Math.min(...ints)).toBe(3);
    expect(Math.max(...ints)).toBe(9);
  });

  it('refuses a seed or a scale it cannot use', () => {
    expect(() => generateDemo(-1)).toThrow(/seed/);
    expect(() => generateDemo(1.5)).toThrow(/seed/);
    expect(() => generateDemo(7, 0)).toThrow(/scale/);
  });
});

describe('demo generator: the case of a joint task force', () => {
  it('has the expected size', () => {
    expect(demo.agencies).toHaveLength(4);
    expect(demo.participants).toHaveLength(4);
    expect(new Set(demo.participants.map((p) => p.role))).toEqual(new Set(['lead', 'state', 'local', 'foreign']));
    expect(demo.participants.every((p) => (p.hours ?? 0) > 0)).toBe(true);
    expect(demo.subjects.length).toBeGreaterThanOrEqual(18);
    expect(demo.subjects.length).toBeLessThanOrEqual(24);
    expect(new Set(demo.subjects.map((s) => s.kind))).toEqual(new Set(['person', 'organisation']));
    expect(demo.accounts.length).toBeGreaterThanOrEqual(35);
    expect(demo.accounts.length).toBeLessThanOrEqual(45);
    expect(new Set(demo.accounts.map((a) => a.kind))).toEqual(new Set(['bank', 'crypto', 'cash', 'other']));
    expect(demo.transactions.length).toBeGreaterThan(3_000);
    expect(demo.transactions.length).toBeLessThan(6_000);
    expect(demo.assets.length).toBeGreaterThanOrEqual(12);
    const first = demo.transactions[0].occurredAt;
    const last = demo.transactions.at(-1)!.occurredAt;
    const months = (Date.parse(last) - Date.parse(first)) / (30.4 * 86_400_000);
    expect(months).toBeGreaterThan(17);
    expect(months).toBeLessThan(19);
  });

  it('uses valid, unique UUIDv7 ids and real timestamps', () => {
    const ids = allIds(demo);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(uuid.safeParse(id).success && id[14] === '7').toBe(true);
    expect(demo.transactions.every((t) => isIsoTimestamp(t.occurredAt))).toBe(true);
  });

  it('conserves: every transaction joins accounts of the case in its own currency, amounts are whole minor units', () => {
    for (const t of demo.transactions) {
      expect(t.fromAccountId || t.toAccountId).toBeTruthy();
      for (const id of [t.fromAccountId, t.toAccountId]) {
        if (!id) continue;
        const acc = accountById.get(id);
        expect(acc, `account ${id} of transaction ${t.seq}`).toBeDefined();
        expect(acc!.currency).toBe(t.currency);
      }
      expect(Number.isSafeInteger(t.amountMinor) && t.amountMinor > 0).toBe(true);
      expect(t.caseId).toBe(demo.case.id);
    }
    expect(new Set(demo.transactions.map((t) => t.currency))).toEqual(new Set(['USD', 'EUR', 'BTC']));
    expect(demo.accounts.every((a) => isKnownCurrency(a.currency))).toBe(true);
    const subjects = new Set(demo.subjects.map((s) => s.id));
    expect(demo.accounts.every((a) => !a.holderSubjectId || subjects.has(a.holderSubjectId))).toBe(true);
    expect(new Set(demo.accounts.map((a) => a.identifierNorm)).size).toBe(demo.accounts.length);
  });

  it('numbers transactions in the order they happened, and no account of a subject is ever overdrawn', () => {
    demo.transactions.forEach((t, i) => expect(t.seq).toBe(i + 1));
    for (let i = 1; i < demo.transactions.length; i++)
      expect(demo.transactions[i].occurredAt >= demo.transactions[i - 1].occurredAt).toBe(true);
    expect(firstOverdraft(demo)).toBeUndefined();
  });

  it('uses bank-style references, real IBANs, ABA routing numbers and bech32 addresses', () => {
    expect(demo.transactions.some((t) => /^WIRE-\d{6}$/.test(t.reference))).toBe(true);
    const ibans = demo.accounts.filter((a) => /^[A-Z]{2}\d\d /.test(a.identifier));
    expect(ibans.length).toBeGreaterThanOrEqual(3);
    expect(ibans.every((a) => isValidIban(a.identifier))).toBe(true);
    expect(isValidIban(ibans[0].identifier.replace(/\d$/, (d) => String((Number(d) + 1) % 10)))).toBe(false);
    const routings = demo.accounts.flatMap((a) => /ABA routing (\d{9})/.exec(a.notes)?.[1] ?? []);
    expect(routings.length).toBeGreaterThan(20);
    expect(routings.every(isValidRoutingNumber)).toBe(true);
    const wallets = demo.accounts.filter((a) => a.kind === 'crypto');
    expect(wallets.every((a) => bech32.decode(a.identifier).prefix === 'bc')).toBe(true);
  });
});

describe('demo generator: the money-laundering patterns are in the data', () => {
  it('has a layering chain of at least 4 hops, each a little lighter and a few days later', () => {
    const chain = longestChain(demo.transactions, 7, 0.98);
    expect(chain.length).toBeGreaterThanOrEqual(4);
    const accounts = new Set(chain.flatMap((t) => [t.fromAccountId, t.toAccountId]));
    expect(accounts.size).toBe(chain.length + 1);
    expect(chain.at(-1)!.amountMinor).toBeLessThan(chain[0].amountMinor);
  });

  it('has a fan-out to at least 10 accounts under the reporting threshold, and the fan-in back', () => {
    const out = largestFanOut(demo.transactions, REPORTING_THRESHOLD);
    expect(out.to.size).toBeGreaterThanOrEqual(10);
    // The mules pass the money on to one consolidation account within days.
    const targets = new Map<string, number>();
    for (const t of demo.transactions)
      if (t.fromAccountId && out.to.has(t.fromAccountId) && t.toAccountId) targets.set(t.toAccountId, (targets.get(t.toAccountId) ?? 0) + 1);
    const consolidation = [...targets].sort((a, b) => b[1] - a[1])[0][0];
    const back = fanIn(demo.transactions, consolidation, out.day, 7);
    expect([...out.to].filter((m) => back.has(m)).length).toBeGreaterThanOrEqual(10);
  });

  it('has a round trip: money leaves an account and comes back to it through others', () => {
    const loop = roundTrip(demo.transactions);
    expect(loop).toBeDefined();
    expect(loop![0].fromAccountId).toBe(loop!.at(-1)!.toAccountId);
    expect(new Set(loop!.map((t) => t.fromAccountId)).size).toBeGreaterThanOrEqual(3);
  });

  it('mixes clean salary and proceeds in the same account, and pays victims into collection accounts', () => {
    const fromVictims = new Map<string, number>();
    for (const t of demo.transactions) if (!t.fromAccountId && t.toAccountId) fromVictims.set(t.toAccountId, (fromVictims.get(t.toAccountId) ?? 0) + 1);
    const collection = [...fromVictims].sort((a, b) => b[1] - a[1]).slice(0, 2).map(([id]) => id);
    expect(collection.every((id) => fromVictims.get(id)! > 100)).toBe(true);
    // Accounts the victims' money reaches through transfers between accounts of the case.
    const reached = new Set(collection);
    for (const t of demo.transactions) if (t.fromAccountId && reached.has(t.fromAccountId) && t.toAccountId && !accountById.get(t.toAccountId)!.external) reached.add(t.toAccountId);
    const commingled = demo.accounts.filter((a) => {
      const ins = demo.transactions.filter((t) => t.toAccountId === a.id && t.fromAccountId);
      return ins.some((t) => accountById.get(t.fromAccountId!)!.external && /PAYROLL/.test(t.memo)) && ins.some((t) => reached.has(t.fromAccountId!));
    });
    expect(commingled.length).toBeGreaterThanOrEqual(1);
  });

  it('scales up for benchmarks with the same shape', () => {
    const big = generateDemo(7, 3);
    expect(big.transactions.length).toBeGreaterThan(demo.transactions.length * 1.8);
    expect(largestFanOut(big.transactions, REPORTING_THRESHOLD).to.size).toBeGreaterThanOrEqual(30);
    expect(firstOverdraft(big)).toBeUndefined();
  });
});

describe('demo generator: seized assets', () => {
  const balances = closingBalances(demo);

  it('covers the asset types and lifecycle statuses, with valid details', () => {
    expect(new Set(demo.assets.map((a) => a.type))).toEqual(new Set(['cash', 'bank_funds', 'vehicle', 'real_property', 'crypto', 'jewellery', 'electronics']));
    expect(new Set(demo.assets.map((a) => a.status))).toEqual(new Set(['seized', 'pending_forfeiture', 'forfeited', 'disposed', 'returned', 'released']));
    for (const a of demo.assets) {
      const details = JSON.parse(a.details!);
      const parsed = DETAIL_SCHEMAS[a.type].safeParse(details);
      expect(parsed.success, `${a.description}: ${JSON.stringify(parsed.error?.issues)}`).toBe(true);
      expect(checkDetails(a.type, details, a.currency, a.valueSeizedMinor!)).toEqual([]);
      if (a.type === 'vehicle') expect(details.vin[8]).toBe(vinCheckDigit(details.vin));
    }
  });

  it('walks each asset through allowed steps to its current status, with an append-only custody chain', () => {
    for (const a of demo.assets) {
      const steps = demo.assetStatusEvents.filter((e) => e.assetId === a.id);
      expect(steps[0].fromStatus).toBeNull();
      expect(steps[0].toStatus).toBe('seized');
      for (let i = 1; i < steps.length; i++) {
        expect(steps[i].fromStatus).toBe(steps[i - 1].toStatus);
        expect(TRANSITIONS[steps[i].fromStatus as keyof typeof TRANSITIONS]).toContain(steps[i].toStatus);
        expect(steps[i].occurredOn >= steps[i - 1].occurredOn).toBe(true);
      }
      expect(steps.at(-1)!.toStatus).toBe(a.status);
      const custody = demo.custodyEvents.filter((e) => e.assetId === a.id);
      expect(custody.length).toBeGreaterThanOrEqual(1);
      for (let i = 1; i < custody.length; i++) expect(custody[i].occurredAt >= custody[i - 1].occurredAt).toBe(true);
      expect(custody.every((e) => e.kind !== 'correction' || custody.some((c) => c.id === e.correctsEventId))).toBe(true);
    }
    expect(demo.assets.find((a) => a.status === 'returned')!.returnedTo).toBe('claimant');
    expect(demo.assets.find((a) => a.status === 'disposed')!.disposition).toBe('sold');
  });

  it('values cash, funds and crypto at the balances on the takedown day, and links what paid for the rest', () => {
    for (const a of demo.assets.filter((x) => ['cash', 'bank_funds', 'crypto'].includes(x.type))) {
      const link = demo.assetLinks.find((l) => l.assetId === a.id && l.accountId)!;
      expect(a.valueSeizedMinor).toBe(String(balances.get(link.accountId!)));
      expect(accountById.get(link.accountId!)!.currency).toBe(a.currency);
    }
    const txById = new Map(demo.transactions.map((t) => [t.id, t]));
    for (const l of demo.assetLinks.filter((x) => x.transactionId)) {
      const tx = txById.get(l.transactionId!);
      expect(tx).toBeDefined();
      expect(l.currency).toBe(tx!.currency);
    }
    for (const type of ['vehicle', 'real_property', 'jewellery'])
      for (const a of demo.assets.filter((x) => x.type === type)) expect(demo.assetLinks.some((l) => l.assetId === a.id && l.transactionId)).toBe(true);
    const house = demo.assets.find((a) => a.type === 'real_property')!;
    const closing = txById.get(demo.assetLinks.find((l) => l.assetId === house.id && l.note.startsWith('Closing'))!.transactionId!)!;
    expect(house.valueSeizedMinor).toBe(String(closing.amountMinor));
  });
});
