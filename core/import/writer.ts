import type { Statement } from 'better-sqlite3';
import type { Ctx } from '../context.js';
import { BulkIds } from './ids.js';
import { normaliseIdentifier } from '../accounts/schemas.js';
import { nextSeq } from '../transactions/methods.js';
import { Fingerprints, ledgerKey, statementKey } from './fingerprint.js';
import { minorText, type Minor } from '../money.js';
import type { Reconciliation } from './reconcile.js';
import { parseBookedTimeRepeated } from '../time.js';
import { clip, type LedgerRow, type RowProblem, type StatementAccount, type StatementRow } from './rows.js';
import { checkAccountIdentifier } from '../identifiers/index.js';
import { RowsDigestBuilder, type RowsDigest } from '../audit/digest.js';
import type { ErrorKey, MessageParams } from '../errors.js';

const TX_COLUMNS = [
  'id', 'case_id', 'from_account_id', 'to_account_id', 'amount_minor', 'currency', 'to_amount_minor', 'to_currency', 'occurred_at', 'time_key', 'value_date', 'method',
  'reference', 'memo', 'counterparty_name', 'balance_after_minor', 'import_id', 'seq', 'fingerprint', 'created_at',
];
export const INSERT_TRANSACTION_SQL = `INSERT INTO transactions (${TX_COLUMNS.join(', ')}) VALUES (${TX_COLUMNS.map(() => '?').join(', ')})`;

/** How many identifiers, as written, the writer remembers beside the normalised ones. */
const AS_WRITTEN_CACHE = 100_000;

/** How many rejects the result carries; all of them are stored with the import. */
const REPORTED_REJECTS = 200;

interface KnownAccount {
  id: string;
  currency: string;
}

/**
 * Writes one import's rows inside the import's transaction with raw prepared statements (bulk speed),
 * matching counterparties to the case's accounts by normalised identifier and creating the others as
 * external accounts, and recording duplicates and rejects so nothing is silently dropped.
 */
/**
 * The longest text kept per field. A longer value is cut to it, and every cut is reported: counted,
 * listed in the import's report and kept as an import_rejects row of kind 'truncated' naming the
 * line, the field and both lengths (the whole line is kept there too, up to 4,000 characters).
 */
export const FIELD_LIMITS = {
  counterpartyName: 300,
  counterpartyAccount: 200,
  reference: 200,
  memo: 2000,
  holderName: 300,
  identifier: 200,
  institution: 300,
} as const;
export type LimitedField = keyof typeof FIELD_LIMITS;

export interface FieldCut {
  line: number;
  field: LimitedField;
  length: number;
  kept: number;
}

export class ImportWriter {
  imported = 0;
  duplicates = 0;
  rejected = 0;
  skipped = 0;
  accountsCreated = 0;
  /** Account identifiers whose shape names a scheme (IBAN, CLABE, CBU) but whose check digits fail: kept and flagged, never dropped. */
  readonly flaggedIdentifiers: string[] = [];
  readonly firstRejects: { line: number; reason: string; raw: string; key?: ErrorKey; params?: MessageParams }[] = [];
  /** Fields cut to FIELD_LIMITS: how many, and the first few. */
  truncated = 0;
  readonly firstTruncated: FieldCut[] = [];

  private readonly accounts = new Map<string, KnownAccount>();
  /** Account ids by the identifier exactly as the file wrote it: most rows name an account seen before. */
  private readonly accountsAsWritten = new Map<string, string>();
  private readonly subjects = new Map<string, string | null>();
  private readonly fingerprints = new Fingerprints();
  private readonly ids = new BulkIds();
  /** The import's rows digested as they are written (core/audit/digest.ts): a million rows are not read back. */
  private readonly digest: RowsDigestBuilder;
  private readonly insertTx: Statement;
  private readonly insertProblem: Statement;
  private readonly insertAccount: Statement;
  private readonly findFingerprint: Statement;
  /** A case with no transactions yet cannot hold a duplicate: skip the look-ups. */
  private readonly checkDuplicates: boolean;
  get checksDuplicates(): boolean {
    return this.checkDuplicates;
  }
  private seq: number;
  private readonly createdAt: string;

