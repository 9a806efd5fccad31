import { XMLParser } from 'fast-xml-parser';
import { invalid } from '../errors.js';
import { textOf } from '../text-of.js';
import { isKnownCurrency, parseAmount, type Minor } from '../money.js';
import { isIsoDate } from '../dates.js';
import { parseBookedTime } from '../time.js';
import { clip, lineIndex, type ParsedStatement, type RowProblem, type StatedBalance, type StatementRow } from './rows.js';

/** ISO 20022 bank-to-customer messages: statement (053), report (052), notification (054). */
/**
 * A parsed element: its children by name. A leaf is text at run time (str() reads it); a lookup on
 * text or on a missing child gives undefined, so a chain of optional lookups is safe either way.
 */
interface X {
  readonly [name: string]: X | undefined;
}

const ARRAYS = new Set(['Stmt', 'Rpt', 'Ntfctn', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'AddtlNtryInf', 'Bal']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(name),
});

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? str((v as X)['#text']) : textOf(v)).trim();
const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** Offsets of every <Ntry> start tag, in document order: the parser keeps that order, so the k-th entry is here. */
function entryOffsets(text: string): number[] {
  const out: number[] = [];
  const re = /<(?:\w+:)?Ntry[\s>]/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m.index);
  return out;
}

function accountId(acct: X | undefined): string {
  const id = acct?.Id ?? {};
  return str(id.IBAN) || str(id.Othr?.Id) || str(id.BBAN) || str(id.UPIC);
}

/**
 * The booking of a camt date choice (<Dt> or <DtTm>) in normal form, the offset kept as the bank
 * wrote it (core/time.ts); an error names the field, undefined when the choice is absent.
 */
function camtDate(v: X | undefined, field: string): { at: string } | { error: string } | undefined {
  if (!v) return undefined;
  const text = str(v.Dt) || str(v.DtTm);
  if (!text) return undefined;
  const p = parseBookedTime(text);
  return p.ok ? { at: p.value.booked } : { error: `${field}: ${p.error}` };
}

/** The date a statement speaks for (its period's end, else when it was made): the last fallback for a booking date. */
function statementDate(s: X): string | undefined {
  for (const t of [str(s.FrToDt?.ToDtTm), str(s.CreDtTm)]) if (t && isIsoDate(t.slice(0, 10))) return t.slice(0, 10);
  return undefined;
}

function amountOf(a: unknown): { text: string; currency: string } | undefined {
  if (a === undefined) return undefined;
  return { text: str(a), currency: str((a as X)['@Ccy']).toUpperCase() };
}

/** The amount of one transaction detail, if it has its own. */
const detailAmount = (tx: X) => amountOf(tx.Amt) ?? amountOf(tx.AmtDtls?.TxAmt?.Amt) ?? amountOf(tx.AmtDtls?.InstdAmt?.Amt);

function party(p: X | undefined): string {
  return str(p?.Nm) || str(p?.Pty?.Nm) || str(p?.Agt?.FinInstnId?.Nm);
}

/** Parses every statement (or report, or notification) of a camt.05x file. */
export function parseCamt(text: string): ParsedStatement[] {
  let doc: X;
  try {
    doc = parser.parse(text) as X;
  } catch (e) {
    throw invalid('file', `not well-formed XML: ${(e as Error).message}`);
  }
  const root = doc.Document ?? {};
  const message = root.BkToCstmrStmt ?? root.BkToCstmrAcctRpt ?? root.BkToCstmrDbtCdtNtfctn;
  if (!message) throw invalid('file', 'not an ISO 20022 camt.052/053/054 document (no BkToCstmrStmt, BkToCstmrAcctRpt or BkToCstmrDbtCdtNtfctn)');
  const sections = [...list<X>(message.Stmt), ...list<X>(message.Rpt), ...list<X>(message.Ntfctn)];
  const offsets = entryOffsets(text);
  const lineOf = lineIndex(text);
  let k = 0;
  return sections.map((s) => {
    const identifier = accountId(s.Acct);
    const entries = list<X>(s.Ntry);
    const currency = (str(s.Acct?.Ccy) || amountOf(entries[0]?.Amt)?.currency || amountOf(list<X>(s.Bal)[0]?.Amt)?.currency || '').toUpperCase();
    if (!identifier) throw invalid('file', `statement ${str(s.Id)} names no account (Acct/Id)`);
    if (!isKnownCurrency(currency)) throw invalid('file', `statement ${str(s.Id)} names no known currency`);
    const rows = entries.flatMap((e) => {
      const at = offsets[k++] ?? 0;
      const end = text.indexOf('Ntry>', at + 5);
      return entryRows(e, lineOf(at), clip(text.slice(at, end < 0 ? at + 2000 : end + 5)), currency, statementDate(s));
    });
    const balances = statementBalances(s, currency, lineOf, text);
    return {
      ...balances,
      account: { identifier, currency, holderName: party(s.Acct?.Ownr), institution: str(s.Acct?.Svcr?.FinInstnId?.BICFI) || str(s.Acct?.Svcr?.FinInstnId?.BIC) },
      rows,
    };
  });
}

