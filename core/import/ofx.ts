import { invalid } from '../errors.js';
import { isKnownCurrency, parseAmount } from '../money.js';
import { clip, lineIndex, type ParsedStatement, type RowProblem, type StatementRow } from './rows.js';

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
      const value = cdata ?? decode(body!).trim();
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

/** OFX date-time: YYYYMMDD[HHMMSS[.XXX]][[gmt offset[:tz name]]] -> ISO, or undefined. */
export function ofxDate(s: string): string | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?(?:[.:]\d+)?)?\s*(?:\[([+-]?\d+(?:\.\d+)?)(?::[^\]]*)?\])?$/.exec(s.trim());
  if (!m) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) return undefined;
  if (!m[4] || (m[4] === '00' && m[5] === '00' && (m[6] ?? '00') === '00')) return date;
  let iso = `${date}T${m[4]}:${m[5]}:${m[6] ?? '00'}`;
  if (m[7] !== undefined) {
    const hours = Number(m[7]);
    const sign = hours < 0 ? '-' : '+';
    const abs = Math.abs(hours);
    iso += `${sign}${String(Math.floor(abs)).padStart(2, '0')}:${String(Math.round((abs % 1) * 60)).padStart(2, '0')}`;
  }
  return iso;
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
      account: { identifier: acctId, currency, institution: bankId },
      rows,
    };
  });
}

function ofxRow(t: Node, text: string, base: number, lineOf: (offset: number) => number, currency: string): StatementRow | RowProblem {
  const line = lineOf(base + t.at);
  const endTag = text.indexOf('</STMTTRN>', base + t.at);
  const raw = clip(text.slice(base + t.at, endTag < 0 ? base + t.at + 2000 : endTag + 10).trim());
  const reject = (reason: string): RowProblem => ({ line, raw, reason, kind: 'rejected' });
  const posted = leaf(t, 'DTPOSTED') || leaf(t, 'DTUSER');
  const occurredAt = ofxDate(posted);
  if (!occurredAt) return reject(posted ? `DTPOSTED "${posted}" is not a real date` : 'DTPOSTED is missing');
  const cur = (find(t, 'CURSYM')?.text?.trim().toUpperCase() || currency);
  const amountText = leaf(t, 'TRNAMT');
  if (!amountText) return reject('TRNAMT is missing');
  const amount = parseAmount(amountText, cur, { decimal: amountText.includes(',') && !amountText.includes('.') ? ',' : '.' });
  if (!amount.ok) return reject(`TRNAMT: ${amount.error}`);
  if (amount.minor === 0) return reject('amount is zero: not a transfer');
  const to = find(t, 'BANKACCTTO') ?? find(t, 'CCACCTTO');
  const type = leaf(t, 'TRNTYPE').toUpperCase();
  const name = leaf(t, 'NAME') || leaf(find(t, 'PAYEE'), 'NAME');
  const memo = leaf(t, 'MEMO');
  return {
    line,
    raw,
    occurredAt,
    valueDate: ofxDate(leaf(t, 'DTAVAIL'))?.slice(0, 10) ?? null,
    amountMinor: amount.minor,
    currency: cur,
    counterpartyName: name.replace(/\s+/g, ' ').trim().slice(0, 300),
    counterpartyAccount: leaf(to, 'ACCTID'),
    reference: (leaf(t, 'FITID') || leaf(t, 'REFNUM') || (leaf(t, 'CHECKNUM') !== '0' ? leaf(t, 'CHECKNUM') : '')).slice(0, 200),
    memo: [memo.replace(/\s+/g, ' ').trim(), type && !METHOD[type] ? type : ''].filter(Boolean).join(' | ').slice(0, 2000),
    balanceAfterMinor: null,
    method: METHOD[type] ?? 'other',
  };
}