  constructor(
    private readonly ctx: Ctx,
    readonly caseId: string,
    private readonly importId: string,
    private readonly source: string,
  ) {
    const db = ctx.sqlite;
    this.insertTx = db.prepare(INSERT_TRANSACTION_SQL);
    this.insertAccount = db.prepare(
      'INSERT INTO accounts (id, case_id, kind, holder_subject_id, holder_name, institution, identifier, identifier_norm, currency, external, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    this.insertProblem = db.prepare('INSERT INTO import_rejects (id, import_id, line, raw, reason, kind) VALUES (?, ?, ?, ?, ?, ?)');
    this.findFingerprint = db.prepare('SELECT id FROM transactions WHERE case_id = ? AND fingerprint = ? LIMIT 1');
    this.checkDuplicates = db.prepare('SELECT 1 FROM transactions WHERE case_id = ? AND fingerprint IS NOT NULL LIMIT 1').get(caseId) !== undefined;
    this.seq = nextSeq(ctx, caseId);
    this.createdAt = ctx.now();
    this.digest = new RowsDigestBuilder('transactions', { import_id: importId }, TX_COLUMNS, true);
    const rows = db.prepare('SELECT id, identifier_norm AS norm, currency FROM accounts WHERE case_id = ?').all(caseId) as { id: string; norm: string; currency: string }[];
    for (const r of rows) this.accounts.set(r.norm, { id: r.id, currency: r.currency });
    const subjects = db.prepare('SELECT id, name, aliases FROM subjects WHERE case_id = ?').all(caseId) as { id: string; name: string; aliases: string }[];
    for (const s of subjects)
      for (const n of [s.name, ...(JSON.parse(s.aliases) as string[])]) {
        const key = n.trim().toLowerCase();
        // A name two subjects share identifies neither.
        this.subjects.set(key, this.subjects.has(key) && this.subjects.get(key) !== s.id ? null : s.id);
      }
  }

  /** Finds an account of the case by identifier, or creates it (audited by insertAccount). */
  account(identifier: string, currency: string, opts: { holderName?: string; institution?: string; external: boolean; at?: { line: number; raw: string } }): string {
    const seen = this.accountsAsWritten.get(identifier);
    if (seen !== undefined) return seen;
    const id = this.findOrCreateAccount(identifier, currency, opts);
    // Bounded: a file naming millions of distinct accounts keeps only the normalised map.
    if (this.accountsAsWritten.size < AS_WRITTEN_CACHE) this.accountsAsWritten.set(identifier, id);
    return id;
  }

  private findOrCreateAccount(identifier: string, currency: string, opts: { holderName?: string; institution?: string; external: boolean; at?: { line: number; raw: string } }): string {
    const norm = normaliseIdentifier(identifier);
    const known = this.accounts.get(norm);
    if (known) return known.id;
    // A statement's own account comes from its header: line 0 stands for "the statement's account".
    const at = opts.at ?? { line: 0, raw: '' };
    const holderName = this.fit(at, 'holderName', opts.holderName ?? '');
    // The row and its audit entry are what accounts.create writes; a raw prepared statement because a
    // statement of a million rows may name tens of thousands of counterparties (the map above rules out a clash).
    const row = {
      id: this.ids.next(),
      caseId: this.caseId,
      kind: 'bank' as const,
      identifier: this.fit(at, 'identifier', identifier.trim()),
      currency,
      holderName,
      holderSubjectId: (holderName && this.subjects.get(holderName.toLowerCase())) || undefined,
      institution: this.fit(at, 'institution', opts.institution ?? ''),
      external: opts.external,
      notes: `created by import of ${this.source}`,
      identifierNorm: norm,
    };
    const flag = checkAccountIdentifier(row.identifier, currency);
    if (flag && !flag.ok) {
      row.notes += `; FLAGGED: ${flag.message}`;
      this.flaggedIdentifiers.push(flag.message);
    }
    this.insertAccount.run(row.id, row.caseId, row.kind, row.holderSubjectId ?? null, row.holderName, row.institution, row.identifier, norm, currency, row.external ? 1 : 0, row.notes);
    this.ctx.audit({ entity: 'account', entityId: row.id, caseId: this.caseId, after: row });
    this.accounts.set(norm, { id: row.id, currency });
    this.accountsCreated++;
    return row.id;
  }

  /** The account of a statement, from what the file says about it. */
  statementAccount(a: StatementAccount): string {
    return this.account(a.identifier, a.currency, { holderName: a.holderName, institution: a.institution, external: false });
  }

  /** A statement line: money out goes from the statement account to the counterparty, money in the reverse. */
  statementRow(row: StatementRow, accountId: string): void {
    const key = this.timeKey(row);
    if (key === undefined) return;
    // Fitted before the fingerprint, so a re-import of the same file finds the same duplicates.
    row.counterpartyName = this.fit(row, 'counterpartyName', row.counterpartyName);
    row.counterpartyAccount = this.fit(row, 'counterpartyAccount', row.counterpartyAccount);
    row.reference = this.fit(row, 'reference', row.reference);
    row.memo = this.fit(row, 'memo', row.memo);
    const fp = this.fingerprints.next(statementKey(accountId, row.occurredAt, row.amountMinor, row.currency, row.reference));
    if (this.isDuplicate(fp, row)) return;
    let other: string | null = null;
    const cp = row.counterpartyAccount.trim();
    if (cp && normaliseIdentifier(cp).length >= 4) {
      other = this.account(cp, row.currency, { holderName: row.counterpartyName, external: true, at: row });
      if (other === accountId) other = null;
    }
    const out = row.amountMinor < 0n;
    const own = out ? -row.amountMinor : row.amountMinor;
    // An exchange: the sending side's amount and currency first, what the receiving side got after.
    const fx = row.counterAmountMinor !== undefined && row.counterCurrency ? { amount: row.counterAmountMinor, currency: row.counterCurrency } : undefined;
    const sent = out || !fx ? { amount: own, currency: row.currency } : fx;
    const got = !fx ? undefined : out ? fx : { amount: own, currency: row.currency };
    this.insert(out ? accountId : other, out ? other : accountId, sent.amount, sent.currency, got, row, key, fp, row.counterpartyName, row.balanceAfterMinor);
  }

  /** A ledger transfer between two accounts named by identifier. */
  ledgerRow(row: LedgerRow): void {
    const key = this.timeKey(row);
    if (key === undefined) return;
    row.reference = this.fit(row, 'reference', row.reference);
    row.memo = this.fit(row, 'memo', row.memo);
    const from = this.account(row.from, row.currency, { external: false, at: row });
    const to = this.account(row.to, row.toCurrency ?? row.currency, { external: false, at: row });
    if (from && from === to) return this.problem({ line: row.line, raw: row.raw, reason: 'from_account and to_account are the same account', kind: 'rejected' });
    const fp = this.fingerprints.next(ledgerKey(from, to, row.occurredAt, row.amountMinor, row.currency, row.reference));
    if (this.isDuplicate(fp, row)) return;
    const got = row.toAmountMinor !== undefined && row.toCurrency ? { amount: row.toAmountMinor, currency: row.toCurrency } : undefined;
    this.insert(from, to, row.amountMinor, row.currency, got, row, key, fp, '', null);
  }

  /** The ordering key of a row's booking (core/time.ts); an impossible date, time or offset is a reject naming the line. */
  private timeKey(row: StatementRow | LedgerRow): string | undefined {
    const p = parseBookedTimeRepeated(row.occurredAt);
    if (p.ok) {
      row.occurredAt = p.value.booked;
      return p.value.key;
    }
    this.problem({ line: row.line, raw: row.raw, reason: `date: ${p.error}`, kind: 'rejected' });
    return undefined;
  }

  /** Records a statement with its stated balances and what its rows moved (core/import/reconcile.ts). */
  statement(accountId: string, currency: string, r: Reconciliation, rowCount = 0): void {
    this.ctx.sqlite
      .prepare(
        `INSERT INTO statements (id, case_id, import_id, account_id, currency, opening_minor, opening_date, closing_minor, closing_date, moved_minor, row_count, first_date, last_date)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(this.ids.next(), this.caseId, this.importId, accountId, currency, r.opening?.minor ?? null, r.opening?.date ?? null, r.closing?.minor ?? null,
        r.closing?.date ?? null, r.moved, rowCount, r.firstDate ?? null, r.lastDate ?? null);
  }

  problem(p: RowProblem): void {
    if (p.kind === 'skipped') this.skipped++;
    else {
      this.rejected++;
      if (this.firstRejects.length < REPORTED_REJECTS) this.firstRejects.push({ line: p.line, reason: p.reason, raw: p.raw, key: p.key, params: p.params });
    }
    this.insertProblem.run(this.ids.next(), this.importId, p.line, clip(p.raw), p.reason, p.kind);
  }

  /** The value, or its first FIELD_LIMITS[field] characters with the cut recorded: never a silent cut. */
  private fit(at: { line: number; raw: string }, field: LimitedField, value: string): string {
    const max = FIELD_LIMITS[field];
    if (value.length <= max) return value;
    this.truncated++;
    const cut: FieldCut = { line: at.line, field, length: value.length, kept: max };
    if (this.firstTruncated.length < REPORTED_REJECTS) this.firstTruncated.push(cut);
    this.insertProblem.run(this.ids.next(), this.importId, at.line, clip(at.raw), truncationReason(cut), 'truncated');
    return value.slice(0, max);
  }

  private isDuplicate(fp: string, row: { line: number; raw: string }): boolean {
    if (!this.checkDuplicates) return false;
    const hit = this.findFingerprint.get(this.caseId, fp) as { id: string } | undefined;
    if (!hit) return false;
    this.duplicates++;
    this.insertProblem.run(this.ids.next(), this.importId, row.line, clip(row.raw), `duplicate of transaction ${hit.id} (same account, day, amount and reference)`, 'duplicate');
    return true;
  }

  private insert(
    from: string | null,
    to: string | null,
    amountMinor: Minor,
    currency: string,
    got: { amount: Minor; currency: string } | undefined,
    row: StatementRow | LedgerRow,
    timeKey: string,
    fingerprint: string,
    counterpartyName: string,
    balance: Minor | null,
  ): void {
    const values = [
      this.ids.next(), this.caseId, from, to, minorText(amountMinor), currency, got ? minorText(got.amount) : null, got?.currency ?? null,
      row.occurredAt, timeKey, 'valueDate' in row ? row.valueDate : null, row.method,
      row.reference, row.memo, counterpartyName, balance === null ? null : minorText(balance), this.importId, this.seq++, fingerprint, this.createdAt,
    ];
    this.insertTx.run(values);
    this.digest.add(values);
    this.imported++;
  }

  /** The digest of the rows this writer inserted, when it could be built alongside (else the caller reads them back). */
  rowsDigest(): RowsDigest | undefined {
    return this.digest.result(this.ctx.sqlite);
  }
}

/** "memo: 2,345 characters, longer than the 2,000 kept: the rest was cut". */
export const truncationReason = (c: FieldCut) =>
  `${c.field}: ${c.length.toLocaleString('en-US')} characters, longer than the ${c.kept.toLocaleString('en-US')} kept: the rest was cut`;
