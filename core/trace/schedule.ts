/**
 * The tracing schedule: what a forensic accountant files with the court. Per account of the case,
 * in booking order, every transaction (clean ones too) with the running balance, the clean and
 * tainted balance per label after it, the taint each row moved and, for a tainted debit, which
 * marked deposits (sources) that taint came from and through which accounts. A summary lists the
 * sources, the destinations, the assets bought and the conservation line per currency.
 *
 * It is built in the same scan as the trace itself (ledger.ts's observer), so its closing figures
 * are the trace result's, not a second computation that could drift.
 *
 * Provenance: a second engine of the same method runs in lockstep with one label per source
 * (marked transaction and label). Its per-source amounts differ from the per-label ones only by
 * rounding, so each label's official amount is split among that label's sources in proportion to
 * the shadow's amounts (largest remainder): provenance always adds up exactly to the taint.
 */
import type { Sqlite } from '../../db/connection.js';
import { apportion } from './apportion.js';
import { sub, sum, zeros, type Amt } from './amount.js';
import { TraceEngine, type TraceMethod } from './engine.js';
import type { ObservedStep, StepObserver } from './ledger.js';
import type { Taint } from './pool.js';
import type { CurrencyTotals, TraceResult } from './result.js';
import { runTrace, type Mark, type RunHooks, type TraceRequest } from './run.js';

/** Beyond this many sources the shadow engine's vectors get too wide: provenance is left out (and says so). */
export const MAX_PROVENANCE_SOURCES = 200;

export interface ScheduleSource {
  /** 1-based: "S3" in the schedule. */
  number: number;
  transactionId: string;
  reference: string;
  occurredAt: string;
  label: string;
  /** The account it was paid into (identifier), or '' outside the data. */
  account: string;
  currency: string;
  amountMinor: string;
}

/** A part of a tainted amount and the source it came from, with the accounts it went through. */
export interface ProvenanceShare {
  source: number;
  label: string;
  amountMinor: string;
  /** Account identifiers from the source's account to here, as the taint first reached each. */
  hops: string[];
}

export interface ScheduleRow {
  occurredAt: string;
  reference: string;
  transactionId: string;
  memo: string;
  /** The other side: its account identifier, the counterparty named on the statement, or ''. */
  counterparty: string;
  debitMinor: string;
  creditMinor: string;
  balanceMinor: string;
  cleanMinor: string;
  /** Tainted balance after the row, per label (order of `labels`). */
  taintedByLabel: string[];
  /** Taint the row moved (out for a debit, in for a credit), per label. */
  movedByLabel: string[];
  movedMinor: string;
  provenance: ProvenanceShare[];
  /** Labels this transaction is marked with (a source), else ''. */
  marked: string;
  /** A new lowest balance since taint first arrived (under LIBR the tainted part can never exceed it). */
  lowPoint: boolean;
  /** Money of unknown origin the overdraft rule assumed before this debit ('' when none). */
  overdraftMinor: string;
}

export interface ScheduleAccount {
  accountId: string;
  identifier: string;
  holderName: string;
  currency: string;
  rows: ScheduleRow[];
  closingBalanceMinor: string;
  closingTaintedByLabel: string[];
}

export interface ScheduleHeader {
  caseNumber: string;
  caseTitle: string;
  method: TraceMethod;
  methodRule: string;
  orderingRule: string;
  roundingRule: string;
  overdraftRule: string;
  cutOff: string;
  dataVersion: string;
  checkpoint: string;
  generatedAt: string;
  generatedBy: string;
  labels: string[];
  provenanceNote: string;
}

export interface ScheduleDestination {
  account: string;
  holderName: string;
  currency: string;
  external: boolean;
  taintedMinor: string;
  taintedByLabel: string[];
}

export interface ScheduleAsset {
  assetId: string;
  description: string;
  currency: string;
  purchaseMinor: string;
  taintedMinor: string;
  provenance: ProvenanceShare[];
}

export interface Schedule {
  header: ScheduleHeader;
  accounts: ScheduleAccount[];
  sources: ScheduleSource[];
  destinations: ScheduleDestination[];
  assets: ScheduleAsset[];
  conservation: (CurrencyTotals & { line: string })[];
  result: TraceResult;
}

