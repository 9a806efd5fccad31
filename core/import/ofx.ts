import { invalid } from '../errors.js';
import { isKnownCurrency, minorDigits, parseAmount, type Minor } from '../money.js';
import { parseBookedTime } from '../time.js';
import { clip, lineIndex, type ParsedStatement, type RowProblem, type StatedBalance, type StatementRow } from './rows.js';

/**
 * OFX 1.x is SGML: leaf elements are not closed (`<TRNAMT>-6.60`), aggregates are. OFX 2.x is XML,
 * and some banks mix the two. One reader handles all: a tag followed by text is a leaf; a tag
 * followed by another tag opens an aggregate that its end tag closes.
 */
interface Node {
  tag: string;
  text?: string;
  children: Node[];
  /** Offset of the start tag in the text, for line numbers. */
  at: number;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (m, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : ENTITIES[e.toLowerCase()] ?? m,
  );

function parseTree(text: string): Node {
  const root: Node = { tag: '#root', children: [], at: 0 };
  const stack: Node[] = [root];
  /** The last start tag: a leaf if text follows it, an aggregate if another start tag does. */
  let pending: Node | undefined;
  const re = /<!\[CDATA\[([\s\S]*?)\]\]>|<(\/?)([A-Za-z0-9_.]+)[^>]*>|([^<]+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const [, cdata, slash, tag, body] = m;
    if (cdata !== undefined || body !== undefined) {
      const value = cdata ?? decode(body).trim();
      if (pending && (cdata !== undefined || value !== '')) pending.text = (pending.text ?? '') + value;
      continue;
    }
    const name = tag.toUpperCase();
    if (slash) {
      const closesPending = pending?.tag === name;
      pending = undefined;
      if (closesPending) continue;
      const i = stack.map((n) => n.tag).lastIndexOf(name);
      if (i > 0) stack.length = i;
      continue;
    }
    if (pending && pending.text === undefined) stack.push(pending);
    const node: Node = { tag: name, children: [], at: m.index };
    stack[stack.length - 1].children.push(node);
    pending = node;
  }
  return root;
}

const find = (n: Node, tag: string): Node | undefined => {
  for (const c of n.children) {
    if (c.tag === tag) return c;
    const d = find(c, tag);
    if (d) return d;
  }
  return undefined;
};
const all = (n: Node, tag: string, out: Node[] = []): Node[] => {
  for (const c of n.children) {
    if (c.tag === tag) out.push(c);
    else all(c, tag, out);
  }
  return out;
};
const leaf = (n: Node | undefined, tag: string) => (n ? n.children.find((c) => c.tag === tag)?.text?.trim() ?? '' : '');

/**
 * OFX date-time `YYYYMMDD[HHMMSS[.XXX]][[gmt offset[:tz name]]]` in normal form (core/time.ts), the
 * offset kept as written: `20240102122000.000[-5:EST]` is `2024-01-02T12:20:00-05:00`. Midnight
 * with no fraction is how OFX writes a date alone, so it stays a date. Undefined when it is not a
 * date-time at all; an impossible date, time or offset is an error naming it.
 */
export function ofxDate(s: string): string | { error: string } | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?(?:[.:](\d+))?)?\s*(?:\[\s*([+-]?\d+(?:\.\d+)?)(?::[^\]]*)?\])?$/.exec(s.trim());
  if (!m) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const frac = (m[7] ?? '').replace(/0+$/, '');
  const timed = m[4] !== undefined && !(m[4] === '00' && m[5] === '00' && (m[6] ?? '00') === '00' && !frac);
  let text = timed ? `${date}T${m[4]}:${m[5]}:${m[6] ?? '00'}${frac ? '.' + frac : ''}` : date;
  if (timed && m[8] !== undefined) {
    const hours = Number(m[8]);
    const minutes = Math.round(Math.abs(hours) * 60);
    text += `${hours < 0 ? '-' : '+'}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  }
  const p = parseBookedTime(text);
  return p.ok ? p.value.booked : { error: p.error };
}

/** A rate as an exact fraction: "1.2345" is 12345/10000. */
function rateOf(text: string): { n: bigint; d: bigint } | undefined {
  const m = /^(\d+)(?:[.,](\d+))?$/.exec(text.trim());
  if (!m) return undefined;
  const n = BigInt(m[1] + (m[2] ?? ''));
  return n > 0n ? { n, d: 10n ** BigInt((m[2] ?? '').length) } : undefined;
}

/** amount (minor units of `from`) * n / d in minor units of `to`, rounded half up (docs: a rate's product is the one rounding import does). */
function convert(amount: Minor, from: string, to: string, n: bigint, d: bigint): Minor {
  const scale = 10n ** BigInt(minorDigits(to)!);
  const unscale = 10n ** BigInt(minorDigits(from)!);
  const num = amount * n * scale * 2n;
  const den = d * unscale * 2n;
  return (num + den / 2n) / den;
}

const METHOD: Record<string, StatementRow['method']> = {
  CHECK: 'check', ATM: 'cash', CASH: 'cash', POS: 'card', DIRECTDEBIT: 'ach', DIRECTDEP: 'ach', XFER: 'wire', PAYMENT: 'other',
};

/** Parses every bank and credit-card statement of an OFX/QFX file. */
export function parseOfx(text: string, fallbackCurrency?: string): ParsedStatement[] {
  const start = text.search(/<OFX>/i);
  if (start < 0) throw invalid('file', 'not an OFX file: no <OFX> element');
  const lineOf = lineIndex(text);
  const tree = parseTree(text.slice(start));
  const statements = [...all(tree, 'STMTRS'), ...all(tree, 'CCSTMTRS')];
  if (statements.length === 0) throw invalid('file', 'the OFX file holds no bank or credit-card statement (STMTRS)');
  return statements.map((st) => {
    const acct = find(st, 'BANKACCTFROM') ?? find(st, 'CCACCTFROM');
    const acctId = leaf(acct, 'ACCTID');
    const bankId = leaf(acct, 'BANKID');
    const curdef = leaf(st, 'CURDEF').toUpperCase();
    const firstCur = find(st, 'CURSYM')?.text?.trim().toUpperCase() ?? '';
    const currency = [curdef, firstCur, fallbackCurrency ?? ''].find((c) => c && isKnownCurrency(c)) ?? '';
    if (!acctId) throw invalid('file', `line ${lineOf(start + st.at)}: statement without an account number (ACCTID)`);
    if (!currency) throw invalid('currency', `line ${lineOf(start + st.at)}: the statement names no currency (CURDEF); choose one`);
    const rows = all(st, 'STMTTRN').map((t) => ofxRow(t, text, start, lineOf, currency));
    return {
      closing: ledgerBalance(st, currency, lineOf(start + st.at)),
      account: { identifier: acctId, currency, institution: bankId },
      rows,
    };
  });
}

/** LEDGERBAL: the booked balance at DTASOF, the statement's closing balance. */
function ledgerBalance(st: Node, currency: string, line: number): StatedBalance | undefined {
  const lb = find(st, 'LEDGERBAL');
  const amount = leaf(lb, 'BALAMT');
  const asOf = ofxDate(leaf(lb, 'DTASOF'));
  if (!amount || typeof asOf !== 'string') return undefined;
  const p = parseAmount(amount, currency, { decimal: amount.includes(',') && !amount.includes('.') ? ',' : '.' });
  return p.ok ? { minor: p.minor, date: asOf.slice(0, 10), line } : undefined;
}

function ofxRow(t: Node, text: string, base: number, lineOf: (offset: number) => number, currency: string): StatementRow | RowProblem {
  const line = lineOf(base + t.at);
  const endTag = text.indexOf('</STMTTRN>', base + t.at);
  const raw = clip(text.slice(base + t.at, endTag < 0 ? base + t.at + 2000 : endTag + 10).trim());
  const reject = (reason: string, kind: RowProblem['kind'] = 'rejected'): RowProblem => ({ line, raw, reason, kind });
  const posted = leaf(t, 'DTPOSTED') || leaf(t, 'DTUSER');
  const occurredAt = ofxDate(posted);
  if (occurredAt === undefined) return reject(posted ? `DTPOSTED "${posted}" is not a date (YYYYMMDD[HHMMSS][[offset:zone]])` : 'DTPOSTED is missing');
  if (typeof occurredAt !== 'string') return reject(`DTPOSTED: ${occurredAt.error}`);
  const fx = ofxCurrency(t, currency);
  if ('error' in fx) return reject(fx.error);
  const cur = fx.trnCurrency;
  const amountText = leaf(t, 'TRNAMT');
  if (!amountText) return reject('TRNAMT is missing');
  const amount = parseAmount(amountText, cur, { decimal: amountText.includes(',') && !amountText.includes('.') ? ',' : '.' });
  if (!amount.ok) return reject(`TRNAMT: ${amount.error}`);
  if (amount.minor === 0n) return reject('amount is 0.00: nothing moved', 'skipped');
  const value = ofxDate(leaf(t, 'DTAVAIL'));
  const exchangeRow = fx.exchange ? fx.exchange(amount.minor) : undefined;
  const to = find(t, 'BANKACCTTO') ?? find(t, 'CCACCTTO');
  const type = leaf(t, 'TRNTYPE').toUpperCase();
  const name = leaf(t, 'NAME') || leaf(find(t, 'PAYEE'), 'NAME');
  const memo = leaf(t, 'MEMO');
  return {
    line,
    raw,
    occurredAt,
    valueDate: typeof value === 'string' ? value.slice(0, 10) : null,
    amountMinor: amount.minor,
    currency: cur,
    ...exchangeRow,
    counterpartyName: name.replace(/\s+/g, ' ').trim(),
    counterpartyAccount: leaf(to, 'ACCTID'),
    reference: (leaf(t, 'FITID') || leaf(t, 'REFNUM') || (leaf(t, 'CHECKNUM') !== '0' ? leaf(t, 'CHECKNUM') : '')),
    memo: [memo.replace(/\s+/g, ' ').trim(), type && !METHOD[type] ? type : '', fx.note].filter(Boolean).join(' | '),
    balanceAfterMinor: null,
    method: METHOD[type] ?? 'other',
  };
}

type Exchange = { amountMinor?: Minor; currency?: string; counterAmountMinor: Minor; counterCurrency: string };

/**
 * The currency of one STMTTRN. OFX says so two ways (OFX 1.6, 11.4.3): <CURRENCY> means TRNAMT is in
 * CURSYM and CURRATE converts it to the statement's CURDEF; <ORIGCURRENCY> means TRNAMT is in CURDEF,
 * converted from CURSYM at CURRATE. Either way with another currency than CURDEF it is an exchange:
 * the account's side in CURDEF, the counterparty's in CURSYM (the converted side rounded half up).
 */
function ofxCurrency(t: Node, curdef: string): { error: string } | { trnCurrency: string; note: string; exchange?: (trn: Minor) => Exchange } {
  const cy = find(t, 'CURRENCY');
  const orig = find(t, 'ORIGCURRENCY');
  const agg = cy ?? orig;
  const sym = leaf(agg, 'CURSYM').toUpperCase();
  const rateText = leaf(agg, 'CURRATE');
  if (!agg || !sym || sym === curdef) return { trnCurrency: sym || curdef, note: '' };
  if (!isKnownCurrency(sym)) return { error: `CURSYM: unknown currency "${sym}"` };
  const rate = rateOf(rateText);
  const note = `exchange ${sym}/${curdef} at ${rateText || '?'}`;
  const abs = (m: Minor) => (m < 0n ? -m : m);
  const sign = (m: Minor) => (m < 0n ? -1n : 1n);
  if (cy) {
    // Without a usable rate the account's side cannot be worked out: the row stays in CURSYM.
    if (!rate) return { trnCurrency: sym, note };
    return {
      trnCurrency: sym,
      note,
      exchange: (trn) => ({ amountMinor: sign(trn) * convert(abs(trn), sym, curdef, rate.n, rate.d), currency: curdef, counterAmountMinor: abs(trn), counterCurrency: sym }),
    };
  }
  if (!rate) return { error: `ORIGCURRENCY: CURRATE "${rateText}" is not a rate` };
  return { trnCurrency: curdef, note, exchange: (trn) => ({ counterAmountMinor: convert(abs(trn), curdef, sym, rate.d, rate.n), counterCurrency: sym }) };
}
