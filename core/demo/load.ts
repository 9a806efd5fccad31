import { rowsDigest } from '../audit/digest.js';
import { createHash } from 'node:crypto';
import { eq, getTableColumns, getTableName, type Table } from 'drizzle-orm';
import { generateDemo, type DemoCase } from './world/index.js';
import type { Sqlite } from '../../db/connection.js';
import {
  accounts,
  agencies,
  assetLinks,
  assets,
  assetStatusEvents,
  caseParticipants,
  cases,
  custodyEvents,
  subjects,
  transactions,
} from '../../db/schema/index.js';
import type { Ctx } from '../context.js';
import { conflict, ProceedsError, fail } from '../errors.js';
import { timeKey } from '../time.js';

export interface DemoLoadResult {
  caseId: string;
  number: string;
  title: string;
  counts: Record<'newAgencies' | 'participants' | 'subjects' | 'accounts' | 'transactions' | 'assets' | 'custodyEvents' | 'auditRows', number>;
}

/** The columns the transactions' digest covers, fixed so a column added later does not change it. */
const DIGEST_COLUMNS = [
  'id', 'caseId', 'fromAccountId', 'toAccountId', 'amountMinor', 'currency', 'occurredAt', 'valueDate', 'method',
  'reference', 'memo', 'counterpartyName', 'balanceAfterMinor', 'importId', 'seq', 'fingerprint', 'createdAt',
] as const;

/**
 * Loads the demo case inside the mutation's transaction.
 *
 * Audit: one row per created record (agencies, case, participants, subjects, accounts, assets and
 * their status, custody and link records), and ONE row for the few thousand transactions, as a
 * bank-statement import has one for its rows. That row names the seq range, the totals per currency
 * and the SHA-256 of the transactions' canonical rows, so an edit to any of them is found by
 * `verifyDemoTransactions`; the Audit tab stays readable and the load stays fast.
 */
export function loadDemo(ctx: Ctx, seed: number, scale = 1): DemoLoadResult {
  ctx.progress({ phase: 'generating', done: 0 });
  const generated = generateDemo(seed, scale);
  const number = generated.case.number;
  const taken = ctx.db.select({ id: cases.id }).from(cases).where(eq(cases.number, number)).get();
  if (taken)
    throw conflict(
      taken.id === generated.case.id
        ? `the demo case ${number} is loaded already; choose another seed for a second demo case`
        : `case number ${number} is used by another case; choose another seed for the demo case`,
      'seed',
    );
  const demo = remapAgencies(ctx, generated);
  const caseId = demo.case.id;
  const total = demo.agencies.length + 1 + demo.participants.length + demo.subjects.length + demo.accounts.length +
    demo.transactions.length + demo.assets.length + demo.assetStatusEvents.length + demo.custodyEvents.length + demo.assetLinks.length;
  let done = 0;
  let auditRows = 0;

  const load = <R extends { id: string }>(table: Table, rows: R[], entity: string | null, withCase = true) => {
    if (ctx.signal.aborted) throw fail('Cancelled', 'cancelled.demo');
    bulkInsert(ctx.sqlite, table, rows);
    if (entity)
      for (const row of rows) {
        ctx.audit({ entity, entityId: row.id, caseId: withCase ? caseId : null, after: row });
        auditRows++;
      }
    done += rows.length;
    ctx.progress({ phase: 'inserting', done, total });
  };

  load(agencies, demo.agencies, 'agency', false);
  load(cases, [demo.case], 'case');
  load(caseParticipants, demo.participants, 'participant');
  load(subjects, demo.subjects, 'subject');
  load(accounts, demo.accounts, 'account');
  const stored = demo.transactions.map((t) => ({ ...moneyAsText(t), timeKey: timeKey(t.occurredAt) }));
  load(transactions, stored, null);
  ctx.audit({
    entity: 'transactions', entityId: caseId, caseId,
    after: { ...transactionsSummary(demo, stored), rowsDigests: [rowsDigest(ctx.sqlite, 'transactions', { case_id: caseId, import_id: null })] },
  });
  auditRows++;
  load(assets, demo.assets, 'asset');
  load(assetStatusEvents, demo.assetStatusEvents, 'asset_status_event');
  load(custodyEvents, demo.custodyEvents, 'custody_event');
  load(assetLinks, demo.assetLinks, 'asset_link');

  return {
    caseId,
    number,
    title: demo.case.title,
    counts: {
      newAgencies: demo.agencies.length,
      participants: demo.participants.length,
      subjects: demo.subjects.length,
      accounts: demo.accounts.length,
      transactions: demo.transactions.length,
      assets: demo.assets.length,
      custodyEvents: demo.custodyEvents.length,
      auditRows,
    },
  };
}