export const METHOD_RULES: Record<TraceMethod, string> = {
  fifo: 'FIFO (Clayton\'s case): money leaves in the order it arrived; a partly spent deposit gives up clean and tainted money in proportion.',
  lifo: 'LIFO: the newest money leaves first; a partly spent deposit gives up clean and tainted money in proportion.',
  'pro-rata': 'Pro-rata (Barlow Clowes): every outflow takes clean and tainted money in proportion to the balance at that moment.',
  libr: 'Lowest intermediate balance (Roscoe v Winder): clean money is spent first; the tainted part never exceeds the lowest balance since it arrived.',
  'tainted-first': 'Tainted first (Re Oatway): money leaving is deemed tainted as long as any taint is held.',
};

export const ORDERING_RULE = 'Booking time as the bank booked it, by its canonical key (UTC instant; a date without time sorts as its day), then the order of import or entry.';
export const ROUNDING_RULE =
  'Integer minor units throughout; splits by largest remainder (Hamilton), clean money first on ties; exchanges convert the taint at the transaction\'s own rate, half up.';
export const OVERDRAFT_RULE =
  'An outflow beyond the funds the data shows is met first by clean money of unknown origin (missing statements, opening balance), flagged on the row.';

export interface ScheduleMeta {
  caseNumber: string;
  caseTitle: string;
  dataVersion: string;
  checkpoint: string;
  generatedAt: string;
  generatedBy: string;
}

interface SlotInfo {
  accountId: string;
  currency: string;
  external: boolean;
}

interface Acc {
  account: ScheduleAccount;
  /** Lowest balance since taint first arrived (undefined: never tainted). */
  low?: Amt;
}

