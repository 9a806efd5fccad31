import type { Ctx } from '../context.js';
import { isKnownCurrency, parseAmount } from '../money.js';
import { parseBookedTime } from '../time.js';
import { normaliseIdentifier } from '../accounts/schemas.js';
import type { ImportProgress } from './progress.js';
import type { ImportWriter } from './writer.js';
import type { StatementRow } from './rows.js';
import { SubjectSink } from './subject-sink.js';
import { readSide, type GoamlSide } from './goaml-parties.js';
import { child, childText, childrenNamed, streamXmlRecords, xmlError, type XmlNode } from './xml-records.js';

/** Where a goAML report came from: what the case keeps as the import's provenance. */
export interface GoamlProvenance {
  rentityId: string;
  rentityBranch: string;
  submissionCode: string;
  reportCode: string;
  entityReference: string;
  fiuRefNumber: string;
  /** submission_date (schema 4.x/5.0) or report_date (5.0+), as the report states it. */
  submissionDate: string;
  currencyLocal: string;
  indicators: string[];
}

export interface GoamlImportResult {
  report: GoamlProvenance;
  transactions: number;
  subjectsCreated: number;
  holdersLinked: number;
  flaggedIdentifiers: string[];
}

const REQUIRED_HEADER = ['rentity_id', 'submission_code', 'report_code', 'currency_code_local'] as const;

/** goAML's common transmode codes (each FIU keeps its own list): cash, cheque, card; the rest "other". */
const METHODS: Record<string, StatementRow['method']> = { A: 'cash', K: 'cash', C: 'check', D: 'card' };

/**
 * Reads a goAML report (schema 4.x/5.x: STR, CTR, SAR...) streaming, one transaction at a time,
 * into the case: the parties' accounts through the import writer, the persons and entities as
 * subjects noted with the report's provenance. A structural error (missing element, bad amount or
 * date, a transaction without both sides) names element and line and throws: the import's
 * transaction then leaves the case as it was.
 */