/**
 * SHA-256 over the transactions in seq order, one line per row: the JSON array of its DIGEST_COLUMNS
 * values. The values are strings, integers and nulls only, for which JSON.stringify writes exactly
 * the RFC 8785 canonical form, at a fraction of the cost of a general canonicaliser.
 */
export function transactionsDigest(rows: Record<string, unknown>[]): string {
  const hash = createHash('sha256');
  for (const row of rows) hash.update(JSON.stringify(DIGEST_COLUMNS.map((c) => row[c] ?? null)) + '\n');
  return hash.digest('hex');
}

/**
 * The generator computes its transactions in numbers (its fiat amounts are small); what is stored
 * is the exact text form every amount has in the database (docs/money-and-time.md).
 */
function moneyAsText<R extends object>(row: R): R {
  const out = { ...row } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) if (k.endsWith('Minor') && typeof v === 'number') out[k] = String(v);
  return out as unknown as R;
}

function transactionsSummary(demo: DemoCase, list: object[]) {
  const totals: Record<string, string> = {};
  for (const t of demo.transactions) totals[t.currency] = (BigInt(totals[t.currency] ?? 0) + BigInt(t.amountMinor)).toString();
  return {
    source: 'demo generator',
    seed: demo.seed,
    scale: demo.scale,
    count: list.length,
    seqFrom: demo.transactions[0]?.seq ?? null,
    seqTo: demo.transactions.at(-1)?.seq ?? null,
    occurredFrom: demo.transactions[0]?.occurredAt ?? null,
    occurredTo: demo.transactions.at(-1)?.occurredAt ?? null,
    totalsMinorByCurrency: totals,
    digest: { algorithm: 'sha256', columns: DIGEST_COLUMNS, value: transactionsDigest(list as Record<string, unknown>[]) },
  };
}

/**
 * Re-computes the digest of a demo case's transactions and compares it with its audit row: finds
 * a demo transaction edited, added or deleted behind the contract's back.
 */
export function verifyDemoTransactions(ctx: Pick<Ctx, 'db' | 'sqlite'>, caseId: string): { ok: boolean; expected: string; actual: string } {
  const audit = ctx.sqlite
    .prepare("SELECT after FROM audit_log WHERE entity = 'transactions' AND entity_id = ? AND method = 'demo.load' ORDER BY seq DESC LIMIT 1")
    .get(caseId) as { after: string } | undefined;
  if (!audit) throw new ProceedsError('NotFound', `no demo load is recorded for case ${caseId}`);
  const expected = (JSON.parse(audit.after) as ReturnType<typeof transactionsSummary>).digest.value;
  const rows = ctx.db.select().from(transactions).where(eq(transactions.caseId, caseId)).orderBy(transactions.seq).all();
  const actual = transactionsDigest(rows);
  return { ok: actual === expected, expected, actual };
}

/**
 * Inserts rows with one prepared statement per table (bulk speed, as an import does). The columns
 * come from the drizzle table, so a renamed column fails here loudly instead of being skipped.
 */
function bulkInsert(sqlite: Sqlite, table: Table, rows: Record<string, unknown>[]): void {
  if (!rows.length) return;
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]);
  for (const k of keys) if (!(k in columns)) throw new Error(`demo: ${getTableName(table)} has no column for "${k}"`);
  const names = keys.map((k) => `"${columns[k].name}"`);
  const stmt = sqlite.prepare(`INSERT INTO "${getTableName(table)}" (${names.join(', ')}) VALUES (${keys.map(() => '?').join(', ')})`);
  // Strings and numbers bind as they are; only booleans (and any richer mode) need the column's mapping.
  const value = (k: string, v: unknown) => (v == null ? null : typeof v === 'string' || typeof v === 'number' ? v : columns[k].mapToDriverValue(v));
  for (const row of rows) stmt.run(keys.map((k) => value(k, row[k])));
}

/**
 * Agency codes are unique in a database: an agency already there (entered by hand, or by an
 * earlier demo case) is used as it is, and the demo's references are pointed at it. Returns the
 * demo with only the agencies still to insert.
 */
function remapAgencies(ctx: Ctx, demo: DemoCase): DemoCase {
  const idFor = new Map<string, string>();
  const fresh = demo.agencies.filter((a) => {
    const existing = ctx.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.code, a.code)).get();
    idFor.set(a.id, existing?.id ?? a.id);
    return !existing;
  });
  const map = (id: string | null | undefined) => (id ? idFor.get(id) ?? id : id);
  return {
    ...demo,
    agencies: fresh,
    case: { ...demo.case, leadAgencyId: map(demo.case.leadAgencyId) },
    participants: demo.participants.map((p) => ({ ...p, agencyId: map(p.agencyId)! })),
    assets: demo.assets.map((a) => ({ ...a, seizingAgencyId: map(a.seizingAgencyId) })),
  };
}