/** Opening (OPBD, else PRCD) and closing (CLBD) booked balances of a statement, when it states them. */
function statementBalances(s: X, currency: string, lineOf: (o: number) => number, text: string): { opening?: StatedBalance; closing?: StatedBalance } {
  const out: { opening?: StatedBalance; closing?: StatedBalance } = {};
  const id = str(s.Id);
  const line = id ? lineOf(Math.max(0, text.indexOf(`<Id>${id}</Id>`))) : 1;
  for (const b of list<X>(s.Bal)) {
    const code = str(b.Tp?.CdOrPrtry?.Cd);
    const a = amountOf(b.Amt);
    if (!a || (a.currency && a.currency !== currency)) continue;
    const p = parseAmount(a.text, currency);
    const d = str(b.Dt?.Dt) || str(b.Dt?.DtTm);
    if (!p.ok || !d) continue;
    const bal = { minor: str(b.CdtDbtInd) === 'DBIT' ? -p.minor : p.minor, date: d.slice(0, 10), line };
    if (code === 'OPBD' || (code === 'PRCD' && !out.opening)) out.opening = bal;
    else if (code === 'CLBD') out.closing = bal;
  }
  return out;
}

function entryRows(e: X, line: number, raw: string, accountCurrency: string, stmtDate: string | undefined): (StatementRow | RowProblem)[] {
  const reject = (reason: string, kind: RowProblem['kind'] = 'rejected'): RowProblem[] => [{ line, raw, reason, kind }];
  const status = str(e.Sts?.Cd ?? e.Sts);
  if (status && status !== 'BOOK') return reject(`entry status ${status}: not booked`, 'skipped');
  const amt = amountOf(e.Amt);
  if (!amt?.text) return reject('entry amount (Amt) is missing');
  const currency = amt.currency || accountCurrency;
  const sign = str(e.CdtDbtInd) === 'DBIT' ? -1n : str(e.CdtDbtInd) === 'CRDT' ? 1n : 0n;
  if (!sign) return reject(`credit/debit indicator "${str(e.CdtDbtInd)}" is neither CRDT nor DBIT`);
  const total = parseAmount(amt.text, currency);
  if (!total.ok) return reject(`Amt: ${total.error}`);
  if (total.minor === 0n) return reject('amount is 0.00: nothing moved', 'skipped');
  // camt.053.001.08 makes BookgDt optional: fall back to the value date, then the statement's date.
  const booked = camtDate(e.BookgDt, 'BookgDt') ?? camtDate(e.ValDt, 'ValDt') ?? (stmtDate ? { at: stmtDate } : undefined);
  if (!booked) return reject('booking date (BookgDt) is missing, and so are the value date and the statement date');
  if ('error' in booked) return reject(booked.error);
  const value = camtDate(e.ValDt, 'ValDt');
  if (value && 'error' in value) return reject(value.error);
  const occurredAt = booked.at;
  const valueDate = value ? value.at.slice(0, 10) : null;
  const details = list<X>(e.NtryDtls).flatMap((d) => list<X>(d.TxDtls));
  const reversal = str(e.RvslInd) === 'true';
  const entryInfo = list(e.AddtlNtryInf).map(str).filter(Boolean);
  const base = { line, raw, occurredAt, valueDate, balanceAfterMinor: null, method: 'other' as const };
  const entryRef = str(e.AcctSvcrRef) || str(e.NtryRef);
  const split = splitDetails(details, total.minor, currency, sign);
  if (split) return split.map((d) => ({ ...base, ...describe(d.tx, Number(sign), entryInfo, reversal, entryRef), amountMinor: d.minor, currency }));
  const single = details.length === 1 ? details[0] : {};
  const fx = exchange(e, single, currency, accountCurrency, total.minor);
  if (fx && 'error' in fx) return reject(fx.error);
  const row: StatementRow = { ...base, ...describe(single, Number(sign), entryInfo, reversal, entryRef), amountMinor: sign * total.minor, currency };
  if (fx) Object.assign(row, { amountMinor: sign * fx.own, currency: fx.ownCurrency, counterAmountMinor: fx.other, counterCurrency: fx.otherCurrency });
  return [row];
}