/** Runs the trace and builds its schedule in the same scan. */
export function buildSchedule(sqlite: Sqlite, req: TraceRequest, meta: ScheduleMeta, hooks: RunHooks = {}): Schedule {
  const accountNames = new Map(
    (sqlite.prepare('SELECT id, identifier, holder_name AS holderName FROM accounts WHERE case_id = ?').all(req.caseId) as { id: string; identifier: string; holderName: string }[]).map(
      (a) => [a.id, a],
    ),
  );
  const ident = (id: string) => accountNames.get(id)?.identifier ?? id;
  const assetTx = new Set(
    (sqlite.prepare('SELECT l.transaction_id AS id FROM asset_links l JOIN assets a ON a.id = l.asset_id WHERE a.case_id = ?').all(req.caseId) as { id: string }[]).map((r) => r.id),
  );

  let labels: string[] = [];
  const sources: ScheduleSource[] = [];
  /** Per source: its label's index. */
  const sourceLabel: number[] = [];
  const slots: SlotInfo[] = [];
  const accs: (Acc | undefined)[] = [];
  /** First route of each source's taint into each slot: slot * K + source -> previous slot (-2: the source arrived here). */
  const parent = new Map<number, number>();
  const txProvenance = new Map<string, ProvenanceShare[]>();
  let withProvenance = false;
  let K = 0;
  /** Per label: its sources. */
  let labelSources: number[][] = [];
  /** Marked transaction id -> its sources (the shadow engine's labels). */
  const shadowMarks = new Map<string, number[]>();

  const observe = (ls: string[], marks: Mark[]): StepObserver => {
    labels = ls;
    const seen = new Map<string, number>();
    for (const m of marks) {
      const key = `${m.transactionId}|${m.label}`;
      if (seen.has(key)) continue;
      seen.set(key, sources.length);
      sourceLabel.push(labels.indexOf(m.label));
      sources.push({ number: sources.length + 1, transactionId: m.transactionId, reference: '', occurredAt: '', label: m.label, account: '', currency: '', amountMinor: '0' });
      const list = shadowMarks.get(m.transactionId);
      if (list) list.push(sources.length - 1);
      else shadowMarks.set(m.transactionId, [sources.length - 1]);
    }
    K = sources.length;
    labelSources = labels.map(() => []);
    sourceLabel.forEach((l, k) => labelSources[l].push(k));
    withProvenance = K <= MAX_PROVENANCE_SOURCES;
    return {
      shadow: withProvenance ? { engine: new TraceEngine(req.method, K), marks: shadowMarks } : undefined,
      onSlot(slot, accountId, currency, external) {
        slots[slot] = { accountId, currency, external };
      },
      onStep(step, engine) {
        if (withProvenance) trackRoutes(step);
        if (step.marked && step.shadowArriving) noteSources(step, shadowMarks.get(step.id) ?? []);
        if (step.arriving && assetTx.has(step.id)) txProvenance.set(step.id, provenance(step.arriving, step.shadowArriving, step.to, -1));
        if (step.from >= 0 && !slots[step.from].external) row(step, engine, step.from, 'out');
        if (step.to >= 0 && !slots[step.to].external) row(step, engine, step.to, 'in');
      },
    };
  };

  function noteSources(step: ObservedStep, ks: number[]): void {
    for (const k of ks) {
      const s = sources[k];
      s.reference = step.reference;
      s.occurredAt = step.occurredAt;
      s.account = step.to >= 0 ? ident(slots[step.to].accountId) : '';
      s.currency = step.toCurrency ?? step.currency;
      s.amountMinor = String(step.shadowArriving![k]);
    }
  }

  function trackRoutes(step: ObservedStep): void {
    const t = step.shadowArriving;
    if (!t || step.to < 0) return;
    const roots = step.marked ? shadowMarks.get(step.id) : undefined;
    for (let k = 0; k < K; k++) {
      if (t[k] === 0) continue;
      const key = step.to * K + k;
      if (parent.has(key)) continue;
      parent.set(key, roots?.includes(k) || step.from < 0 ? -2 : step.from);
    }
  }

  /** Account identifiers from source k's first account to `slot`. */
  function route(slot: number, k: number): string[] {
    const path: string[] = [];
    let s = slot;
    for (let guard = 0; s >= 0 && guard <= slots.length; guard++) {
      path.push(ident(slots[s].accountId));
      const p = parent.get(s * K + k);
      if (p === undefined || p === -2) break;
      s = p;
    }
    return path.reverse();
  }

  /**
   * Splits each label's amount of `taint` among that label's sources, in proportion to the
   * shadow's per-source amounts; `at` is where the money was (the route's end), `next` the account it went to.
   */
  function provenance(taint: Amt[], shadow: Taint, at: number, next: number): ProvenanceShare[] {
    if (!withProvenance) return [];
    const shares: ProvenanceShare[] = [];
    for (let l = 0; l < taint.length; l++) {
      if (taint[l] === 0) continue;
      const ks = labelSources[l];
      let weights: Amt[] = ks.map((k) => (shadow ? shadow[k] : 0));
      let total = sum(weights);
      // Rounding left the shadow with nothing of this label: weigh by the sources' own amounts.
      if (total === 0) {
        weights = ks.map((k) => BigInt(sources[k].amountMinor || '0'));
        total = sum(weights);
      }
      if (total === 0) {
        weights = ks.map(() => 1);
        total = ks.length;
      }
      const parts = apportion(taint[l], weights, total, new Array<Amt>(ks.length));
      ks.forEach((k, i) => {
        if (parts[i] === 0) return;
        const hops = at >= 0 ? route(at, k) : [];
        if (next >= 0) hops.push(ident(slots[next].accountId));
        shares.push({ source: k + 1, label: labels[l], amountMinor: String(parts[i]), hops });
      });
    }
    return shares;
  }

  function row(step: ObservedStep, engine: TraceEngine, slot: number, dir: 'in' | 'out'): void {
    let a = accs[slot];
    if (!a) {
      const info = slots[slot];
      const names = accountNames.get(info.accountId);
      a = accs[slot] = {
        account: {
          accountId: info.accountId, identifier: names?.identifier ?? info.accountId, holderName: names?.holderName ?? '', currency: info.currency,
          rows: [], closingBalanceMinor: '0', closingTaintedByLabel: [],
        },
      };
    }
    const { balance, held } = engine.state(slot);
    const heldTotal = sum(held);
    const moved = dir === 'out' ? step.out : step.arriving;
    const other = dir === 'out' ? step.to : step.from;
    let lowPoint = false;
    if (a.low === undefined) {
      if (heldTotal !== 0) a.low = balance;
    } else if (dir === 'out' && balance < a.low) {
      a.low = balance;
      lowPoint = true;
    }
    const amount = dir === 'in' && step.toAmount !== null ? step.toAmount : step.amount;
    a.account.rows.push({
      occurredAt: step.occurredAt,
      reference: step.reference,
      transactionId: step.id,
      memo: step.memo,
      counterparty: other >= 0 ? ident(slots[other].accountId) : step.counterparty,
      debitMinor: dir === 'out' ? String(amount) : '',
      creditMinor: dir === 'in' ? String(amount) : '',
      balanceMinor: String(balance),
      cleanMinor: String(sub(balance, heldTotal)),
      taintedByLabel: held.map(String),
      movedByLabel: moved ? moved.map(String) : zeros(labels.length).map(String),
      movedMinor: moved ? String(sum(moved)) : '0',
      provenance: dir === 'out' && moved ? provenance(moved, step.shadowOut, slot, step.to) : [],
      marked: dir === 'in' && step.marked ? step.marked.map((l) => labels[l]).join(', ') : '',
      lowPoint,
      overdraftMinor: dir === 'out' && step.shortfall !== 0 ? String(step.shortfall) : '',
    });
  }

  const result = runTrace(sqlite, req, { ...hooks, observe });

  const accounts: ScheduleAccount[] = [];
  for (const a of accs) {
    if (!a) continue;
    const last = a.account.rows[a.account.rows.length - 1];
    a.account.closingBalanceMinor = last.balanceMinor;
    a.account.closingTaintedByLabel = last.taintedByLabel;
    accounts.push(a.account);
  }
  accounts.sort((x, y) => (x.identifier < y.identifier ? -1 : x.identifier > y.identifier ? 1 : x.currency < y.currency ? -1 : 1));

  const destinations: ScheduleDestination[] = result.accounts
    .filter((a) => a.external && BigInt(a.taintedMinor) > 0n)
    .map((a) => ({ account: a.identifier, holderName: a.holderName, currency: a.currency, external: true, taintedMinor: a.taintedMinor, taintedByLabel: a.taintedByLabel }));
  const assets: ScheduleAsset[] = result.assets.map((a) => ({
    ...a,
    provenance: mergeShares(a.transactionIds.flatMap((id) => txProvenance.get(id) ?? [])),
  }));
  const conservation = result.totals.map((t) => ({ ...t, line: conservationLine(t) }));

  return {
    header: {
      ...meta,
      method: req.method,
      methodRule: METHOD_RULES[req.method],
      orderingRule: ORDERING_RULE,
      roundingRule: ROUNDING_RULE,
      overdraftRule: OVERDRAFT_RULE,
      cutOff: req.params.until ?? 'none (all transactions in the data)',
      labels: result.labels,
      provenanceNote: withProvenance
        ? 'Sources are numbered S1, S2, ...; a tainted debit names the sources its taint came from and the accounts it passed through (its first route).'
        : `Provenance by source is left out: ${K} sources exceed ${MAX_PROVENANCE_SOURCES}.`,
    },
    accounts,
    sources,
    destinations,
    assets,
    conservation,
    result,
  };
}