export async function importGoaml(path: string, ctx: Ctx, writer: ImportWriter, progress: ImportProgress, fileName: string): Promise<GoamlImportResult> {
  const header = new Map<string, { text: string; line: number }>();
  let reportLine = 0;
  let report: GoamlProvenance | undefined;
  const indicators: string[] = [];
  const sink = new SubjectSink(ctx, writer.caseId);
  const holders = new Map<string, string>();
  let transactions = 0;

  const provenance = (): GoamlProvenance => {
    if (report) return report;
    for (const k of REQUIRED_HEADER) if (!header.get(k)?.text) throw xmlError('report', reportLine, `the required element <${k}> is missing or empty before the first transaction`);
    const date = header.get('submission_date') ?? header.get('report_date');
    if (!date?.text) throw xmlError('report', reportLine, 'the required element <submission_date> (or <report_date>) is missing before the first transaction');
    if (!parseBookedTime(date.text).ok) throw xmlError(header.has('submission_date') ? 'submission_date' : 'report_date', date.line, `"${date.text}" is not a date`);
    const rentity = header.get('rentity_id')!;
    if (!/^\d+$/.test(rentity.text) || rentity.text === '0') throw xmlError('rentity_id', rentity.line, `"${rentity.text}" is not a positive whole number`);
    const currency = header.get('currency_code_local')!;
    if (!isKnownCurrency(currency.text.toUpperCase())) throw xmlError('currency_code_local', currency.line, `"${currency.text}" is not an ISO 4217 currency code`);
    const t = (k: string) => header.get(k)?.text ?? '';
    report = {
      rentityId: rentity.text, rentityBranch: t('rentity_branch'), submissionCode: t('submission_code'), reportCode: t('report_code'),
      entityReference: t('entity_reference'), fiuRefNumber: t('fiu_ref_number'), submissionDate: date.text, currencyLocal: currency.text.toUpperCase(), indicators,
    };
    return report;
  };
  const noteFor = (r: GoamlProvenance, role: string, line: number) =>
    `named in goAML ${r.reportCode} report of reporting entity ${r.rentityId}${r.rentityBranch ? ` (${r.rentityBranch})` : ''}${r.entityReference ? `, reference ${r.entityReference}` : ''}, submitted ${r.submissionDate.slice(0, 10)}, as ${role} (${fileName} line ${line})`;

  const transaction = (n: XmlNode) => {
    const r = provenance();
    const number = childText(n, 'transactionnumber');
    if (!number) throw xmlError('transaction', n.line, 'the required element <transactionnumber> is missing or empty');
    const raw = `goAML transaction ${number}`;
    const dateNode = child(n, 'date_transaction');
    const date = dateNode?.text.trim() ?? '';
    if (!date) throw xmlError('transaction', n.line, `transaction ${number}: the required element <date_transaction> is missing`);
    const time = parseBookedTime(date);
    if (!time.ok) throw xmlError('date_transaction', dateNode!.line, `transaction ${number}: "${date}" is not a date: ${time.error}`);
    const amountNode = child(n, 'amount_local');
    if (!amountNode?.text.trim()) throw xmlError('transaction', n.line, `transaction ${number}: the required element <amount_local> is missing`);
    const amount = parseAmount(amountNode.text, r.currencyLocal);
    if (!amount.ok) throw xmlError('amount_local', amountNode.line, `transaction ${number}: ${amount.error}`);
    if (amount.minor <= 0n) throw xmlError('amount_local', amountNode.line, `transaction ${number}: the amount must be positive (the sides say which way it went), not ${amountNode.text.trim()}`);
    transactions++;
    if (child(n, 'involved_parties')) {
      writer.problem({ line: n.line, raw, reason: 'multi-party transaction (<involved_parties>): its parties have no from/to side, so it is kept here and not booked', kind: 'skipped' });
      return;
    }
    const from = sideOf(n, 'from', number, r.currencyLocal);
    const to = sideOf(n, 'to', number, r.currencyLocal);
    for (const side of [from, to]) {
      for (const s of side.subjects) {
        const id = sink.subject(s, noteFor(r, s.role, s.line));
        if (side.account && side.account.holderName.toLowerCase() === s.name.toLowerCase()) holders.set(normaliseIdentifier(side.account.identifier), id);
      }
    }
    // The side with an account books the row; the other side is its counterparty.
    const main = from.account ? from : to.account ? to : undefined;
    if (!main?.account) {
      writer.problem({ line: n.line, raw, reason: `transaction ${number}: neither side names an account (${from.element} and ${to.element} name only persons or entities): kept here, not booked`, kind: 'skipped' });
      return;
    }
    const other = main === from ? to : from;
    const accountId = writer.account(main.account.identifier, main.account.currency, { holderName: main.account.holderName, institution: main.account.institution, external: !main.myClient, at: { line: n.line, raw } });
    if (other.account)
      writer.account(other.account.identifier, other.account.currency, { holderName: other.account.holderName, institution: other.account.institution, external: !other.myClient, at: { line: n.line, raw } });
    const foreign = to.foreign ?? from.foreign;
    let counter: { amount: bigint; currency: string } | undefined;
    if (foreign && foreign.currency !== r.currencyLocal) {
      const f = parseAmount(foreign.amount, foreign.currency);
      if (!f.ok) throw xmlError('foreign_amount', foreign.line, `transaction ${number}: ${f.error}`);
      counter = { amount: f.minor < 0n ? -f.minor : f.minor, currency: foreign.currency };
    }
    const description = [childText(n, 'transaction_description'), childText(n, 'transaction_location')].filter((s) => s && !/^-+$/.test(s)).join(' — ');
    const row: StatementRow = {
      line: n.line, raw, occurredAt: date.endsWith('T00:00:00') ? date.slice(0, 10) : date, valueDate: childText(n, 'value_date').slice(0, 10) || null,
      amountMinor: main === from ? -amount.minor : amount.minor, currency: r.currencyLocal,
      ...(counter ? { counterAmountMinor: counter.amount, counterCurrency: counter.currency } : {}),
      counterpartyName: other.name, counterpartyAccount: other.account?.identifier ?? '', reference: number,
      memo: description, balanceAfterMinor: null, method: METHODS[childText(n, 'transmode_code')] ?? 'other',
    };
    writer.statementRow(row, accountId);
  };

  await streamXmlRecords(path, {
    root(name, line) {
      reportLine = line;
      if (name !== 'report') throw xmlError(name, line, 'a goAML file has <report> as its root element');
    },
    isRecord: (name, depth) => depth === 1 && (name === 'transaction' || name === 'report_indicators' || name === 'activity'),
    record(n) {
      if (n.name === 'transaction') transaction(n);
      else if (n.name === 'report_indicators') indicators.push(...childrenNamed(n, 'indicator').map((i) => i.text.trim()).filter((s) => s && !/^-+$/.test(s)));
      else writer.problem({ line: n.line, raw: 'goAML activity', reason: 'an <activity> report holds no transactions: its parties are not imported', kind: 'skipped' });
    },
    header(n) {
      header.set(n.name, { text: n.text.trim(), line: n.line });
    },
    progress: (bytes) => progress.tick('importing', writer.imported, bytes),
  });
  const r = provenance();
  return { report: r, transactions, subjectsCreated: sink.created, holdersLinked: sink.linkHolders(holders), flaggedIdentifiers: sink.flagged };
}

/** The transaction's from or to side: exactly one of t_from / t_from_my_client (t_to / t_to_my_client). */
function sideOf(n: XmlNode, dir: 'from' | 'to', number: string, localCurrency: string): GoamlSide {
  const sides = [child(n, `t_${dir}`), child(n, `t_${dir}_my_client`)].filter((s): s is XmlNode => s !== undefined);
  if (sides.length !== 1)
    throw xmlError('transaction', n.line, `transaction ${number}: a bi-party transaction has exactly one <t_${dir}> or <t_${dir}_my_client>, not ${sides.length}`);
  return readSide(sides[0], dir, localCurrency);
}
