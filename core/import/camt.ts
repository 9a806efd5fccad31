import { XMLParser } from 'fast-xml-parser';
import { invalid } from '../errors.js';
import { isKnownCurrency, parseAmount } from '../money.js';
import { isIsoDate } from '../dates.js';
import { clip, lineIndex, type ParsedStatement, type RowProblem, type StatementRow } from './rows.js';

/** ISO 20022 bank-to-customer messages: statement (053), report (052), notification (054). */
type X = Record<string, any>;

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

const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? str((v as X)['#text']) : String(v)).trim();
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

/** Date or date-time of a camt date choice (<Dt> or <DtTm>), as ISO; fractions beyond ms dropped. */
function camtDate(v: X | undefined): string | undefined {
  if (!v) return undefined;
  const d = str(v.Dt);
  if (d) return isIsoDate(d.slice(0, 10)) ? d.slice(0, 10) : undefined;
  const dt = str(v.DtTm);
  if (!dt || !isIsoDate(dt.slice(0, 10))) return undefined;
  return dt.replace(/(\.\d{3})\d+/, '$1');
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
  const sections: X[] = [...list(message.Stmt), ...list(message.Rpt), ...list(message.Ntfctn)];
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
      return entryRows(e, lineOf(at), clip(text.slice(at, end < 0 ? at + 2000 : end + 5)), currency);
    });
    return {
      account: { identifier, currency, holderName: party(s.Acct?.Ownr), institution: str(s.Acct?.Svcr?.FinInstnId?.BICFI) || str(s.Acct?.Svcr?.FinInstnId?.BIC) },
      rows,
    };
  });
}

function entryRows(e: X, line: number, raw: string, accountCurrency: string): (StatementRow | RowProblem)[] {
  const reject = (reason: string, kind: RowProblem['kind'] = 'rejected'): RowProblem[] => [{ line, raw, reason, kind }];
  const status = str(e.Sts?.Cd ?? e.Sts);
  if (status && status !== 'BOOK') return reject(`entry status ${status}: not booked`, 'skipped');
  const amt = amountOf(e.Amt);
  if (!amt?.text) return reject('entry amount (Amt) is missing');
  const currency = amt.currency || accountCurrency;
  const sign = str(e.CdtDbtInd) === 'DBIT' ? -1 : str(e.CdtDbtInd) === 'CRDT' ? 1 : 0;
  if (!sign) return reject(`credit/debit indicator "${str(e.CdtDbtInd)}" is neither CRDT nor DBIT`);
  const total = parseAmount(amt.text, currency);
  if (!total.ok) return reject(`Amt: ${total.error}`);
  const occurredAt = camtDate(e.BookgDt) ?? camtDate(e.ValDt);
  if (!occurredAt) return reject('booking date (BookgDt) is missing or not a real date');
  const valueDate = camtDate(e.ValDt)?.slice(0, 10) ?? null;
  const details = list<X>(e.NtryDtls).flatMap((d) => list<X>(d.TxDtls));
  const reversal = str(e.RvslInd) === 'true';
  const entryInfo = list(e.AddtlNtryInf).map(str).filter(Boolean);
  const base = { line, raw, occurredAt, valueDate, balanceAfterMinor: null, method: 'other' as const };
  const split = splitDetails(details, total.minor, currency, sign);
  if (split) return split.map((d) => ({ ...base, ...describe(d.tx, sign, entryInfo, reversal, str(e.AcctSvcrRef) || str(e.NtryRef)), amountMinor: d.minor, currency }));
  return [{ ...base, ...describe(details.length === 1 ? details[0] : {}, sign, entryInfo, reversal, str(e.AcctSvcrRef) || str(e.NtryRef)), amountMinor: sign * total.minor, currency }];
}

/**
 * A batch booking (one entry, many TxDtls) is split into its transfers when every detail carries its
 * own amount in the entry's currency and they add up to the entry exactly; otherwise the entry stays whole.
 */
function splitDetails(details: X[], totalMinor: number, currency: string, sign: number) {
  if (details.length < 2) return undefined;
  const out: { tx: X; minor: number }[] = [];
  let sum = 0;
  for (const tx of details) {
    const a = detailAmount(tx);
    if (!a || (a.currency && a.currency !== currency)) return undefined;
    const p = parseAmount(a.text, currency);
    if (!p.ok) return undefined;
    const s = str(tx.CdtDbtInd) === 'DBIT' ? -1 : str(tx.CdtDbtInd) === 'CRDT' ? 1 : sign;
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
    counterpartyName: name.replace(/\s+/g, ' ').slice(0, 300),
    counterpartyAccount: account.slice(0, 200),
    reference: reference.slice(0, 200),
    memo: memo.replace(/\s+/g, ' ').slice(0, 2000),
  };
}
