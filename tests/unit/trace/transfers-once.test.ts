import { afterEach, describe, expect, it } from 'vitest';
import { TRACE_METHODS } from '../../../core/trace/engine.js';
import { tempCore } from '../../helpers/core.js';
import { importFile, writeFile } from '../import/helpers.js';

/**
 * Both statements of the same payments (the payer's and the payee's) traced as one set of
 * transfers: the trace must be the one of the ledger in which each payment is entered once.
 */
let envs: ReturnType<typeof tempCore>[] = [];
afterEach(() => {
  envs.forEach((e) => e.cleanup());
  envs = [];
});

const VICTIM = 'GB33BUKB20201555555555';
const A = 'DE89370400440532013000';
const B = 'NL91ABNA0417164300';
const N = 1000;

const days = Array.from({ length: 29 }, (_v, i) => `2024-02-${String(i + 1).padStart(2, '0')}`).filter((d) => ![0, 6].includes(new Date(`${d}T00:00:00Z`).getUTCDay()));
const payments = Array.from({ length: N }, (_v, i) => ({ day: days[i % days.length], cents: 10_000 + ((i * 7919) % 90_000), ref: `E2E-${i}` }));
const money = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
const total = payments.reduce((s, p) => s + p.cents, 0);

async function caseWithAccounts(name: string) {
  const env = tempCore(name);
  envs.push(env);
  const c = await env.core.call('cases.create', { number: 'TF-ONCE', title: 'Both sides', status: 'open' });
  for (const [identifier, external] of [[VICTIM, true], [A, false], [B, false]] as const)
    await env.core.call('accounts.create', { caseId: c.id, kind: 'bank', identifier, currency: 'EUR', external });
  return { env, c };
}

/** Tainted money per account (by identifier) and per transaction reference, for comparison. */
async function traced(env: ReturnType<typeof tempCore>, caseId: string, method: (typeof TRACE_METHODS)[number], fraudRef: string) {
  const [{ transactionId }] = await env.core.call('taint.resolve', { caseId, refs: [fraudRef] });
  const r = await env.core.call('trace.run', { caseId, method, marks: [{ transactionId, label: 'fraud' }] });
  return {
    accounts: Object.fromEntries(r.accounts.map((a) => [a.identifier, [a.balanceMinor, a.taintedMinor]])),
    transactions: r.transactions.length,
    totals: r.totals,
  };
}

describe('one transfer, once, in the trace', () => {
  it(`both statements of ${N} payments trace exactly as the ledger of those payments`, async () => {
    const fraud = '2024-01-31,250000.00,EUR,' + VICTIM + ',FRAUD-1,from the victim';
    // The payer's statement (A): the victim's wire in, then each payment out naming B.
    const both = await caseWithAccounts('once-statements');
    const payer = writeFile(both.env.dir, 'payer.csv', ['Date,Amount,Currency,Counterparty IBAN,Reference,Description', fraud, ...payments.map((p) => `${p.day},-${money(p.cents)},EUR,${B},${p.ref},to B`)].join('\n') + '\n');
    // The payee's statement (B): each payment in naming A.
    const payee = writeFile(both.env.dir, 'payee.csv', ['Date,Amount,Currency,Counterparty IBAN,Reference,Description', ...payments.map((p) => `${p.day},${money(p.cents)},EUR,${A},${p.ref},from A`)].join('\n') + '\n');
    expect((await importFile(both.env.core, both.c.id, payer, { account: { identifier: A } })).imported).toBe(N + 1);
    const second = await importFile(both.env.core, both.c.id, payee, { account: { identifier: B } });
    expect(second.imported).toBe(N);
    expect(second.transfersLinked).toBe(N);

    // The investigator's ledger of the same transfers, each entered once.
    const once = await caseWithAccounts('once-ledger');
    const ledger = writeFile(once.env.dir, 'ledger.csv', [
      'date,from_account,to_account,amount,currency,reference',
      `2024-01-31,${VICTIM},${A},250000.00,EUR,FRAUD-1`,
      ...payments.map((p) => `${p.day},${A},${B},${money(p.cents)},EUR,${p.ref}`),
    ].join('\n') + '\n');
    expect((await importFile(once.env.core, once.c.id, ledger, { format: 'ledger' })).imported).toBe(N + 1);

    for (const method of TRACE_METHODS) {
      const [s, l] = [await traced(both.env, both.c.id, method, 'FRAUD-1'), await traced(once.env, once.c.id, method, 'FRAUD-1')];
      expect(s, method).toEqual(l);
      // Each payment counted once: B received the sum of the payments, not twice that.
      expect(s.accounts[B][0], method).toBe(String(total));
    }
    // The graph draws the payments once too.
    const flows = await both.env.core.call('graph.flows', { caseId: both.c.id });
    const ab = flows.edges.filter((e) => e.kind === 'flow' && e.totalMinor === String(total));
    expect(ab).toHaveLength(1);
    expect(flows.edges.filter((e) => e.kind === 'flow').reduce((n, e) => n + e.count, 0)).toBe(N + 1);
  }, 240_000);
});