/**
 * An exchange the entry states: its amount details (AmtDtls: InstdAmt, TxAmt, CntrValAmt, with
 * CcyXchg) name an amount in another currency than the entry's. The account's own side is the
 * amount in the account's currency; the other side is what the counterparty paid or got.
 */
function exchange(e: X, tx: X, entryCurrency: string, accountCurrency: string, entryMinor: Minor) {
  const amounts: { text: string; currency: string }[] = [];
  for (const d of [e.AmtDtls, tx.AmtDtls]) {
    if (!d) continue;
    for (const k of ['InstdAmt', 'TxAmt', 'CntrValAmt']) {
      const a = amountOf(d[k]?.Amt);
      if (a?.text && a.currency) amounts.push(a);
    }
  }
  const foreign = amounts.filter((a) => a.currency !== entryCurrency);
  if (foreign.length === 0) return undefined;
  const parse = (a: { text: string; currency: string }, what: string) => {
    const p = parseAmount(a.text, a.currency);
    return p.ok ? (p.minor < 0n ? -p.minor : p.minor) : { error: `AmtDtls ${what}: ${p.error}` };
  };
  // The entry booked in a foreign currency while the account's own amount is in the details: the account's side is that one.
  if (entryCurrency !== accountCurrency) {
    const own = foreign.find((a) => a.currency === accountCurrency);
    if (own) {
      const m = parse(own, own.currency);
      if (typeof m !== 'bigint') return m;
      return { own: m, ownCurrency: accountCurrency, other: entryMinor, otherCurrency: entryCurrency };
    }
  }
  const other = foreign[0];
  const m = parse(other, other.currency);
  if (typeof m !== 'bigint') return m;
  return { own: entryMinor, ownCurrency: entryCurrency, other: m, otherCurrency: other.currency };
}

/**
 * A batch booking (one entry, many TxDtls) is split into its transfers when every detail carries its
 * own amount in the entry's currency and they add up to the entry exactly; otherwise the entry stays whole.
 */
function splitDetails(details: X[], totalMinor: Minor, currency: string, sign: bigint) {
  if (details.length < 2) return undefined;
  const out: { tx: X; minor: Minor }[] = [];
  let sum = 0n;
  for (const tx of details) {
    const a = detailAmount(tx);
    if (!a || (a.currency && a.currency !== currency)) return undefined;
    const p = parseAmount(a.text, currency);
    if (!p.ok) return undefined;
    const s = str(tx.CdtDbtInd) === 'DBIT' ? -1n : str(tx.CdtDbtInd) === 'CRDT' ? 1n : sign;
    sum += s * p.minor;
    out.push({ tx, minor: s * p.minor });
  }
  return sum === sign * totalMinor ? out : undefined;
}

/** Counterparty, reference and text of a transfer: the debtor for money in, the creditor for money out. */
function describe(tx: X, sign: number, entryInfo: string[], reversal: boolean, entryRef: string) {
  const parties = tx.RltdPties ?? {};
  const incoming = sign > 0;
  const name = incoming ? party(parties.Dbtr) || party(parties.UltmtDbtr) : party(parties.Cdtr) || party(parties.UltmtCdtr);
  const account = accountId(incoming ? parties.DbtrAcct : parties.CdtrAcct);
  const refs = tx.Refs ?? {};
  const endToEnd = str(refs.EndToEndId);
  const reference = (endToEnd && endToEnd !== 'NOTPROVIDED' ? endToEnd : '') || str(refs.AcctSvcrRef) || str(refs.TxId) || entryRef;
  const remittance = [...list(tx.RmtInf?.Ustrd).map(str), str(tx.RmtInf?.Strd?.CdtrRefInf?.Ref), str(tx.AddtlTxInf)];
  const memo = [reversal ? 'REVERSAL' : '', ...entryInfo, ...remittance].filter(Boolean).join(' | ');
  return {
    counterpartyName: name.replace(/\s+/g, ' '),
    counterpartyAccount: account,
    reference,
    memo: memo.replace(/\s+/g, ' '),
  };
}