/** One share per source (an asset bought with several payments): amounts added, the first route kept. */
function mergeShares(shares: ProvenanceShare[]): ProvenanceShare[] {
  const by = new Map<string, ProvenanceShare>();
  for (const s of shares) {
    const key = `${s.source}|${s.label}`;
    const have = by.get(key);
    if (have) have.amountMinor = (BigInt(have.amountMinor) + BigInt(s.amountMinor)).toString();
    else by.set(key, { ...s, hops: s.hops.slice() });
  }
  return [...by.values()].sort((a, b) => a.source - b.source);
}

/** "USD: marked 10.00 = held 4.00 + external 6.00 + left the data 0.00" in minor units (exact). */
export function conservationLine(t: CurrencyTotals): string {
  const parts = [`${t.currency}: marked ${t.injectedMinor}`];
  if (BigInt(t.exchangedInMinor) > 0n) parts.push(`+ exchanged in ${t.exchangedInMinor}`);
  parts.push(`= held ${t.heldMinor} + external ${t.externalMinor} + left the data ${t.leftDataMinor}`);
  if (BigInt(t.exchangedOutMinor) > 0n) parts.push(`+ exchanged out ${t.exchangedOutMinor}`);
  parts.push(t.conserved ? '(conserved)' : '(NOT conserved)');
  return parts.join(' ') + ' minor units';
}
